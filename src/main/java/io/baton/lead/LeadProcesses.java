package io.baton.lead;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.baton.system.SystemCommands;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The lead's edge to the process engine: start the lifecycle, deliver stop messages. */
@Component
class LeadProcesses {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final SystemCommands system;

    LeadProcesses(RuntimeService runtimeService, HistoryService historyService, SystemCommands system) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.system = system;
    }

    void start(Lead lead) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LeadLifecycle.VAR_LEAD_ID, lead.getId());
        variables.put(LeadLifecycle.VAR_EMAIL, lead.getEmail());
        variables.put(LeadLifecycle.VAR_FIRST_NAME, lead.getFirstName());
        variables.put(LeadLifecycle.VAR_LAST_NAME, lead.getLastName());
        variables.put(LeadLifecycle.VAR_COMPANY, lead.getCompany());
        variables.put(LeadLifecycle.VAR_COUNTRY, lead.getCountry());
        variables.put(LeadLifecycle.VAR_SOURCE, lead.getSource());
        variables.put(LeadLifecycle.VAR_EMPLOYEES, lead.getEmployees());
        system.run(() -> runtimeService.createProcessInstanceByKey(LeadLifecycle.KEY)
                .businessKey(lead.getId())
                .setVariables(variables)
                .execute());
    }

    /** Delivers a stop message; false when the lead's lifecycle no longer waits for it. */
    boolean stop(String leadId, String messageName) {
        return system.run(() -> {
            var waiting = runtimeService.createExecutionQuery()
                    .processInstanceBusinessKey(leadId)
                    .messageEventSubscriptionName(messageName)
                    .count();
            if (waiting == 0) {
                return false;
            }
            runtimeService.createMessageCorrelation(messageName).processInstanceBusinessKey(leadId).correlateWithResult();
            return true;
        });
    }

    /** Delivers a message of the lead's lifecycle with its variables; false when nothing waits for it. */
    boolean correlate(String leadId, String messageName, Map<String, Object> variables) {
        return system.run(() -> {
            long waiting = runtimeService.createExecutionQuery().processInstanceBusinessKey(leadId)
                    .messageEventSubscriptionName(messageName).count();
            if (waiting == 0) {
                return false;
            }
            runtimeService.createMessageCorrelation(messageName).processInstanceBusinessKey(leadId).setVariables(variables)
                    .correlateWithResult();
            return true;
        });
    }

    /** Of these leads, the ones the user has or had a task of; two queries however many leads. */
    Set<String> workedOn(Collection<String> leadIds, String userId) {
        return system.run(() -> {
            Set<String> instances = historyService.createHistoricTaskInstanceQuery()
                    .processInstanceBusinessKeyIn(leadIds.toArray(String[]::new)).taskAssignee(userId).unlimitedList().stream()
                    .map(HistoricTaskInstance::getProcessInstanceId).collect(Collectors.toSet());
            if (instances.isEmpty()) {
                return Set.<String>of();
            }
            return historyService.createHistoricProcessInstanceQuery().processInstanceIds(instances).unlimitedList().stream()
                    .map(HistoricProcessInstance::getBusinessKey).collect(Collectors.toSet());
        });
    }

    /** Whether the user has, or had, a task of the lead: reps see the leads they work on. */
    boolean worksOn(String leadId, String userId) {
        return system.run(() -> historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(leadId)
                .taskAssignee(userId).count() > 0);
    }
}

package io.baton.lead;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.baton.system.SystemCommands;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The lead's edge to the process engine: start the lifecycle (at its start, or at a stage), deliver stop messages. */
@Component
class LeadProcesses {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final SystemCommands system;
    private final RepositoryService repositoryService;
    private final TaskFacts facts;

    LeadProcesses(RuntimeService runtimeService, HistoryService historyService, SystemCommands system, RepositoryService repositoryService,
                  TaskFacts facts) {
        this.repositoryService = repositoryService;
        this.facts = facts;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.system = system;
    }

    void start(Lead lead) {
        Map<String, Object> variables = variables(lead);
        system.run(() -> runtimeService.createProcessInstanceByKey(LeadLifecycle.KEY)
                .businessKey(lead.getId())
                .setVariables(variables)
                .execute());
    }

    /**
     * Starts the lifecycle of a live lead where it already stands: at the stage's task, owned by
     * {@code owner} (its assignee), due at {@code firstDeadline} (the step's remembered deadline,
     * which the task's due date and its timers read).
     */
    void startAt(Lead lead, String stage, String owner, Instant firstDeadline) {
        Map<String, Object> variables = variables(lead);
        variables.put(LeadLifecycle.VAR_OWNER, owner);
        variables.put(LeadLifecycle.VAR_DEADLINE_PREFIX + stage, Date.from(firstDeadline));
        system.run(() -> runtimeService.createProcessInstanceByKey(LeadLifecycle.KEY)
                .businessKey(lead.getId())
                .setVariables(variables)
                .startBeforeActivity(stage)
                .execute());
    }

    /** The stages of the deployed lifecycle a lead may be imported at, each with the teams that work it. */
    Map<String, List<String>> importStages() {
        return system.run(() -> facts.importStages(repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(LeadLifecycle.KEY).latestVersion().singleResult().getId()));
    }

    private static Map<String, Object> variables(Lead lead) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LeadLifecycle.VAR_LEAD_ID, lead.getId());
        variables.put(LeadLifecycle.VAR_EMAIL, lead.getEmail());
        variables.put(LeadLifecycle.VAR_FIRST_NAME, lead.getFirstName());
        variables.put(LeadLifecycle.VAR_LAST_NAME, lead.getLastName());
        variables.put(LeadLifecycle.VAR_COMPANY, lead.getCompany());
        variables.put(LeadLifecycle.VAR_COUNTRY, lead.getCountry());
        variables.put(LeadLifecycle.VAR_SOURCE, lead.getSource());
        variables.put(LeadLifecycle.VAR_EMPLOYEES, lead.getEmployees());
        return variables;
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

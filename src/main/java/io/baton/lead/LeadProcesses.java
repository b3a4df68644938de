package io.baton.lead;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The lead's edge to the process engine: start the lifecycle, deliver stop messages. */
@Component
class LeadProcesses {

    private final RuntimeService runtimeService;

    LeadProcesses(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
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
        runtimeService.createProcessInstanceByKey(LeadLifecycle.KEY)
                .businessKey(lead.getId())
                .setVariables(variables)
                .execute();
    }

    /** Delivers a stop message; false when the lead's lifecycle no longer waits for it. */
    boolean stop(String leadId, String messageName) {
        var waiting = runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(leadId)
                .messageEventSubscriptionName(messageName)
                .count();
        if (waiting == 0) {
            return false;
        }
        runtimeService.createMessageCorrelation(messageName).processInstanceBusinessKey(leadId).correlateWithResult();
        return true;
    }

    boolean isRunning(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey(LeadLifecycle.KEY).count() > 0;
    }
}

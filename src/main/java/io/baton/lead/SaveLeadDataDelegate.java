package io.baton.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Writes the data steward's corrections from {@code fixLeadData} back to the lead record. */
@Component("saveLeadData")
class SaveLeadDataDelegate implements JavaDelegate {

    private final LeadRepository leads;

    SaveLeadDataDelegate(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Lead lead = leads.findById(execution.getProcessBusinessKey())
                .orElseThrow(() -> new LeadNotFoundException(execution.getProcessBusinessKey()));
        Object employees = execution.getVariable(LeadLifecycle.VAR_EMPLOYEES);
        lead.correct(string(execution, LeadLifecycle.VAR_EMAIL), string(execution, LeadLifecycle.VAR_FIRST_NAME),
                string(execution, LeadLifecycle.VAR_LAST_NAME), string(execution, LeadLifecycle.VAR_COMPANY),
                string(execution, LeadLifecycle.VAR_COUNTRY),
                employees instanceof Number n && n.longValue() >= 0 ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : null);
        // Normalised values go back to the diagram so the readiness gateway sees what was stored.
        execution.setVariable(LeadLifecycle.VAR_COMPANY, lead.getCompany());
        execution.setVariable(LeadLifecycle.VAR_COUNTRY, lead.getCountry());
        execution.setVariable(LeadLifecycle.VAR_EMPLOYEES, lead.getEmployees());
    }

    private static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString().strip();
    }
}

package io.baton.lead;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.baton.system.Refusal;
import org.springframework.stereotype.Component;

/** Writes the data steward's corrections from {@code fixLeadData} back to the lead record. */
@Component("saveLeadData")
class SaveLeadDataDelegate implements JavaDelegate {

    private final LeadRepository leads;
    private final Validator validator;
    private final AccountDomains accounts;

    SaveLeadDataDelegate(LeadRepository leads, Validator validator, AccountDomains accounts) {
        this.leads = leads;
        this.accounts = accounts;
        this.validator = validator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Lead lead = leads.findById(execution.getProcessBusinessKey())
                .orElseThrow(() -> new LeadNotFoundException(execution.getProcessBusinessKey()));
        Object employees = execution.getVariable(LeadLifecycle.VAR_EMPLOYEES);
        String email = string(execution, LeadLifecycle.VAR_EMAIL);
        LeadRequest corrected = new LeadRequest(null, email == null || email.isBlank() ? lead.getEmail() : email,
                string(execution, LeadLifecycle.VAR_FIRST_NAME), string(execution, LeadLifecycle.VAR_LAST_NAME),
                string(execution, LeadLifecycle.VAR_COMPANY), string(execution, LeadLifecycle.VAR_COUNTRY), lead.getSource(),
                employees instanceof Number n && n.longValue() >= 0 ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : null);
        // The steward's form is another door to the same record: the intake's rules hold here too.
        // A refusal is a 400 problem naming the field on complete and submit-form, and the task stays open.
        validator.validate(corrected).stream()
                .min(Comparator.comparing((ConstraintViolation<LeadRequest> v) -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw Refusal.invalid(v.getPropertyPath().toString(), v.getMessage());
                });
        lead.correct(corrected.email(), corrected.firstName(), corrected.lastName(), corrected.company(), corrected.country(),
                corrected.employees());
        // A corrected address may name another company: routing, which comes next, matches on this.
        lead.joinAccount(accounts.of(lead.getEmail()).orElse(null));
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

package io.baton.lead;

import io.baton.ownership.Actors;
import io.baton.ownership.OwnershipLedger;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code ${leadClosing.close(execution, 'WON')}} on the end events: final status, ownership closed. */
@Component("leadClosing")
public class LeadClosing {

    private final LeadRepository leads;
    private final OwnershipLedger ledger;
    private final Clock clock;

    LeadClosing(LeadRepository leads, OwnershipLedger ledger, Clock clock) {
        this.leads = leads;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void close(DelegateExecution execution, String status) {
        String leadId = execution.getProcessBusinessKey();
        Lead lead = leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (!lead.isOpen()) {
            return;
        }
        ledger.close(leadId, "CLOSED_" + status, Actors.current(execution.getProcessEngineServices().getIdentityService()));
        lead.close(LeadStatus.valueOf(status), clock.instant());
    }
}

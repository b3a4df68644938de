package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadNotFoundException;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadStatus;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${leadClosing.close(execution, 'WON')}} on the end events: final status, ownership closed
 * with the reason and whoever ended it. Lives with the ledger it closes.
 */
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
        LeadStatus finalStatus = LeadStatus.valueOf(status);
        ledger.close(leadId, LedgerReason.closed(finalStatus), Actors.current(execution.getProcessEngineServices().getIdentityService()));
        lead.close(finalStatus, clock.instant());
    }
}

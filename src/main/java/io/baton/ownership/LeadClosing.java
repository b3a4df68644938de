package io.baton.ownership;

import io.baton.integration.Outbox;
import io.baton.lead.Lead;
import io.baton.lead.LeadNotFoundException;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Outbox outbox;

    LeadClosing(LeadRepository leads, OwnershipLedger ledger, Clock clock, Outbox outbox) {
        this.outbox = outbox;
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
        String lastOwner = lead.getOwner();
        String actor = Actors.current(execution.getProcessEngineServices().getIdentityService());
        ledger.close(leadId, LedgerReason.closed(finalStatus), actor);
        lead.close(finalStatus, clock.instant());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", finalStatus.name());
        data.put("owner", lastOwner);
        data.put("actor", OwnershipLedger.actorOrSystem(actor));
        outbox.record(Outbox.LEAD_CLOSED, leadId, data);
    }
}

package io.baton.lead;

import io.baton.system.RetryOnConflict;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stop conditions from integrations: the same messages the diagram listens for. */
@Service
class LeadStopper {

    private final LeadRepository leads;
    private final LeadProcesses processes;

    LeadStopper(LeadRepository leads, LeadProcesses processes) {
        this.leads = leads;
        this.processes = processes;
    }

    @RetryOnConflict
    @Transactional
    public Lead stop(String leadId, String messageName) {
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (lead.isOpen()) {
            processes.stop(leadId, messageName);
        }
        return lead;
    }
}

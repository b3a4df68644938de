package io.baton.lead;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stop conditions from integrations: the same messages the diagram listens for. */
@Service
public class LeadStopper {

    private final LeadRepository leads;
    private final LeadProcesses processes;

    LeadStopper(LeadRepository leads, LeadProcesses processes) {
        this.leads = leads;
        this.processes = processes;
    }

    @Transactional
    public Lead stop(String leadId, String messageName) {
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (lead.isOpen()) {
            processes.stop(leadId, messageName);
        }
        return lead;
    }
}

package io.baton.lead;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may read a lead through Baton's API: its owner, anyone who works or worked one of its
 * tasks (e.g. a handoff receiver), and the groups that oversee all leads. Everyone else is told
 * the lead does not exist rather than that it is hidden.
 */
@Component
public class LeadAccess {

    private static final Set<String> OVERSEERS = Set.of("GROUP_camunda-admin", "GROUP_managers", "GROUP_marketing");

    private final LeadRepository leads;
    private final LeadProcesses processes;

    LeadAccess(LeadRepository leads, LeadProcesses processes) {
        this.leads = leads;
        this.processes = processes;
    }

    public static boolean oversees(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(OVERSEERS::contains);
    }

    /** The lead if {@code who} may see it; otherwise not found. */
    public Lead require(String leadId, Authentication who) {
        Lead lead = leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (oversees(who) || who.getName().equals(lead.getOwner()) || processes.worksOn(leadId, who.getName())) {
            return lead;
        }
        throw new LeadNotFoundException(leadId);
    }
}

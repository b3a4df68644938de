package io.baton.lead;

import io.baton.system.BatonGroups;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Who may read a lead through Baton's API: its owner, anyone who works or worked one of its
 * tasks (e.g. a handoff receiver), and the groups that oversee all leads. Everyone else is told
 * the lead does not exist rather than that it is hidden.
 *
 * <p>Closing is narrower than reading: having worked a task of the lead (a former owner, a handoff
 * sender) lets a rep read it, never close it.
 */
@Component
public class LeadAccess {

    private static final Set<String> OVERSEERS = Set.of(BatonGroups.ADMINS_AUTHORITY, BatonGroups.MANAGERS_AUTHORITY,
            BatonGroups.MARKETING_AUTHORITY);

    private final LeadRepository leads;
    private final LeadProcesses processes;
    private final ReportingLine directory;

    LeadAccess(LeadRepository leads, LeadProcesses processes, ReportingLine directory) {
        this.leads = leads;
        this.processes = processes;
        this.directory = directory;
    }

    public static boolean oversees(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(OVERSEERS::contains);
    }

    /** The lead if {@code who} may see it; otherwise not found. */
    public Lead require(String leadId, Authentication who) {
        Lead lead = leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (mayRead(lead, who)) {
            return lead;
        }
        throw new LeadNotFoundException(leadId);
    }

    public boolean mayRead(Lead lead, Authentication who) {
        return oversees(who) || who.getName().equals(lead.getOwner()) || processes.worksOn(lead.getId(), who.getName());
    }

    /** Of these leads, the ones {@code who} may read; a few queries for a whole page of ids. */
    public Set<String> readable(Collection<String> leadIds, Authentication who) {
        if (oversees(who) || leadIds.isEmpty()) {
            return new HashSet<>(leadIds);
        }
        Set<String> readable = leads.findAllById(leadIds).stream().filter(l -> who.getName().equals(l.getOwner()))
                .map(Lead::getId).collect(Collectors.toCollection(HashSet::new));
        readable.addAll(processes.workedOn(leadIds, who.getName()));
        return readable;
    }

    /**
     * The lead if {@code who} may end it with this stop message: the current owner, a manager in the
     * owner's reporting line, an admin, and for {@code unsubscribe} also marketing. Someone who may
     * read the lead but not close it gets 403; someone who may not read it, 404.
     */
    public Lead requireClose(String leadId, String messageName, Authentication who) {
        Lead lead = require(leadId, who);
        Set<String> groups = who.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        String owner = lead.getOwner();
        boolean allowed = groups.contains(BatonGroups.ADMINS_AUTHORITY)
                || who.getName().equals(owner)
                || directory.manages(who.getName(), owner)
                || LeadLifecycle.MESSAGE_UNSUBSCRIBED.equals(messageName) && groups.contains(BatonGroups.MARKETING_AUTHORITY);
        if (allowed) {
            return lead;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Only the lead's owner, a manager in the owner's reporting line or an administrator may do this"
                        + (LeadLifecycle.MESSAGE_UNSUBSCRIBED.equals(messageName) ? " (or marketing)" : ""));
        problem.setTitle("Not yours to close");
        throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }
}

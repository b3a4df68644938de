package io.baton.lead;

import io.baton.system.BatonGroups;
import io.baton.system.Refusal;
import io.baton.system.RetryOnConflict;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Waiting on customer" from Baton's API: the request is checked here, then handed to the lead's
 * lifecycle as the messages its diagram waits for ({@code LeadPaused}, {@code LeadResumed}); the
 * diagram stops and restarts the SLA clock, so Camunda's REST API reaches the same behaviour.
 */
@Service
class Pauses {

    private final LeadRepository leads;
    private final LeadPauseRepository pauses;
    private final LeadAccess access;
    private final PauseRules rules;
    private final LeadProcesses processes;

    Pauses(LeadRepository leads, LeadPauseRepository pauses, LeadAccess access, PauseRules rules, LeadProcesses processes) {
        this.leads = leads;
        this.pauses = pauses;
        this.access = access;
        this.rules = rules;
        this.processes = processes;
    }

    @RetryOnConflict
    @Transactional
    public Lead pause(String leadId, Authentication who, String reason, Instant resumeBy) {
        Lead lead = lockedLeadOf(leadId, who);
        List<Refusal.Problem> problems = rules.problems(reason, resumeBy == null ? null : Date.from(resumeBy));
        if (!problems.isEmpty()) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid request", problems);
        }
        if (pauses.findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(leadId).isPresent()) {
            throw LeadProblems.of(HttpStatus.CONFLICT, "Already paused", "paused", "the lead already waits on its customer");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(LeadLifecycle.VAR_PAUSE_REASON, reason.strip());
        variables.put(LeadLifecycle.VAR_RESUME_BY, Date.from(resumeBy));
        if (!processes.correlate(leadId, LeadLifecycle.MESSAGE_PAUSED, variables)) {
            throw LeadProblems.of(HttpStatus.CONFLICT, "Not pausable", "status", "the lead's lifecycle is not running");
        }
        return lead;
    }

    @RetryOnConflict
    @Transactional
    public Lead resume(String leadId, Authentication who) {
        Lead lead = lockedLeadOf(leadId, who);
        if (pauses.findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(leadId).isEmpty()
                || !processes.correlate(leadId, LeadLifecycle.MESSAGE_RESUMED, Map.of())) {
            throw LeadProblems.of(HttpStatus.CONFLICT, "Not paused", "paused", "the lead does not wait on its customer");
        }
        return lead;
    }

    private Lead lockedLeadOf(String leadId, Authentication who) {
        access.require(leadId, who);
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (!lead.isOpen()) {
            throw LeadProblems.of(HttpStatus.CONFLICT, "Lead closed", "status", "is " + lead.getStatus());
        }
        if (!rules.mayPause(who.getName(), groupIds(who), lead)) {
            throw LeadProblems.of(HttpStatus.FORBIDDEN, "Not yours to pause", "owner",
                    "only the lead's owner, a manager in the owner's reporting line or an administrator");
        }
        return lead;
    }

    private static Set<String> groupIds(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(BatonGroups.AUTHORITY_PREFIX))
                .map(a -> a.substring(BatonGroups.AUTHORITY_PREFIX.length())).collect(Collectors.toSet());
    }
}

package io.baton.lead;

import io.baton.system.RetryOnConflict;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contact attempts: only the lead's owner makes them, only while the lead is open. The first one is
 * the lead's first touch; {@link LeadAttempted} tells the SLA clock and the metrics in the same transaction.
 */
@Service
class Attempts {

    private final LeadRepository leads;
    private final AttemptRepository attempts;
    private final LeadAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Attempts(LeadRepository leads, AttemptRepository attempts, LeadAccess access, ApplicationEventPublisher events, Clock clock) {
        this.leads = leads;
        this.attempts = attempts;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @RetryOnConflict
    @Transactional
    public Lead record(String leadId, Authentication who, String channel, String note) {
        access.require(leadId, who);
        // The lead row is the lock: two first attempts at once cannot both be first.
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        // A closed lead has no owner any more: its former owner learns it is closed.
        if (!lead.isOpen()) {
            throw LeadProblems.of(HttpStatus.CONFLICT, "Lead closed", "status", "is " + lead.getStatus() + "; a closed lead takes no attempts");
        }
        if (!who.getName().equals(lead.getOwner())) {
            throw LeadProblems.of(HttpStatus.FORBIDDEN, "Not your lead", "owner", "only the lead's owner logs contact attempts");
        }
        boolean first = attempts.countByLeadId(leadId) == 0;
        Instant now = clock.instant();
        String text = note == null || note.isBlank() ? null : note.strip();
        attempts.save(new Attempt(leadId, channel, text, who.getName(), now));
        events.publishEvent(new LeadAttempted(leadId, lead.getOwner(), lead.getSource(), lead.getCreatedAt(), now, channel, first));
        return lead;
    }
}

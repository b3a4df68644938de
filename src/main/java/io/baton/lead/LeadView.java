package io.baton.lead;

import java.time.Instant;
import java.util.List;

record LeadView(String id, String externalId, String owner, LeadStatus status, String stage, String email,
                       String firstName, String lastName, String company, String country, String source,
                       Integer employees, Instant createdAt, Instant closedAt, String previousLeadId,
                       Reconsent reconsent, Instant firstTouchAt, List<AttemptView> attempts, Long pausedSeconds,
                       Paused paused) {

    /** The latest re-consent that lifted this lead's suppression. */
    public record Reconsent(String by, Instant at, String evidence) {
    }

    public record AttemptView(String channel, String note, String by, Instant at) {
    }

    /** Present while the lead waits on its customer. */
    public record Paused(String reason, String by, Instant since, Instant resumeBy) {
    }

    /** What the single-lead view adds: contact attempts and time spent waiting on the customer. */
    record Activity(Instant firstTouchAt, List<AttemptView> attempts, long pausedSeconds, Paused paused) {
    }

    static LeadView of(Lead lead) {
        return of(lead, null);
    }

    static LeadView of(Lead lead, Reconsent reconsent) {
        return of(lead, reconsent, null);
    }

    static LeadView of(Lead lead, Reconsent reconsent, Activity activity) {
        return new LeadView(lead.getId(), lead.getExternalId(), lead.getOwner(), lead.getStatus(), lead.getStage(),
                lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getCompany(), lead.getCountry(),
                lead.getSource(), lead.getEmployees(), lead.getCreatedAt(), lead.getClosedAt(), lead.getPreviousLeadId(),
                reconsent, activity == null ? null : activity.firstTouchAt(), activity == null ? null : activity.attempts(),
                activity == null ? null : activity.pausedSeconds(), activity == null ? null : activity.paused());
    }
}

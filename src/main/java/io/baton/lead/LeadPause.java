package io.baton.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A time the lead waited on its customer; open while {@code resumedAt} is null. */
@Entity
@Table(name = "baton_lead_pause")
public class LeadPause {

    /** How a pause ended. */
    public enum Resumed { REPLIED, RESUMED, TIMER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String reason;
    private String pausedBy;
    private Instant since;
    private Instant resumeBy;
    private Instant resumedAt;
    private String resumedHow;
    private String resumedBy;

    protected LeadPause() {
    }

    public LeadPause(String leadId, String reason, String pausedBy, Instant since, Instant resumeBy) {
        this.leadId = leadId;
        this.reason = reason;
        this.pausedBy = pausedBy;
        this.since = since;
        this.resumeBy = resumeBy;
    }

    /** Ends the pause; returns how long the clock stood still. */
    public Duration resume(Instant at, Resumed how, String by) {
        this.resumedAt = at.isBefore(since) ? since : at;
        this.resumedHow = how.name();
        this.resumedBy = by;
        return Duration.between(since, resumedAt);
    }

    public boolean isOpen() {
        return resumedAt == null;
    }

    /** Paused time up to {@code now} (a pause still open counts until now). */
    public Duration pausedUntil(Instant now) {
        Instant end = resumedAt != null ? resumedAt : now;
        return end.isAfter(since) ? Duration.between(since, end) : Duration.ZERO;
    }

    public String getLeadId() { return leadId; }
    public String getReason() { return reason; }
    public String getPausedBy() { return pausedBy; }
    public Instant getSince() { return since; }
    public Instant getResumeBy() { return resumeBy; }
    public Instant getResumedAt() { return resumedAt; }
    public String getResumedHow() { return resumedHow; }
}

package io.baton.escalation;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One level of one breach: who let which work lapse, which manager got it, what they decided. */
@Entity
@Table(name = "baton_escalation")
class Escalation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String breachId;
    private int level;
    private String escalatedTask;
    private String lapsedBy;
    private String reviewer;
    private String decision;
    private String decidedBy;
    private Instant createdAt;
    private Instant decidedAt;

    protected Escalation() {
    }

    void decide(String decision, String by, Instant at) {
        this.decision = decision;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    public String getLeadId() { return leadId; }
    public String getBreachId() { return breachId; }
    public int getLevel() { return level; }
    public String getEscalatedTask() { return escalatedTask; }
    public String getLapsedBy() { return lapsedBy; }
    public String getReviewer() { return reviewer; }

    /** Whoever holds the review now: a review moved by offboarding, cover or a manager is theirs. */
    void reviewedBy(String person) {
        if (decidedAt == null && person != null) {
            this.reviewer = person;
        }
    }
    public String getDecision() { return decision; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getDecidedAt() { return decidedAt; }
}

package io.baton.ownership;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One task moved to a cover while its assignee was away, and what became of it on their return. */
@Entity
@Table(name = "baton_cover_move")
class CoverMove {

    enum Outcome {
        /** Still at the step it was moved at, with the cover: it went back to the returning person. */
        RETURNED,
        /** The cover advanced it (completed, or the work moved on): it stays where it is. */
        KEPT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String absentUser;
    private String coverUser;
    private String taskId;
    private String taskKey;
    private String leadId;
    private Instant movedAt;
    private String movedBy;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private Instant settledAt;
    private String settledBy;

    protected CoverMove() {
    }

    CoverMove(String absentUser, String coverUser, String taskId, String taskKey, String leadId, Instant movedAt, String movedBy) {
        this.absentUser = absentUser;
        this.coverUser = coverUser;
        this.taskId = taskId;
        this.taskKey = taskKey;
        this.leadId = leadId;
        this.movedAt = movedAt;
        this.movedBy = movedBy;
    }

    void settle(Outcome outcome, Instant at, String by) {
        this.outcome = outcome;
        this.settledAt = at;
        this.settledBy = by;
    }

    String getAbsentUser() { return absentUser; }
    String getCoverUser() { return coverUser; }
    String getTaskId() { return taskId; }
    String getTaskKey() { return taskKey; }
    String getLeadId() { return leadId; }
    Outcome getOutcome() { return outcome; }
}

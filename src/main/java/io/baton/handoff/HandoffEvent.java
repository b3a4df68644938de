package io.baton.handoff;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Evidence of one gate decision or answer in a handoff: who, what, when, under which model version. */
@Entity
@Table(name = "baton_handoff_event")
class HandoffEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String handoff;
    @Enumerated(EnumType.STRING)
    private HandoffEventKind kind;
    private String actor;
    private String answers;
    private String missingItems;
    private String reason;
    private String processDefinition;
    private Instant occurredAt;

    protected HandoffEvent() {
    }

    HandoffEvent(String leadId, String handoff, HandoffEventKind kind, String actor, String answers, String missingItems, String reason,
                 String processDefinition, Instant occurredAt) {
        this.leadId = leadId;
        this.handoff = handoff;
        this.kind = kind;
        this.actor = actor;
        this.answers = answers;
        this.missingItems = missingItems;
        this.reason = reason;
        this.processDefinition = processDefinition;
        this.occurredAt = occurredAt;
    }

    public String getLeadId() { return leadId; }
    public String getHandoff() { return handoff; }
    HandoffEventKind getKind() { return kind; }
    public String getActor() { return actor; }
    public String getAnswers() { return answers; }
    public String getMissingItems() { return missingItems; }
    public String getReason() { return reason; }
    public String getProcessDefinition() { return processDefinition; }
    public Instant getOccurredAt() { return occurredAt; }
}

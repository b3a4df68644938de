package io.baton.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One contact attempt by the lead's owner: a call, an e-mail, a meeting or a social message. */
@Entity
@Table(name = "baton_lead_attempt")
class Attempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String channel;
    private String note;
    private String actor;
    private Instant attemptedAt;

    protected Attempt() {
    }

    Attempt(String leadId, String channel, String note, String actor, Instant attemptedAt) {
        this.leadId = leadId;
        this.channel = channel;
        this.note = note;
        this.actor = actor;
        this.attemptedAt = attemptedAt;
    }

    String getLeadId() { return leadId; }
    String getChannel() { return channel; }
    String getNote() { return note; }
    String getActor() { return actor; }
    Instant getAttemptedAt() { return attemptedAt; }
}

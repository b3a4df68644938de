package io.baton.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Evidence of a re-consent: who lifted an unsubscribed contact's suppression, when, and on what grounds. */
@Entity
@Table(name = "baton_consent")
class Consent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String email;
    private String actor;
    private String evidence;
    private Instant occurredAt;

    protected Consent() {
    }

    Consent(String leadId, String email, String actor, String evidence, Instant occurredAt) {
        this.leadId = leadId;
        this.email = email;
        this.actor = actor;
        this.evidence = evidence;
        this.occurredAt = occurredAt;
    }

    String getLeadId() { return leadId; }
    String getEmail() { return email; }
    String getActor() { return actor; }
    String getEvidence() { return evidence; }
    Instant getOccurredAt() { return occurredAt; }
}

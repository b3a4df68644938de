package io.baton.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An imported entry of the suppression list: one normalised address or one domain (its subdomains
 * included) that Baton does not capture and whose open leads it stopped. Unsubscribed leads suppress
 * their own contact besides ({@link Lead#suppressesContact()}).
 */
@Entity
@Table(name = "baton_suppression")
class Suppression {

    static final String IMPORTED = "imported";
    static final String UNSUBSCRIBED = "unsubscribed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String email;
    private String domain;
    private String source;
    private String actor;
    private String reason;
    private Instant createdAt;

    protected Suppression() {
    }

    private Suppression(String email, String domain, String actor, String reason, Instant createdAt) {
        this.email = email;
        this.domain = domain;
        this.source = IMPORTED;
        this.actor = actor;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    static Suppression ofEmail(String normalisedEmail, String actor, String reason, Instant at) {
        return new Suppression(normalisedEmail, null, actor, reason, at);
    }

    static Suppression ofDomain(String normalisedDomain, String actor, String reason, Instant at) {
        return new Suppression(null, normalisedDomain, actor, reason, at);
    }

    String getEmail() { return email; }
    String getDomain() { return domain; }
    String getSource() { return source; }
    String getActor() { return actor; }
    String getReason() { return reason; }
    Instant getCreatedAt() { return createdAt; }
}

package io.baton.ownership;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stretch of time during which one named person was accountable for a lead. Append-only. */
@Entity
@Table(name = "baton_ownership_period")
class OwnershipPeriod {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String leadId;
    private String owner;
    private Instant validFrom;
    private Instant validTo;
    private String openLeadId;
    @Enumerated(EnumType.STRING)
    private LedgerReason reason;
    private String actor;
    @Enumerated(EnumType.STRING)
    private LedgerReason closedReason;
    private String closedBy;

    protected OwnershipPeriod() {
    }

    OwnershipPeriod(String leadId, String owner, Instant from, LedgerReason reason, String actor) {
        this.leadId = leadId;
        this.owner = owner;
        this.validFrom = from;
        this.openLeadId = leadId;
        this.reason = reason;
        this.actor = actor;
    }

    void end(Instant at) {
        this.validTo = at;
        this.openLeadId = null;
    }

    /** The last period of a closed lead: it ends with the lead, for that reason, by that actor. */
    void close(Instant at, LedgerReason why, String by) {
        end(at);
        this.closedReason = why;
        this.closedBy = by;
    }

    public String getLeadId() { return leadId; }
    public String getOwner() { return owner; }
    public Instant getValidFrom() { return validFrom; }
    public Instant getValidTo() { return validTo; }
    public LedgerReason getReason() { return reason; }
    public String getActor() { return actor; }
    public LedgerReason getClosedReason() { return closedReason; }
    public String getClosedBy() { return closedBy; }
}

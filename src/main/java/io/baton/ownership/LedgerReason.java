package io.baton.ownership;

import io.baton.lead.LeadStatus;

/**
 * Why a period of the ownership ledger began or ended; stored and shown by name. A diagram names
 * its reason in the {@code ownershipReason} variable ({@code ROUTED}, {@code DATA_FIX}).
 */
public enum LedgerReason {
    ROUTED,
    DATA_FIX,
    HANDOFF_ACCEPTED,
    ESCALATION_REASSIGN,
    REASSIGNED,
    OFFBOARDED,
    /** A task moved to the cover of someone away (actor = the manager or admin who named the cover). */
    COVER,
    /** A covered task, still where the cover received it, moved back to the person who returned. */
    COVER_RETURN,
    /** A live lead imported at a stage with its owner (actor = the importer). */
    IMPORTED,
    CLOSED_WON,
    CLOSED_LOST,
    CLOSED_DISQUALIFIED,
    CLOSED_UNSUBSCRIBED;

    static LedgerReason closed(LeadStatus status) {
        return valueOf("CLOSED_" + status.name());
    }
}

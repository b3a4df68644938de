package io.baton.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * Why the lead's owner was chosen, as decided in the routing step: the team and the rule of the
 * routing table that chose it, the rule's segment, the reason ({@link Reason}) and, when the lead's
 * company already had an open lead, that lead and its owner at the time.
 */
@Embeddable
public record LeadRouting(
        @Column(name = "routing_team") String team,
        @Column(name = "routing_rule") String rule,
        @Column(name = "routing_segment") String segment,
        @Enumerated(EnumType.STRING) @Column(name = "routing_reason") Reason reason,
        @Column(name = "routing_account_owner") String accountOwner,
        @Column(name = "routing_account_lead_id") String accountLeadId) {

    public enum Reason {
        /** The routing table chose the team; the member with the least open work relative to capacity got it. */
        RULE,
        /** Nobody in the team could take work: the team's manager holds it. */
        TEAM_MANAGER,
        /** Another open lead of the same company: its owner, present and in the chosen team, got this one too. */
        ACCOUNT_MATCH,
        /** The company's owner is away or offboarded: routed as usual, {@code account} names them. */
        ACCOUNT_OWNER_AWAY,
        /** The company's owner works in another team than the one the routing table chose: routed as usual. */
        ACCOUNT_OWNER_OTHER_TEAM,
        /** Not decision-ready (e.g. no company): the data steward's team holds it until the data is fixed. */
        DATA_STEWARD,
        /** The routing table answered a team the directory does not have, or nothing: the process steward holds it, with an incident naming the rule. */
        PROCESS_STEWARD,
        /** Imported at a stage with its owner: no routing; {@code team} is the owner's. */
        IMPORTED
    }
}

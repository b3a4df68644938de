package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadRouting;
import io.baton.lead.StageOwners;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner of a lead imported at a stage: a member of the directory, not offboarded, in a team
 * that works that stage (an owner who is away still holds their leads, as the people they cover
 * for do). The placement opens the lead's first ledger period with reason {@code IMPORTED}.
 */
@Component
class ImportedOwners implements StageOwners {

    private final TeamDirectory directory;
    private final OwnershipLedger ledger;

    ImportedOwners(TeamDirectory directory, OwnershipLedger ledger) {
        this.directory = directory;
        this.ledger = ledger;
    }

    @Override
    public Optional<String> refusal(String owner, Collection<String> teams) {
        Optional<TeamMember> member = directory.member(owner);
        if (member.isEmpty()) {
            return Optional.of("names nobody in the team directory");
        }
        if (member.get().isOffboarded()) {
            return Optional.of("is offboarded and takes no new work");
        }
        if (!teams.contains(member.get().getTeam())) {
            return Optional.of("works in team " + member.get().getTeam() + "; this stage is worked by team " + String.join(" or ", teams));
        }
        return Optional.empty();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void placed(Lead lead, String owner, String actor) {
        ledger.assign(lead.getId(), owner, LedgerReason.IMPORTED, actor);
        lead.routed(new LeadRouting(directory.member(owner).map(TeamMember::getTeam).orElse(null), null, null,
                LeadRouting.Reason.IMPORTED, null, null));
    }
}

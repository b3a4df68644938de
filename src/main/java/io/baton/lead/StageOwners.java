package io.baton.lead;

import java.util.Collection;
import java.util.Optional;

/**
 * Who may hold a lead that is placed at a stage instead of routed, and recording that they do: the
 * ownership feature's team directory and ledger answer, so the lead feature does not depend on ownership.
 */
public interface StageOwners {

    /** Why {@code owner} may not hold work that members of {@code teams} do; empty when they may. */
    Optional<String> refusal(String owner, Collection<String> teams);

    /** Makes {@code owner} accountable for the placed lead from now on, as {@code actor}'s doing; inside the intake's transaction. */
    void placed(Lead lead, String owner, String actor);
}

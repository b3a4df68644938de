package io.baton.lead;

import java.util.Collection;
import java.util.Map;

/**
 * Who ended each lead, as the ownership ledger recorded it when the lead closed; the ownership feature
 * answers, so the lead feature does not depend on it. The suppression list names the actor of an
 * unsubscribe this way.
 */
public interface ClosedBy {

    /** Lead id → the actor of its close; leads without a recorded close are absent. */
    Map<String, String> of(Collection<String> leadIds);
}

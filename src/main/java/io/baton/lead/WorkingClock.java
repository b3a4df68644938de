package io.baton.lead;

import java.time.Duration;
import java.time.Instant;

/**
 * Working time as the lead feature needs it to spread the deadlines of an import; the escalation
 * feature's business calendar answers, so the lead feature does not depend on escalation.
 */
public interface WorkingClock {

    /** The instant at which {@code amount} of working time has passed after {@code start}. */
    Instant add(Instant start, Duration amount);

    /** The instant {@code fraction} (0 to 1) of the working time in {@code window} after {@code start}. */
    Instant within(Instant start, Duration window, double fraction);
}

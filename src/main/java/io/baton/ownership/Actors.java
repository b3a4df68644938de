package io.baton.ownership;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who caused an engine change: the authenticated user, or Baton itself for timers and jobs. */
public final class Actors {

    /** The actor of changes no person made: timers, jobs, routing. */
    public static final String SYSTEM = "baton";

    private Actors() {
    }

    public static String current(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }
}

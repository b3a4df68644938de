package io.baton.ownership;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who caused an engine change: the authenticated user, or Baton itself for timers and jobs. */
public final class Actors {

    /** The actor of changes no person made: timers, jobs, routing. */
    public static final String SYSTEM = "baton";

    private Actors() {
    }

    /** The engine groups of the authenticated user; none for Baton itself. */
    public static List<String> currentGroups(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    }

    /** Whether a person (not Baton's own timers and jobs) is behind the current engine call. */
    public static boolean isPerson(IdentityService identityService) {
        return !SYSTEM.equals(current(identityService));
    }

    public static String current(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }
}

package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * The Camunda groups Baton's rules name, and how they appear as Spring Security authorities
 * ({@code GROUP_<id>}). Who is in them is the identity service's business; these are only the ids.
 */
public final class BatonGroups {

    public static final String MARKETING = "marketing";
    public static final String SDR = "sdr";
    /** Sales development for companies of 1,000 or more employees (the demo's routing table sends them there). */
    public static final String SDR_ENTERPRISE = "sdr-enterprise";
    public static final String AE = "ae";
    public static final String DELIVERY = "delivery";
    public static final String MANAGERS = "managers";
    public static final String ADMINS = Groups.CAMUNDA_ADMIN;
    /** Prometheus scrapers and other monitoring: reads the actuator, nothing else. */
    public static final String MONITORING = "monitoring";

    /**
     * The team groups Baton's diagrams name, granted Tasklist at the first start. A team's group made
     * later in Admin gets the same grants from the ownership reconcile (see {@link WorkerGrants}).
     */
    public static final List<String> WORKERS = List.of(MARKETING, SDR, SDR_ENTERPRISE, AE, DELIVERY, MANAGERS);

    public static final String AUTHORITY_PREFIX = "GROUP_";
    public static final String MARKETING_AUTHORITY = AUTHORITY_PREFIX + MARKETING;
    public static final String MANAGERS_AUTHORITY = AUTHORITY_PREFIX + MANAGERS;
    public static final String ADMINS_AUTHORITY = AUTHORITY_PREFIX + ADMINS;
    public static final String MONITORING_AUTHORITY = AUTHORITY_PREFIX + MONITORING;

    /** The managers-or-admin rule as Spring Security expression, for {@link ManagersOrAdmin}. */
    public static final String MANAGERS_OR_ADMIN = "hasAnyAuthority('" + MANAGERS_AUTHORITY + "', '" + ADMINS_AUTHORITY + "')";

    private BatonGroups() {
    }

    public static String authority(String group) {
        return AUTHORITY_PREFIX + group;
    }
}

package io.baton.system;

import java.sql.Timestamp;
import java.time.Clock;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the administrator (every profile) and the features' {@link Seed}s (the demo team of
 * profile {@code demo}) once per database. A marker row claimed in the same transaction makes it
 * safe for two nodes starting on one database at once: the second waits on the marker's key, then
 * sees it taken and skips.
 */
@Component
class AccountSeeder {

    private static final Logger log = LoggerFactory.getLogger(AccountSeeder.class);
    static final String ADMIN = "admin";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final EngineAuthorizations engineAuthorizations;
    private final ObjectProvider<Seed> seeds;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final TransactionTemplate transaction;
    private final Environment environment;
    private final String adminPassword;

    AccountSeeder(IdentityService identityService, AuthorizationService authorizationService, EngineAuthorizations engineAuthorizations,
                  ObjectProvider<Seed> seeds, JdbcTemplate jdbc, Clock clock, ProcessEngineConfigurationImpl engineConfiguration,
                  PlatformTransactionManager transactionManager, Environment environment,
                  @Value("${baton.security.admin-password:}") String adminPassword) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.engineAuthorizations = engineAuthorizations;
        this.seeds = seeds;
        this.jdbc = jdbc;
        this.clock = clock;
        this.engineConfiguration = engineConfiguration;
        this.transaction = new TransactionTemplate(transactionManager);
        this.environment = environment;
        this.adminPassword = adminPassword;
        checkAdminPassword();
    }

    private boolean demo() {
        return environment.acceptsProfiles(Profiles.of("demo"));
    }

    /** Production refuses to start with a missing or guessable admin password. */
    private void checkAdminPassword() {
        if (demo()) {
            return;
        }
        if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("BATON_ADMIN_PASSWORD is not set: without the demo profile Baton needs an administrator password");
        }
        AdminPassword.weakness(adminPassword, ADMIN).ifPresent(why -> {
            throw new IllegalStateException("BATON_ADMIN_PASSWORD is too weak: it " + why
                    + ". Use at least " + AdminPassword.MIN_LENGTH + " characters that are not a common password, e.g. several unrelated words");
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        once("admin", this::seedAdmin);
        syncAdminPassword();
        once("authorizations-v1", engineAuthorizations::grantBaseline);
        once("authorizations-v2", engineAuthorizations::tightenGrants);
        seeds.orderedStream().forEach(seed -> once(seed.name(), seed::seed));
        // Empty on every profile: an administrator adds the Prometheus scraper's user to it (README "Operating securely").
        once("monitoring-group", () -> group(BatonGroups.MONITORING, "Monitoring", Groups.GROUP_TYPE_SYSTEM));
    }

    private void once(String name, Runnable seeding) {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("insert into baton_seed (name, seeded_at) values (?, ?)", name, Timestamp.from(clock.instant()));
                seeding.run();
            });
            log.info("Seeded {}", name);
        } catch (DataIntegrityViolationException alreadySeeded) {
            log.debug("{} was seeded before", name);
        }
    }

    private void seedAdmin() {
        String password = adminPassword == null || adminPassword.isBlank() ? "admin" : adminPassword;
        user(ADMIN, "Baton", "Administrator", password);
        group(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        identityService.createMembership(ADMIN, Groups.CAMUNDA_ADMIN);
        for (Resource resource : Resources.values()) {
            Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(Groups.CAMUNDA_ADMIN);
            grant.setResource(resource);
            grant.setResourceId(Authorization.ANY);
            grant.addPermission(Permissions.ALL);
            authorizationService.saveAuthorization(grant);
        }
    }

    /**
     * A changed {@code BATON_ADMIN_PASSWORD} takes effect at the next start: the administrator was
     * seeded once, so a stored password that differs from the configured one is replaced. Nodes
     * starting together take turns on the admin's seed marker; the later one finds it done.
     * Compared by hash, not by logging in, so a start never counts as a failed login of admin.
     */
    void syncAdminPassword() {
        if (adminPassword == null || adminPassword.isBlank()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.queryForList("select name from baton_seed where name = ? for update", String.class, ADMIN);
            if (!(identityService.createUserQuery().userId(ADMIN).singleResult() instanceof UserEntity admin)) {
                return;
            }
            String salted = EncryptionUtil.saltPassword(adminPassword, admin.getSalt());
            if (engineConfiguration.getPasswordManager().check(salted, admin.getPassword())) {
                return;
            }
            admin.setPassword(adminPassword);
            identityService.saveUser(admin);
            log.info("The password of user {} was changed to the configured BATON_ADMIN_PASSWORD", ADMIN);
        });
    }

    private void user(String id, String first, String last, String password) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setPassword(password);
        user.setEmail(id + "@baton.local");
        identityService.saveUser(user);
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
    }
}

package io.baton.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up migration for {@link DefaultGrantsPlugin}: users created before it hold ALL on their own
 * record; this cuts every such grant to READ, once per database. The marker row in
 * {@code baton_seed} is claimed in the same transaction, so of two nodes starting at once one does
 * the work and the other waits on the marker's key, then sees it taken and skips. The work itself
 * only touches grants that still allow more than READ, so running it again changes nothing.
 */
@Component
class OwnUserRecordGrants {

    static final String MARKER = "own-user-record-read-only-v1";

    private static final Logger log = LoggerFactory.getLogger(OwnUserRecordGrants.class);

    private final AuthorizationService authorizations;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OwnUserRecordGrants(AuthorizationService authorizations, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.clock = clock;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @EventListener(ApplicationReadyEvent.class)
    void migrate() {
        try {
            int cut = transaction.execute(status -> {
                jdbc.update("insert into baton_seed (name, seeded_at) values (?, ?)", MARKER, Timestamp.from(clock.instant()));
                return reduceToRead();
            });
            log.info("Own user records: {} grants reduced to READ", cut);
        } catch (DataIntegrityViolationException alreadyDone) {
            log.debug("Own user records were reduced to READ before");
        }
    }

    int reduceToRead() {
        int cut = 0;
        for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.USER).unlimitedList()) {
            boolean ownRecord = grant.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && grant.getUserId() != null
                    && grant.getUserId().equals(grant.getResourceId());
            if (ownRecord && !readOnly(grant)) {
                grant.setPermissions(new Permission[] {Permissions.READ});
                authorizations.saveAuthorization(grant);
                cut++;
            }
        }
        return cut;
    }

    private static boolean readOnly(Authorization grant) {
        return Arrays.stream(Permissions.values()).filter(p -> p != Permissions.NONE && p != Permissions.READ)
                .noneMatch(grant::isPermissionGranted);
    }
}

package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Same context as {@code LeadAuthorityH2IT}, so the suite boots once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:baton-leads;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
class OwnUserRecordGrantsH2IT {

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    OwnUserRecordGrants grants;

    @Test
    void grantsFromBeforeTheRuleAreCutToReadOnceAndAgainChangeNothing() {
        String id = "legacy" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        User user = identityService.newUser(id);
        user.setPassword("legacy-password");
        identityService.saveUser(user);
        Authorization own = ownGrant(id);
        assertThat(own.isPermissionGranted(Permissions.UPDATE)).as("new users get READ only").isFalse();
        assertThat(own.isPermissionGranted(Permissions.READ)).isTrue();

        // What Camunda's default provider left in databases before Baton's rule.
        own.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(own);
        assertThat(ownGrant(id).isPermissionGranted(Permissions.DELETE)).isTrue();

        assertThat(grants.reduceToRead()).isEqualTo(1);
        assertThat(grants.reduceToRead()).as("idempotent").isZero();
        grants.migrate();
        Authorization reduced = ownGrant(id);
        assertThat(reduced.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(reduced.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(reduced.isPermissionGranted(Permissions.DELETE)).isFalse();
        identityService.deleteUser(id);
    }

    private Authorization ownGrant(String id) {
        return authorizations.createAuthorizationQuery().resourceType(Resources.USER).userIdIn(id).resourceId(id).singleResult();
    }
}

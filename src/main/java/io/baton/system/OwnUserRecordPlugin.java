package io.baton.system;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda grants every new user ALL on their own user record, so a rep could rename or delete
 * themselves (and with it their accountability) through {@code /engine-rest/user}. Baton grants
 * READ only; people change their password through {@code PUT /api/me/password}, and administrators
 * keep full rights through their group. Grants made before this rule are cut by
 * {@link OwnUserRecordGrants}. The starter installs every {@code ProcessEnginePlugin} bean.
 */
@Component
class OwnUserRecordPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new ReadOwnUserOnly());
    }

    /** Camunda's defaults, except a user's grant on their own record. */
    static class ReadOwnUserOnly extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newUser(User user) {
            AuthorizationEntity[] grants = super.newUser(user);
            for (AuthorizationEntity grant : grants) {
                grant.setPermissions(new Permission[] {Permissions.READ});
            }
            return grants;
        }
    }
}

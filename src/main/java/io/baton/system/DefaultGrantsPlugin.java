package io.baton.system;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * The grants the engine makes by itself when it creates a user, group, task, … The engine holds one
 * such provider, so every rule Baton changes about them belongs in {@link BatonDefaults}. The
 * starter installs every {@code ProcessEnginePlugin} bean.
 *
 * <p>Own user record: Camunda grants every new user ALL on their own user, so a rep could rename or
 * delete themselves (and with them their accountability) through {@code /engine-rest/user}. Baton
 * grants READ; people change their password through {@code PUT /api/me/password}, administrators
 * keep full rights through their group. Grants made before this rule are cut by {@link OwnUserRecordGrants}.
 */
@Component
class DefaultGrantsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new BatonDefaults());
    }

    /** Camunda's defaults, except where Baton says otherwise. */
    static class BatonDefaults extends DefaultAuthorizationProvider {

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

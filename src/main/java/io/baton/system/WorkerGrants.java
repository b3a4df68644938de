package io.baton.system;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * The engine grants every team's group holds: its members reach Tasklist and read the process
 * definitions of the tasks they get (Tasklist shows a task's process name and form). What they may
 * do with a task comes from the engine's assignee grant. The demo's groups get them with the
 * baseline; a team's group created later in Admin gets them from the ownership reconcile.
 */
@Component
public class WorkerGrants {

    private final AuthorizationService authorizations;

    WorkerGrants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /**
     * Creates the grants the group lacks; returns how many. A grant or revoke an administrator
     * already wrote for the same resource is left as it is, so revoking a team's access sticks.
     */
    public int ensure(String group) {
        int created = ensure(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        if (!group.equals(BatonGroups.MANAGERS)) {
            // Managers read process definitions with more permissions, granted by the baseline.
            created += ensure(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
        }
        return created;
    }

    private int ensure(String group, Resource resource, String resourceId, Permission permission) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0) {
            return 0;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(permission);
        authorizations.saveAuthorization(grant);
        return 1;
    }
}

package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Baseline grants with Camunda authorizations switched on. Reps reach Tasklist and, through the
 * engine's automatic assignee grants, exactly the tasks assigned to them; managers also reach
 * Cockpit and read and re-assign work; only {@code camunda-admin} deploys or administers.
 */
@Component
class EngineAuthorizations {

    static final List<String> WORKER_GROUPS = List.of("marketing", "sdr", "ae", "delivery", "managers");
    static final String MANAGERS = "managers";

    private final AuthorizationService authorizations;

    EngineAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    void grantBaseline() {
        for (String group : WORKER_GROUPS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            if (!group.equals(MANAGERS)) {
                // Tasklist shows the process name and form of a task the user may see.
                grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            }
        }
        grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(MANAGERS, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK);
        grant(MANAGERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        grant(MANAGERS, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE, Permissions.TASK_ASSIGN);
        grant(MANAGERS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(MANAGERS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grant(MANAGERS, Resources.USER, Authorization.ANY, Permissions.READ);
        grant(MANAGERS, Resources.GROUP, Authorization.ANY, Permissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}

package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Baseline grants with Camunda authorizations switched on. Reps reach Tasklist and, through the
 * engine's automatic assignee grants, exactly the tasks assigned to them; managers also reach
 * Cockpit and read and re-assign work (inside their reporting line, which Baton enforces); only
 * {@code camunda-admin} deploys or administers. An assignee's own grant is {@code TASK_WORK}
 * (see {@link EngineSurfaceGuard}): read and complete, never re-date, re-assign or delete.
 */
@Component
class EngineAuthorizations {

    private final AuthorizationService authorizations;
    private final WorkerGrants workerGrants;
    private final JdbcTemplate jdbc;

    EngineAuthorizations(AuthorizationService authorizations, WorkerGrants workerGrants, JdbcTemplate jdbc) {
        this.authorizations = authorizations;
        this.workerGrants = workerGrants;
        this.jdbc = jdbc;
    }

    void grantBaseline() {
        for (String group : BatonGroups.WORKERS) {
            workerGrants.ensure(group);
        }
        grant(BatonGroups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(BatonGroups.MANAGERS, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK);
        grant(BatonGroups.MANAGERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        // Reading and assigning; whom a manager may move is Baton's rule (the reporting line), see TaskReassignment.
        grant(BatonGroups.MANAGERS, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.TASK_ASSIGN);
        grant(BatonGroups.MANAGERS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(BatonGroups.MANAGERS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grant(BatonGroups.MANAGERS, Resources.USER, Authorization.ANY, Permissions.READ);
        grant(BatonGroups.MANAGERS, Resources.GROUP, Authorization.ANY, Permissions.READ);
    }

    /**
     * Grants written by earlier versions: managers could re-date any task and write its variables
     * ({@code UPDATE}), and assignees' own grants carried {@code UPDATE} too. Both become what they
     * are for new grants: managers read and assign, assignees read and work their task.
     */
    int tightenGrants() {
        int changed = 0;
        changed += jdbc.update("update ACT_RU_AUTHORIZATION set PERMS_ = ?, REV_ = REV_ + 1 where TYPE_ = 1 and GROUP_ID_ = ? and RESOURCE_TYPE_ = ? and RESOURCE_ID_ = ?",
                Permissions.READ.getValue() | Permissions.TASK_ASSIGN.getValue(), BatonGroups.MANAGERS, Resources.TASK.resourceType(), Authorization.ANY);
        changed += jdbc.update("update ACT_RU_AUTHORIZATION set PERMS_ = ?, REV_ = REV_ + 1 where TYPE_ = 1 and GROUP_ID_ = ? and RESOURCE_TYPE_ = ? and RESOURCE_ID_ = ?",
                Permissions.READ.getValue() | ProcessDefinitionPermissions.READ_INSTANCE.getValue() | ProcessDefinitionPermissions.READ_HISTORY.getValue()
                        | ProcessDefinitionPermissions.READ_TASK.getValue(), BatonGroups.MANAGERS, Resources.PROCESS_DEFINITION.resourceType(), Authorization.ANY);
        int update = Permissions.UPDATE.getValue();
        List<Object[]> assigneeGrants = jdbc.query("""
                select ID_, PERMS_ from ACT_RU_AUTHORIZATION
                where TYPE_ = 1 and USER_ID_ is not null and RESOURCE_TYPE_ = ? and RESOURCE_ID_ <> ?""",
                (row, i) -> new Object[] {row.getString(1), row.getInt(2)}, Resources.TASK.resourceType(), Authorization.ANY).stream()
                .filter(row -> ((int) row[1] & update) != 0 && (int) row[1] != Permissions.ALL.getValue())
                .map(row -> new Object[] {((int) row[1] & ~update) | Permissions.TASK_WORK.getValue(), row[0]})
                .toList();
        jdbc.batchUpdate("update ACT_RU_AUTHORIZATION set PERMS_ = ?, REV_ = REV_ + 1 where ID_ = ?", assigneeGrants);
        return changed + assigneeGrants.size();
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

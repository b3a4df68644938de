package io.baton.ownership;

import io.baton.system.BatonGroups;
import io.baton.system.Refusal;
import io.baton.system.TaskReassignment;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A new assignee set from Tasklist or Camunda's REST API is a transfer Baton records, not a bare
 * engine change: an administrator may move any task, a manager only inside their reporting line,
 * and only to an active member of the directory. The transfer moves the task, the engine's grants
 * (the previous assignee loses access at once), the lead's ownership and the ledger together.
 */
@Component
class TaskTransfers implements TaskReassignment {


    private final TeamDirectory directory;
    private final WorkTransfer transfer;

    TaskTransfers(TeamDirectory directory, WorkTransfer transfer) {
        this.directory = directory;
        this.transfer = transfer;
    }

    @Override
    public void reassign(Task task, String newAssignee, String actor, List<String> actorGroups) {
        boolean admin = actorGroups.contains(BatonGroups.ADMINS);
        if (!admin && !actorGroups.contains(BatonGroups.MANAGERS)) {
            throw Refusal.forbidden("userId", "only a manager of the assignee (or an administrator) reassigns a task");
        }
        if (!canTakeWork(newAssignee)) {
            throw Refusal.invalid("userId", "'" + newAssignee + "' is not an active, present member of the team directory");
        }
        if (!admin) {
            String current = task.getAssignee();
            if (current != null && !current.equals(actor) && !directory.manages(actor, current)) {
                throw Refusal.forbidden("userId", current + " is not in your reporting line");
            }
            if (!newAssignee.equals(actor) && !directory.manages(actor, newAssignee)) {
                throw Refusal.forbidden("userId", newAssignee + " is not in your reporting line");
            }
        }
        transfer.reassign(task, newAssignee, LedgerReason.REASSIGNED, actor);
    }

    @Override
    public boolean canTakeWork(String userId) {
        return userId != null && directory.member(userId).map(TeamMember::canTakeWork).orElse(false);
    }
}

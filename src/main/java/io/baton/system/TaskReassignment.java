package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.task.Task;

/**
 * Who may move a task to another person, and what moving it records. The engine's
 * {@code setAssignee} from any door (Tasklist, Camunda's REST API) is handed to this port instead
 * of being executed as a bare assignee change; the ownership feature implements it.
 */
public interface TaskReassignment {

    /**
     * Moves {@code task} to {@code newAssignee} on behalf of {@code actor}, or throws a
     * {@link Refusal} naming why not. Runs inside the engine command of the request.
     */
    void reassign(Task task, String newAssignee, String actor, List<String> actorGroups);

    /** Whether a person named in an answer (a new owner, a receiver) may take work now. */
    boolean canTakeWork(String userId);
}

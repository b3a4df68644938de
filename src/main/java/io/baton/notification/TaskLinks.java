package io.baton.notification;

import io.baton.system.PublicAddress;
import io.baton.system.SystemCommands;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Where a notification's reader acts: the recipient's newest open task on the lead, opened in
 * Tasklist; their Tasklist when the notice asks for no task of theirs (a rejection, a reminder that
 * came too late). Read after commit, so a task created in the same transaction as the notice is found.
 */
@Component
class TaskLinks {

    private final TaskService taskService;
    private final SystemCommands system;
    private final PublicAddress address;

    TaskLinks(TaskService taskService, SystemCommands system, PublicAddress address) {
        this.taskService = taskService;
        this.system = system;
        this.address = address;
    }

    String linkFor(String recipient, String leadId) {
        String tasklist = address.tasklist();
        if (leadId == null) {
            return tasklist;
        }
        try {
            // The notice is about someone else's act too: whoever acted may not read the recipient's task.
            List<Task> tasks = system.runAlone(() -> taskService.createTaskQuery()
                    .processInstanceBusinessKey(leadId).taskAssignee(recipient)
                    .orderByTaskCreateTime().desc().listPage(0, 1));
            return tasks.isEmpty() ? tasklist : tasklist + "#/?task=" + tasks.get(0).getId();
        } catch (ProcessEngineException e) {
            // A link is a convenience: the e-mail still goes out, pointing at the list.
            return tasklist;
        }
    }
}

package io.baton.ownership;

import io.baton.lead.LeadLifecycle;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves open work from one person to another through the engine's TaskService, so the change is
 * in Camunda's task history, and keeps the diagram's assignee variable and the ledger in step.
 */
@Service
public class WorkTransfer {

    private static final int PAGE = 200;
    private static final Pattern VARIABLE_ASSIGNEE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final OwnershipLedger ledger;

    WorkTransfer(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService, OwnershipLedger ledger) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.ledger = ledger;
    }

    /** Gives a task to {@code newAssignee}; an owner's task moves the lead's ownership with it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reassign(Task task, String newAssignee, String reason, String actor) {
        taskService.setAssignee(task.getId(), newAssignee);
        String variable = assigneeVariable(task);
        if (variable != null) {
            // Loops in the diagram re-create the task from this variable; it must name the new person.
            runtimeService.setVariable(task.getExecutionId(), variable, newAssignee);
        }
        if (LeadLifecycle.OWNER_TASKS.contains(task.getTaskDefinitionKey())) {
            String leadId = businessKey(task);
            ledger.assign(leadId, newAssignee, reason, actor);
            setOwnerVariable(leadId, newAssignee);
        }
    }

    /** Moves the lead's ownership and the owner variable of its lifecycle, without touching tasks. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void moveOwnership(String leadId, String newOwner, String reason, String actor) {
        ledger.assign(leadId, newOwner, reason, actor);
        setOwnerVariable(leadId, newOwner);
    }

    /** Moves every open task of one person; pages through them because engine queries are bounded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reassignAll(String fromUser, String toUser, String reason, String actor) {
        int moved = 0;
        List<Task> batch;
        while (!(batch = taskService.createTaskQuery().taskAssignee(fromUser).orderByTaskId().asc().listPage(0, PAGE)).isEmpty()) {
            for (Task task : batch) {
                reassign(task, toUser, reason, actor);
                moved++;
            }
        }
        return moved;
    }

    private void setOwnerVariable(String leadId, String owner) {
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey(LeadLifecycle.KEY).listPage(0, 1)
                .forEach(instance -> runtimeService.setVariable(instance.getId(), LeadLifecycle.VAR_OWNER, owner));
    }

    private String businessKey(Task task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
    }

    private String assigneeVariable(Task task) {
        UserTask userTask = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById(task.getTaskDefinitionKey());
        if (userTask == null || userTask.getCamundaAssignee() == null) {
            return null;
        }
        Matcher matcher = VARIABLE_ASSIGNEE.matcher(userTask.getCamundaAssignee());
        return matcher.matches() ? matcher.group(1) : null;
    }
}

package io.baton.ownership;

import io.baton.lead.LeadLifecycle;
import io.baton.lead.TaskFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Resources;
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
    private final AuthorizationService authorizationService;
    private final TaskFacts facts;

    WorkTransfer(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService, OwnershipLedger ledger,
                 AuthorizationService authorizationService, TaskFacts facts) {
        this.facts = facts;
        this.authorizationService = authorizationService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.ledger = ledger;
    }

    /** Gives a task to {@code newAssignee}; an owner's task moves the lead's ownership with it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reassign(Task task, String newAssignee, LedgerReason reason, String actor) {
        // Read before the change: inside one engine command the task object is the cached entity.
        String previous = task.getAssignee();
        taskService.setAssignee(task.getId(), newAssignee);
        if (previous != null && !previous.equals(newAssignee)) {
            // The engine grants the new assignee; the previous one must lose sight of work no longer theirs.
            authorizationService.createAuthorizationQuery().userIdIn(previous).resourceType(Resources.TASK)
                    .resourceId(task.getId()).unlimitedList().forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
        }
        String variable = assigneeVariable(task);
        if (variable != null) {
            // Loops in the diagram re-create the task from this variable; it must name the new person.
            runtimeService.setVariable(task.getExecutionId(), variable, newAssignee);
        }
        if (facts.isOwnerTask(task.getProcessDefinitionId(), task.getTaskDefinitionKey())) {
            String leadId = businessKey(task);
            ledger.assign(leadId, newAssignee, reason, actor);
            setOwnerVariable(leadId, newAssignee);
        }
    }

    /** Moves the lead's ownership and the owner variable of its lifecycle, without touching tasks. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void moveOwnership(String leadId, String newOwner, LedgerReason reason, String actor) {
        ledger.assign(leadId, newOwner, reason, actor);
        setOwnerVariable(leadId, newOwner);
    }

    /** Moves every open task of one person; pages through them because engine queries are bounded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reassignAll(String fromUser, String toUser, LedgerReason reason, String actor) {
        // Collect first: within one engine command the moved tasks are flushed only at its end, so
        // the query keeps answering the same rows; offsets over that stable view see each once.
        List<Task> tasks = new ArrayList<>();
        List<Task> page;
        do {
            page = taskService.createTaskQuery().taskAssignee(fromUser).orderByTaskId().asc().listPage(tasks.size(), PAGE);
            tasks.addAll(page);
        } while (page.size() == PAGE);
        tasks.forEach(task -> reassign(task, toUser, reason, actor));
        return tasks.size();
    }

    /** Every open task assigned to {@code user}, oldest id first; paged because engine queries are bounded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Task> openTasksOf(String user) {
        List<Task> tasks = new ArrayList<>();
        List<Task> page;
        do {
            page = taskService.createTaskQuery().taskAssignee(user).orderByTaskId().asc().listPage(tasks.size(), PAGE);
            tasks.addAll(page);
        } while (page.size() == PAGE);
        return tasks;
    }

    /** The lead a task belongs to (its process's business key); null for a task outside any process. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String leadOf(Task task) {
        return task.getProcessInstanceId() == null ? null : businessKey(task);
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

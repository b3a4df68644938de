package io.baton.escalation;

import io.baton.integration.Outbox;
import io.baton.lead.Lead;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRepository;
import io.baton.lead.TaskFacts;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import io.baton.ownership.Actors;
import io.baton.ownership.LedgerReason;
import io.baton.ownership.Steward;
import io.baton.ownership.TeamDirectory;
import io.baton.ownership.WorkTransfer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The verbs of {@code lead-escalation}: open an escalation to the named manager of whoever let the
 * work lapse, climb the chain, apply the manager's decision. Each level of a breach is one row,
 * unique by (breach, level), so a timer fired twice across nodes cannot escalate twice.
 */
@Service
public class EscalationLadder {

    private static final String DEFAULT_SLA = "stage-stall";
    /** The decision recorded for a review that the work overtook (done, or the lead closed, before a decision). */
    static final String OVERTAKEN = "overtaken";

    private final EscalationRepository escalations;
    private final TeamDirectory directory;
    private final WorkTransfer transfer;
    private final Notifications notifications;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final WorkingTime workingTime;
    private final WaitingWork waiting;
    private final SlaProperties properties;
    private final Clock clock;
    private final LeadRepository leads;
    private final Sla sla;
    private final TaskFacts facts;
    private final SlaClock slaClock;
    private final Outbox outbox;

    EscalationLadder(EscalationRepository escalations, TeamDirectory directory, WorkTransfer transfer, Notifications notifications,
                     TaskService taskService, RepositoryService repositoryService, IdentityService identityService, WorkingTime workingTime,
                     WaitingWork waiting, SlaProperties properties, Clock clock, LeadRepository leads, Sla sla, TaskFacts facts,
                     SlaClock slaClock, Outbox outbox) {
        this.leads = leads;
        this.outbox = outbox;
        this.sla = sla;
        this.facts = facts;
        this.slaClock = slaClock;
        this.properties = properties;
        this.clock = clock;
        this.escalations = escalations;
        this.directory = directory;
        this.transfer = transfer;
        this.notifications = notifications;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.workingTime = workingTime;
        this.waiting = waiting;
    }

    public void open(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        String taskKey = (String) execution.getVariable(EscalationProcess.VAR_ESCALATED_TASK);
        // Work that somehow lost its assignee lapsed with the lead's accountable owner.
        String lapsedBy = waiting.newest(leadId, taskKey).map(WaitingWork.Item::assignee)
                .or(() -> leads.findById(leadId).map(Lead::getOwner)).orElseGet(this::steward);
        String reviewer = directory.presentManagerAbove(lapsedBy).orElseGet(this::steward);
        int round = execution.getVariable(EscalationProcess.VAR_ROUND) instanceof Integer r ? r + 1 : 1;
        execution.setVariable(EscalationProcess.VAR_ROUND, round);
        execution.setVariable(EscalationProcess.VAR_LAPSED_BY, lapsedBy);
        // A new round of the ladder is new work for its reviewer: a fresh review clock.
        sla.restart(execution, EscalationProcess.TASK_REVIEW);
        record(execution, leadId, round, 1, taskKey, lapsedBy, reviewer);
    }

    public void climb(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        String current = (String) execution.getVariable(EscalationProcess.VAR_REVIEWER);
        String steward = steward();
        String next = current.equals(steward) ? steward : directory.presentManagerAbove(current).orElse(steward);
        int level = (Integer) execution.getVariable(EscalationProcess.VAR_LEVEL);
        int round = (Integer) execution.getVariable(EscalationProcess.VAR_ROUND);
        escalations.findByBreachIdAndLevel(breachId(execution, round), level)
                .ifPresent(e -> e.decide("climbed", Actors.SYSTEM, now()));
        // Whoever reviews next — the next manager, or the steward again — gets a full review SLA.
        sla.restart(execution, EscalationProcess.TASK_REVIEW);
        if (next.equals(current)) {
            // The top of the chain stays with the steward; remind instead of adding levels forever.
            notifications.send(leadId, current, NotificationKind.ESCALATION, "Escalation on lead " + leadId + " is still waiting for your decision");
            return;
        }
        record(execution, leadId, round, level + 1, (String) execution.getVariable(EscalationProcess.VAR_ESCALATED_TASK),
                (String) execution.getVariable(EscalationProcess.VAR_LAPSED_BY), next);
    }

    /** Task listener on completion of {@code reviewEscalation}: the decision is evidence. */
    public void decided(DelegateTask task) {
        int level = (Integer) task.getVariable(EscalationProcess.VAR_LEVEL);
        int round = (Integer) task.getVariable(EscalationProcess.VAR_ROUND);
        Object decision = task.getVariable(EscalationProcess.VAR_DECISION);
        String actor = Actors.current(identityService);
        escalations.findByBreachIdAndLevel(breachId(task.getExecution(), round), level)
                .ifPresent(e -> e.decide(String.valueOf(decision), actor, now()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("decision", String.valueOf(decision));
        data.put("task", task.getVariable(EscalationProcess.VAR_ESCALATED_TASK));
        data.put("level", level);
        data.put("reviewer", task.getAssignee());
        data.put("actor", actor);
        if ("reassign".equals(decision) && task.getVariable(EscalationProcess.VAR_NEW_OWNER) instanceof String newOwner) {
            data.put("newOwner", newOwner.strip());
        }
        if ("keep".equals(decision) && task.getVariable(EscalationProcess.VAR_EXTEND_BY) instanceof String extendBy && !extendBy.isBlank()) {
            data.put("extendBy", extendBy.strip());
        }
        outbox.record(Outbox.ESCALATION_DECIDED, task.getExecution().getProcessBusinessKey(), data);
    }

    /**
     * Execution listener on the end of {@code lead-escalation}, however it ends: when the lapsed work
     * is done, or the lead closes, while a review is open, nobody decides it any more — the open level
     * is closed as {@value #OVERTAKEN}, so no escalation stays addressed to anyone for good.
     */
    public void ended(DelegateExecution execution) {
        escalations.closeOpen(execution.getProcessBusinessKey(), execution.getProcessInstanceId() + "#%", OVERTAKEN, Actors.SYSTEM,
                Timestamp.from(now()));
    }

    /** Task listener on assignment of {@code reviewEscalation}: the open level names who holds the review now. */
    public void reviewerChanged(DelegateTask task) {
        if (task.getVariable(EscalationProcess.VAR_LEVEL) instanceof Integer level
                && task.getVariable(EscalationProcess.VAR_ROUND) instanceof Integer round) {
            escalations.findByBreachIdAndLevel(breachId(task.getExecution(), round), level).ifPresent(e -> e.reviewedBy(task.getAssignee()));
        }
    }

    public void reassign(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        String newOwner = (String) execution.getVariable(EscalationProcess.VAR_NEW_OWNER);
        Task lapsed = escalatedTask(leadId, (String) execution.getVariable(EscalationProcess.VAR_ESCALATED_TASK));
        if (lapsed != null) {
            transfer.reassign(lapsed, newOwner.strip(), LedgerReason.ESCALATION_REASSIGN, Actors.current(identityService));
            notifications.send(leadId, newOwner.strip(), NotificationKind.ASSIGNMENT, "You now own '" + lapsed.getName() + "' of lead " + leadId
                    + note(execution));
        }
    }

    /**
     * A decision never ends the obligation: the kept or reassigned work gets a deadline from now —
     * {@code extendBy} when the manager gave one, else the SLA's own duration in working time — shown
     * as the task's due date, with a reminder before it; the diagram waits for both and opens the
     * ladder again when the deadline lapses.
     */
    public void rearm(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        Object extendBy = execution.getVariable(EscalationProcess.VAR_EXTEND_BY);
        String taskKey = (String) execution.getVariable(EscalationProcess.VAR_ESCALATED_TASK);
        Task lapsed = escalatedTask(leadId, taskKey);
        // The SLA is the one the diagram gives the lapsed task, not a copy passed along.
        String slaKey = lapsed == null ? DEFAULT_SLA : facts.slaKey(lapsed.getProcessDefinitionId(), taskKey).orElse(DEFAULT_SLA);
        Duration duration = extendBy instanceof String text && !text.isBlank() ? Sla.parse(text) : properties.of(slaKey);
        Instant now = now();
        Instant deadline = workingTime.add(now, duration);
        Instant reminder = workingTime.add(now, sla.reminderOffset(duration));
        execution.setVariable(EscalationProcess.VAR_DEADLINE, Date.from(deadline));
        execution.setVariable(EscalationProcess.VAR_REMINDER_AT, Date.from(reminder.isBefore(deadline) ? reminder : deadline));
        if (lapsed != null) {
            // Work that later comes back to the same step keeps the deadline the manager set.
            slaClock.moveDeadline(lapsed, Date.from(deadline));
            Object note = execution.getVariable(EscalationProcess.VAR_DECISION_NOTE);
            if (note instanceof String text && !text.isBlank()) {
                // The manager's note travels with the work: its assignee reads it on the task.
                taskService.setVariableLocal(lapsed.getId(), EscalationProcess.VAR_MANAGER_NOTE, text.strip());
            }
            if ("keep".equals(execution.getVariable(EscalationProcess.VAR_DECISION)) && lapsed.getAssignee() != null) {
                notifications.send(leadId, lapsed.getAssignee(), NotificationKind.ASSIGNMENT, "'" + lapsed.getName() + "' of lead " + leadId
                        + " stays with you, now due " + deadline + note(execution));
            }
        }
    }

    private static String note(DelegateExecution execution) {
        return execution.getVariable(EscalationProcess.VAR_DECISION_NOTE) instanceof String text && !text.isBlank()
                ? " — note from your manager: " + text.strip() : "";
    }

    /** The re-armed SLA's reminder goes to whoever holds the work now. */
    public void remind(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        waiting.newest(leadId, (String) execution.getVariable(EscalationProcess.VAR_ESCALATED_TASK)).ifPresent(task -> notifications.send(leadId,
                task.assignee(), NotificationKind.REMINDER, "Reminder: '" + task.name() + "' of lead " + leadId + " is due " + task.due()));
    }

    private void record(DelegateExecution execution, String leadId, int round, int level, String taskKey, String lapsedBy, String reviewer) {
        String breachId = breachId(execution, round);
        if (escalations.openOnce(leadId, breachId, level, taskKey, lapsedBy, reviewer, Timestamp.from(now())) > 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("task", taskKey);
            data.put("level", level);
            data.put("lapsedBy", lapsedBy);
            data.put("reviewer", reviewer);
            outbox.record(Outbox.ESCALATION_OPENED, leadId, data);
        }
        execution.setVariable(EscalationProcess.VAR_REVIEWER, reviewer);
        execution.setVariable(EscalationProcess.VAR_LEVEL, level);
        notifications.send(leadId, reviewer, NotificationKind.ESCALATION,
                "Level " + level + " escalation: '" + taskKey + "' of lead " + leadId + " lapsed with " + lapsedBy);
    }

    private static String breachId(DelegateExecution execution, int round) {
        return execution.getProcessInstanceId() + "#" + round;
    }

    private Task escalatedTask(String leadId, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(taskKey)
                .orderByTaskCreateTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    }

    /** The steward named on the lifecycle's diagram; the top of every escalation chain. */
    public String steward() {
        String named = Steward.ofLatest(repositoryService, LeadLifecycle.KEY);
        // A deployment without the person its diagrams name (e.g. no demo team) falls back to the administrator.
        return directory.isKnown(named) ? named : Steward.FALLBACK;
    }

    private Instant now() {
        return clock.instant();
    }
}

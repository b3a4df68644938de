package io.baton.escalation;

import io.baton.lead.Lead;
import io.baton.lead.LeadAttempted;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadPause;
import io.baton.lead.LeadPauseRepository;
import io.baton.lead.LeadRepository;
import io.baton.lead.PauseRules;
import io.baton.ownership.Actors;
import io.baton.system.Refusal;
import io.baton.system.SystemCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves a lead's SLA deadlines when something other than the SLA itself says so: a manager's
 * decision ({@link EscalationLadder#rearm}), the lead's first contact attempt (first touch is met; the
 * qualification decision gets {@code baton.sla.qualification} from that moment), and a wait on the
 * customer. A deadline lives in three places that always move together: the breach/reminder timer
 * jobs, the task's due date and the deadline remembered on the process instance ({@code deadline_<taskKey>}).
 *
 * <p>Waiting on the customer stops the clock by moving the lead's pending SLA timer jobs out to
 * where they would be if the pause lasted until its resume-by time (never inside the pause, so no
 * breach or reminder fires while paused, and the lead's jobs stay ordinary, visible jobs); on
 * resume the same jobs come back by the part of the pause that was not used, the due date of every
 * task that was waiting when the pause began and the remembered deadlines move later by the
 * paused time — once, nothing polls. The job executor needs no pause check in the breach path.
 * Work that arrives during a pause is new work and starts its own clock; a first attempt made
 * during a pause starts the qualification clock when the pause ends.
 */
@Component("slaClock")
public class SlaClock {

    static final String QUALIFICATION = "qualification";
    /** Set on the lifecycle when the qualification clock started: later attempts move nothing. */
    static final String VAR_FIRST_ATTEMPT_AT = "firstAttemptAt";
    /** A first attempt made while paused: the qualification clock starts when the pause ends. */
    static final String VAR_ATTEMPTED_WHILE_PAUSED = "attemptedWhilePaused";
    /** Local to a pause: the timer jobs it moved out to its resume-by time. */
    static final String VAR_PAUSED_TIMERS = "pausedTimers";

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final SystemCommands system;
    private final WorkingTime workingTime;
    private final SlaProperties properties;
    private final Sla sla;
    private final Clock clock;
    private final LeadRepository leads;
    private final LeadPauseRepository pauses;
    private final PauseRules rules;

    SlaClock(TaskService taskService, RuntimeService runtimeService, ManagementService managementService, RepositoryService repositoryService,
             IdentityService identityService, SystemCommands system, WorkingTime workingTime, SlaProperties properties, Sla sla, Clock clock,
             LeadRepository leads, LeadPauseRepository pauses, PauseRules rules) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.system = system;
        this.workingTime = workingTime;
        this.properties = properties;
        this.sla = sla;
        this.clock = clock;
        this.leads = leads;
        this.pauses = pauses;
        this.rules = rules;
    }

    /** The task's due date and its remembered deadline: what Tasklist shows and what work coming back keeps. */
    public void moveDeadline(Task task, Date deadline) {
        taskService.setDueDate(task.getId(), deadline);
        runtimeService.setVariableLocal(task.getProcessInstanceId(), Sla.DEADLINE_PREFIX + task.getTaskDefinitionKey(), deadline);
    }

    /**
     * First touch is the first attempt made while the lead waits for qualification: the first-touch
     * breach no longer applies, and the qualification decision is due {@code baton.sla.qualification}
     * (working time) after it — breach timer, reminder, due date and remembered deadline.
     */
    @EventListener
    public void attempted(LeadAttempted attempt) {
        system.run(() -> {
            ProcessInstance lifecycle = lifecycleOf(attempt.leadId());
            if (lifecycle == null) {
                return;
            }
            if (pauses.findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(attempt.leadId()).isPresent()) {
                runtimeService.setVariable(lifecycle.getId(), VAR_ATTEMPTED_WHILE_PAUSED, Date.from(attempt.at()));
                return;
            }
            startQualificationClock(lifecycle, attempt.at());
        });
    }

    private void startQualificationClock(ProcessInstance lifecycle, Instant from) {
        if (runtimeService.getVariable(lifecycle.getId(), VAR_FIRST_ATTEMPT_AT) != null) {
            return;
        }
        Task qualify = taskService.createTaskQuery().processInstanceId(lifecycle.getId())
                .taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD).singleResult();
        if (qualify == null) {
            return;
        }
        Duration qualification = properties.of(QUALIFICATION);
        Instant deadline = workingTime.add(from, qualification);
        Instant reminder = workingTime.add(from, sla.reminderOffset(qualification));
        runtimeService.setVariable(lifecycle.getId(), VAR_FIRST_ATTEMPT_AT, Date.from(from));
        moveDeadline(qualify, Date.from(deadline));
        moveTimers(qualify, deadline, reminder.isBefore(deadline) ? reminder : deadline);
    }

    private ProcessInstance lifecycleOf(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey(LeadLifecycle.KEY).singleResult();
    }

    /**
     * {@code ${slaClock.pause(execution)}} on {@code LeadPaused}: checks the request again (the message
     * may come from Camunda's REST API), records the pause and moves the lead's pending SLA timers out of it.
     */
    public void pause(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        Lead lead = leads.findById(leadId).orElseThrow();
        if (Actors.isPerson(identityService)
                && !rules.mayPause(Actors.current(identityService), Actors.currentGroups(identityService), lead)) {
            throw Refusal.forbidden("owner", "only the lead's owner, a manager in the owner's reporting line or an administrator pauses it");
        }
        Object reason = execution.getVariable(LeadLifecycle.VAR_PAUSE_REASON);
        Object resumeBy = execution.getVariable(LeadLifecycle.VAR_RESUME_BY);
        List<Refusal.Problem> problems = rules.problems(reason, resumeBy);
        if (!problems.isEmpty()) {
            throw new Refusal(400, problems);
        }
        if (pauses.findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(leadId).isPresent()) {
            throw Refusal.conflict("paused", "the lead already waits on its customer");
        }
        Instant until = PauseRules.instant(resumeBy);
        String why = ((String) reason).strip();
        Instant now = clock.instant();
        pauses.save(new LeadPause(leadId, why, Actors.current(identityService), now, until));
        // The pause's own values live in its scope, where its resume-by timer reads them; none linger on the lead.
        execution.getProcessInstance().removeVariable(LeadLifecycle.VAR_PAUSE_REASON);
        execution.getProcessInstance().removeVariable(LeadLifecycle.VAR_RESUME_BY);
        execution.setVariableLocal(LeadLifecycle.VAR_PAUSE_REASON, why);
        execution.setVariableLocal(LeadLifecycle.VAR_RESUME_BY, Date.from(until));
        Duration longest = Duration.between(now, until);
        List<String> moved = new java.util.ArrayList<>();
        for (Job job : slaTimers(leadId)) {
            // A job already due was due before the pause: it runs as it would have.
            if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(now)) {
                managementService.setJobDuedate(job.getId(), Date.from(job.getDuedate().toInstant().plus(longest)));
                moved.add(job.getId());
            }
        }
        execution.setVariableLocal(VAR_PAUSED_TIMERS, String.join(",", moved));
    }

    /**
     * {@code ${slaClock.resume(execution, 'REPLIED'|'RESUMED'|'TIMER')}}: ends the pause and moves every
     * deadline that waited through it later by the paused time.
     */
    public void resume(DelegateExecution execution, String how) {
        String leadId = execution.getProcessBusinessKey();
        LeadPause.Resumed resumed = LeadPause.Resumed.valueOf(how);
        if (resumed == LeadPause.Resumed.RESUMED && Actors.isPerson(identityService)) {
            Lead lead = leads.findById(leadId).orElseThrow();
            if (!rules.mayPause(Actors.current(identityService), Actors.currentGroups(identityService), lead)) {
                throw Refusal.forbidden("owner", "only the lead's owner, a manager in the owner's reporting line or an administrator resumes it");
            }
        }
        Instant now = clock.instant();
        LeadPause pause = pauses.findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(leadId).orElse(null);
        if (pause == null) {
            return;
        }
        Duration paused = pause.resume(now, resumed, resumed == LeadPause.Resumed.TIMER ? Actors.SYSTEM : Actors.current(identityService));
        // The timers went out to the resume-by time; they come back by what the pause did not use.
        Duration unused = Duration.between(pause.getSince(), pause.getResumeBy()).minus(paused);
        if (execution.getVariableLocal(VAR_PAUSED_TIMERS) instanceof String ids && !ids.isBlank()) {
            for (String id : ids.split(",")) {
                Job job = managementService.createJobQuery().jobId(id).singleResult();
                if (job != null && job.getDuedate() != null && !unused.isNegative()) {
                    managementService.setJobDuedate(id, Date.from(job.getDuedate().toInstant().minus(unused)));
                }
            }
        }
        shift(leadId, pause.getSince(), paused);
        ProcessInstance lifecycle = lifecycleOf(leadId);
        if (lifecycle != null && runtimeService.getVariable(lifecycle.getId(), VAR_ATTEMPTED_WHILE_PAUSED) != null) {
            runtimeService.removeVariable(lifecycle.getId(), VAR_ATTEMPTED_WHILE_PAUSED);
            startQualificationClock(lifecycle, now);
        }
    }

    private void shift(String leadId, Instant since, Duration by) {
        for (ProcessInstance instance : instancesOf(leadId)) {
            for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
                if (task.getDueDate() != null && task.getCreateTime().toInstant().isBefore(since)) {
                    taskService.setDueDate(task.getId(), Date.from(task.getDueDate().toInstant().plus(by)));
                }
            }
            for (Map.Entry<String, Object> variable : runtimeService.getVariablesLocal(instance.getId()).entrySet()) {
                if (variable.getKey().startsWith(Sla.DEADLINE_PREFIX) && variable.getValue() instanceof Date deadline
                        && deadline.toInstant().isAfter(since)) {
                    runtimeService.setVariableLocal(instance.getId(), variable.getKey(), Date.from(deadline.toInstant().plus(by)));
                }
            }
        }
    }

    /** The lead's pending breach and reminder timers, in its lifecycle and in the handoffs and escalations it called. */
    private List<Job> slaTimers(String leadId) {
        return instancesOf(leadId).stream()
                .flatMap(instance -> managementService.createJobQuery().processInstanceId(instance.getId()).timers().active().list().stream())
                .toList();
    }

    private List<ProcessInstance> instancesOf(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list();
    }

    /** The task's own boundary timers, told apart by what their time expression asks of {@code sla}. */
    private void moveTimers(Task task, Instant deadline, Instant reminder) {
        var model = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId());
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            if (!task.getTaskDefinitionKey().equals(event.getAttachedTo().getId())) {
                continue;
            }
            String when = event.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                    .map(TimerEventDefinition.class::cast).findFirst()
                    .map(timer -> timer.getTimeDate() == null ? "" : timer.getTimeDate().getTextContent()).orElse("");
            Instant due = when.contains("sla.reminderAt") ? reminder : when.contains("sla.deadline") ? deadline : null;
            if (due == null) {
                continue;
            }
            for (Job job : managementService.createJobQuery().processInstanceId(task.getProcessInstanceId()).activityId(event.getId())
                    .timers().list()) {
                managementService.setJobDuedate(job.getId(), Date.from(due));
            }
        }
    }
}

package io.baton.escalation;

import io.baton.lead.LeadLifecycle;
import io.baton.lead.TaskFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * {@code ${sla.deadline(execution)}} and friends: the SLA as the diagrams see it. A user task names
 * its SLA key in its {@code sla} extension property; its breach timer ({@code timeDate}), its due
 * date and its reminder are all computed from one deadline, so Tasklist's "due" is the breach time.
 *
 * <p>Deadlines, not durations: the deadline of a step is computed when work first arrives there and
 * remembered on the process instance ({@code deadline_<activityId>}), so work that comes back to the
 * same step — an incomplete checklist returned to its sender, an answer sent again — keeps counting
 * from its first arrival instead of starting a fresh clock. A manager's decision moves the
 * remembered deadline ({@link #remember}); a step that is new work for someone else starts afresh
 * ({@link #restart}).
 */
@Component("sla")
public class Sla {

    static final String DEADLINE_PREFIX = LeadLifecycle.VAR_DEADLINE_PREFIX;

    private final SlaProperties properties;
    private final WorkingTime workingTime;
    private final Clock clock;
    private final SlaPolicy policy;

    Sla(SlaProperties properties, WorkingTime workingTime, Clock clock, SlaPolicy policy) {
        this.properties = properties;
        this.workingTime = workingTime;
        this.clock = clock;
        this.policy = policy;
    }

    /** The breach deadline of the user task the execution stands at (its timers and due date). */
    public Date deadline(DelegateExecution execution) {
        String activityId = execution.getCurrentActivityId();
        if (execution.getVariable(DEADLINE_PREFIX + activityId) instanceof Date remembered) {
            return remembered;
        }
        Date deadline = Date.from(policy.calendar(execution).add(clock.instant(), policy.duration(execution, keyOf(execution))));
        remember(execution, activityId, deadline);
        return deadline;
    }

    /**
     * When to remind: at the configured fraction of the SLA after first arrival; for work that came
     * back with less time left, at that fraction of what is left; for a deadline further out than the
     * SLA (an imported lead's), as long before it as on first arrival; never after the deadline.
     */
    public Date reminderAt(DelegateExecution execution) {
        Instant deadline = deadline(execution).toInstant();
        Instant now = clock.instant();
        if (!deadline.isAfter(now)) {
            return Date.from(deadline);
        }
        Duration sla = policy.duration(execution, keyOf(execution));
        WorkingTime workingTime = policy.calendar(execution);
        Instant fresh = workingTime.add(now, sla);
        Instant freshReminder = workingTime.add(now, reminderOffset(sla));
        Instant reminder;
        if (deadline.isBefore(fresh.minusSeconds(1))) {
            reminder = now.plusMillis((long) (Duration.between(now, deadline).toMillis() * properties.reminderFraction()));
        } else if (deadline.isAfter(fresh.plusSeconds(1))) {
            // A deadline set further out (an import's spread): remind as long before it as a fresh clock would, not all at once now.
            reminder = deadline.minus(Duration.between(freshReminder, fresh));
        } else {
            reminder = freshReminder;
        }
        return Date.from(reminder.isBefore(deadline) ? reminder : deadline);
    }

    /** Work at {@code activityId} that arrives from now on is new work: its clock starts when it arrives. */
    public void restart(DelegateExecution execution, String activityId) {
        execution.getProcessInstance().removeVariableLocal(DEADLINE_PREFIX + activityId);
    }

    static void remember(DelegateExecution execution, String activityId, Date deadline) {
        execution.getProcessInstance().setVariableLocal(DEADLINE_PREFIX + activityId, deadline);
    }

    /** The SLA key the diagram gives the current user task. */
    String keyOf(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        return TaskFacts.property(element, TaskFacts.SLA).orElseThrow(() -> new ProcessEngineException(
                "'" + execution.getCurrentActivityId() + "' of '" + execution.getProcessDefinitionId() + "' has no '" + TaskFacts.SLA
                        + "' extension property naming its SLA key"));
    }

    Duration reminderOffset(Duration sla) {
        return Duration.ofMillis(Math.max(1000, (long) (sla.toMillis() * properties.reminderFraction())));
    }

    public boolean isDuration(Object value) {
        try {
            Duration d = parse(value);
            return !d.isNegative() && !d.isZero();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Duration parse(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("not an ISO-8601 duration: " + value);
        }
        String iso = text.strip();
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            try {
                // Weeks ("P1W") are a Period in java.time but a plain duration to a manager.
                Period period = Period.parse(iso);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    throw new IllegalArgumentException("use days or weeks, not months or years: " + value);
                }
                return Duration.ofDays(period.getDays());
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + value, again);
            }
        }
    }
}

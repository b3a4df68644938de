package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.escalation.EscalationProcess;
import io.baton.testing.ProcessTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * Issue 17, items 3 and 4 on the real diagrams: the first contact attempt meets the first-touch SLA
 * and starts the qualification clock; "waiting on customer" stops every SLA clock of the lead and
 * restarts it — by the owner, by {@code LeadReplied} or at the resume-by time — with each deadline
 * moved later by the paused time. Jobs run as the job executor would run them: those that are due
 * and not suspended, at the moved engine clock.
 */
class AttemptsProcessTest extends ProcessTestSupport {

    private static final Duration FIRST_TOUCH = Duration.ofHours(2);
    private static final Duration QUALIFICATION = Duration.ofDays(2);
    /** The engine clock keeps ticking after it is moved; a test's own steps take well under this. */
    private static final long TOLERANCE_MS = 5000;

    @Autowired
    Attempts attempts;
    @Autowired
    LeadPauseRepository pauses;

    @Test
    void anAttemptBeforeTheBreachMeetsFirstTouchAndTheQualificationDeadlineIsTheAttemptPlusTwoDays() {
        String leadId = captureReadyLead();
        moveClock(Duration.ofMinutes(30));
        Instant attemptAt = now();
        attempt(leadId);

        Date qualificationDeadline = Date.from(attemptAt.plus(QUALIFICATION));
        Date breach = timer(leadId, "timer_qualificationBreach").getDuedate();
        assertThat(breach).isCloseTo(qualificationDeadline, TOLERANCE_MS);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate()).isEqualTo(breach);
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate()).isCloseTo(Date.from(attemptAt.plus(Duration.ofDays(1))), TOLERANCE_MS);
        assertThat(runtimeService.getVariable(lifecycle(leadId).getId(), "deadline_" + LeadLifecycle.TASK_QUALIFY_LEAD))
                .as("work coming back keeps the qualification deadline").isEqualTo(breach);

        moveClock(Duration.ofHours(3));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).as("the first-touch breach never fires").isZero();

        moveClock(Duration.ofDays(2));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).as("the qualification breach escalates after its own deadline").isEqualTo(1);
    }

    @Test
    void aSecondAttemptMovesNothing() {
        String leadId = captureReadyLead();
        attempt(leadId);
        Date deadline = timer(leadId, "timer_qualificationBreach").getDuedate();
        moveClock(Duration.ofHours(5));
        attempt(leadId);
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isEqualTo(deadline);
    }

    @Test
    void withoutAnAttemptTheFirstTouchBreachEscalatesAsBefore() {
        String leadId = captureReadyLead();
        moveClock(FIRST_TOUCH.minusMinutes(1));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).isZero();
        moveClock(Duration.ofMinutes(2));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).isEqualTo(1);
        assertThat(task(leadId, EscalationProcess.TASK_REVIEW).getAssignee()).isNotBlank();
    }

    @Test
    void aPauseResumedAfterThreeHoursMovesEveryDeadlineByThreeHoursAndNothingFiresMeanwhile() {
        String leadId = captureReadyLead();
        Date breach = timer(leadId, "timer_qualificationBreach").getDuedate();
        Date reminder = timer(leadId, "timer_qualificationReminder").getDuedate();
        Date due = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate();

        Instant resumeBy = now().plus(Duration.ofDays(1));
        pause(leadId, resumeBy);
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).as("no breach inside the pause").isAfter(Date.from(resumeBy));
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate()).as("no reminder inside the pause").isAfter(Date.from(resumeBy));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate()).as("Tasklist's due date moves on resume").isEqualTo(due);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getAssignee()).as("the task stays with its owner")
                .isEqualTo(lead(leadId).getOwner());

        moveClock(Duration.ofHours(3));
        assertThat(runDueJobs(leadId)).as("no reminder and no breach while paused").isZero();
        assertThat(escalations(leadId)).isZero();

        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_RESUMED).processInstanceBusinessKey(leadId).correlate();
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isCloseTo(plus(breach, Duration.ofHours(3)), TOLERANCE_MS);
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate()).isCloseTo(plus(reminder, Duration.ofHours(3)), TOLERANCE_MS);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate()).isCloseTo(plus(due, Duration.ofHours(3)), TOLERANCE_MS);
        assertThat((Date) runtimeService.getVariable(lifecycle(leadId).getId(), "deadline_" + LeadLifecycle.TASK_QUALIFY_LEAD))
                .isCloseTo(plus(due, Duration.ofHours(3)), TOLERANCE_MS);
        LeadPause pause = pauses.findByLeadIdOrderBySinceAsc(leadId).get(0);
        assertThat(pause.getResumedHow()).isEqualTo("RESUMED");
        assertThat(pause.pausedUntil(now())).isCloseTo(Duration.ofHours(3), Duration.ofMillis(TOLERANCE_MS));

        ClockUtilMove.to(plus(breach, Duration.ofHours(3)).toInstant().minusSeconds(60));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).as("not before the moved deadline").isZero();
        moveClock(Duration.ofMinutes(2));
        runDueJobs(leadId);
        assertThat(escalations(leadId)).as("after the moved deadline").isEqualTo(1);
    }

    @Test
    void aPauseThatReachesItsResumeByTimeResumesByItself() {
        String leadId = captureReadyLead();
        Date breach = timer(leadId, "timer_qualificationBreach").getDuedate();
        pause(leadId, now().plus(Duration.ofHours(4)));
        moveClock(Duration.ofHours(4));
        runDueJobs(leadId);
        LeadPause pause = pauses.findByLeadIdOrderBySinceAsc(leadId).get(0);
        assertThat(pause.getResumedHow()).isEqualTo("TIMER");
        assertThat(escalations(leadId)).isZero();
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isCloseTo(plus(breach, Duration.ofHours(4)), TOLERANCE_MS);
        assertThat(timer(leadId, LeadLifecycle.TIMER_RESUME_BY)).isNull();
    }

    @Test
    void leadRepliedResumes() {
        String leadId = captureReadyLead();
        Date breach = timer(leadId, "timer_qualificationBreach").getDuedate();
        pause(leadId, now().plus(Duration.ofDays(2)));
        moveClock(Duration.ofMinutes(90));
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_REPLIED).processInstanceBusinessKey(leadId).correlate();
        LeadPause pause = pauses.findByLeadIdOrderBySinceAsc(leadId).get(0);
        assertThat(pause.getResumedHow()).isEqualTo("REPLIED");
        assertThat(pause.pausedUntil(now())).isCloseTo(Duration.ofMinutes(90), Duration.ofMillis(TOLERANCE_MS));
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isCloseTo(plus(breach, Duration.ofMinutes(90)), TOLERANCE_MS);
        assertThat(timer(leadId, LeadLifecycle.TIMER_RESUME_BY)).as("the resume-by timer is gone").isNull();
    }

    @Test
    void aFirstAttemptDuringAPauseStartsTheQualificationClockWhenThePauseEnds() {
        String leadId = captureReadyLead();
        pause(leadId, now().plus(Duration.ofDays(1)));
        moveClock(Duration.ofHours(1));
        attempt(leadId);
        moveClock(Duration.ofHours(1));
        Instant resumedAt = now();
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_REPLIED).processInstanceBusinessKey(leadId).correlate();
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isCloseTo(Date.from(resumedAt.plus(QUALIFICATION)), TOLERANCE_MS);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate()).isCloseTo(Date.from(resumedAt.plus(QUALIFICATION)), TOLERANCE_MS);
    }

    @Test
    void aPauseMessageWithAResumeByTooFarAheadIsRefusedAndStopsNothing() {
        String leadId = captureReadyLead();
        assertThatThrownBy(() -> pause(leadId, now().plus(Duration.ofDays(31)))).hasMessageContaining("resumeBy");
        Date breach = timer(leadId, "timer_qualificationBreach").getDuedate();
        assertThat(pauses.findByLeadIdOrderBySinceAsc(leadId)).isEmpty();
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isEqualTo(breach);
    }

    private void attempt(String leadId) {
        String owner = lead(leadId).getOwner();
        attempts.record(leadId, UsernamePasswordAuthenticationToken.authenticated(owner, null, List.of()), "call", "Left a voicemail");
    }

    private void pause(String leadId, Instant resumeBy) {
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_PAUSED).processInstanceBusinessKey(leadId)
                .setVariables(Map.of(LeadLifecycle.VAR_PAUSE_REASON, "Waiting for the signed NDA", LeadLifecycle.VAR_RESUME_BY, Date.from(resumeBy)))
                .correlate();
    }

    /** What the job executor would run now: the lead's due jobs that are not suspended. */
    private int runDueJobs(String leadId) {
        Date now = Date.from(now().plusMillis(1));
        List<Job> due = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list().stream()
                .flatMap(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).active().duedateLowerThan(now).list().stream())
                .toList();
        due.forEach(job -> managementService.executeJob(job.getId()));
        return due.size();
    }

    private long escalations(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).processDefinitionKey(EscalationProcess.KEY).count();
    }

    private static Date plus(Date date, Duration by) {
        return Date.from(date.toInstant().plus(by));
    }

    private static final class ClockUtilMove {
        static void to(Instant instant) {
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(instant));
        }
    }
}

package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.testing.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With business hours configured, the diagrams' SLA timers count working time only: a lead that
 * arrives late on a Friday afternoon is reminded and escalated on Monday morning, and the
 * manager's review clock runs from there.
 */
@TestPropertySource(properties = "baton.sla.business-hours=MON-FRI 09:00-17:00 Europe/Berlin")
class BusinessHoursProcessTest extends ProcessTestSupport {

    /** Friday 27 November 2026, 16:30 in Berlin (CET, UTC+1). */
    private static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-11-27T15:30:00Z");

    @Test
    void slaTimersSkipTheWeekendAndTheNight() {
        ClockUtil.setCurrentTime(Date.from(FRIDAY_AFTERNOON));
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();

        // First touch PT2H: 30 minutes on Friday, the rest on Monday from 09:00.
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate().toInstant())
                .as("reminder after half the SLA: Monday 09:30 Berlin").isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
        Instant breach = Instant.parse("2026-11-30T09:30:00Z");
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate().toInstant())
                .as("breach: Monday 10:30 Berlin").isEqualTo(breach);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant())
                .as("Tasklist's due date is the working-time breach").isEqualTo(breach);

        ClockUtil.setCurrentTime(Date.from(breach));
        fireTimer(leadId, "timer_qualificationBreach");
        assertThat(task(leadId, EscalationProcess.TASK_REVIEW)).isAssignedTo("morgan");
        // Review PT8H from Monday 10:30: 6.5 hours on Monday, 1.5 on Tuesday.
        assertThat(timer(leadId, "timer_reviewSla").getDuedate().toInstant())
                .as("review SLA: Tuesday 10:30 Berlin").isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        assertOwnershipInvariant(leadId);
    }
}

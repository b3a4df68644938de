package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import io.baton.ownership.TeamDirectory;
import io.baton.testing.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Speed-to-lead by segment in each team's own working hours: the SLA table picks the duration
 * (demo request PT15M, purchased list P1D, else {@code baton.sla.first-touch} PT2H), the team of
 * the person the task goes to picks the time zone (sdr in Berlin, sdr-enterprise in New York; the
 * configured zone is Tokyo, which neither uses), and weekends and holidays fall on that team's
 * calendar. The clock is moved, never slept.
 */
@TestPropertySource(properties = {
        "baton.sla.business-hours=MON-FRI 09:00-17:00 Asia/Tokyo",
        "baton.sla.holidays=2026-12-25"})
class TeamWorkingHoursProcessTest extends ProcessTestSupport {

    @Autowired
    TeamDirectory directory;

    @BeforeEach
    void teamsInTheirZones() {
        directory.putTeam("sdr", "morgan", "Europe/Berlin");
        directory.putTeam("sdr-enterprise", "morgan", "America/New_York");
    }

    @AfterEach
    void teamsBackToTheConfiguredZone() {
        directory.putTeam("sdr", "morgan", null);
        directory.putTeam("sdr-enterprise", "morgan", null);
    }

    @Test
    void aFridayEveningLeadIsDueOnMondayInEachTeamsOwnMorning() {
        // Friday 27 November 2026, 16:30 in New York (EST, UTC-5) = 22:30 in Berlin (CET) = Saturday 06:30 in Tokyo.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-27T21:30:00Z")));

        String berlin = capture("DE", "web", 120);
        String newYork = capture("US", "web", 2300);

        assertThat(lead(newYork).getOwner()).as("sdr-enterprise").isEqualTo("eli");
        // Berlin has closed: PT2H from Monday 09:00 Berlin.
        assertThat(due(berlin)).as("Monday 11:00 Berlin").isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        // New York is open for 30 more minutes on Friday, the other 90 on Monday from 09:00.
        assertThat(due(newYork)).as("Monday 10:30 New York").isEqualTo(Instant.parse("2026-11-30T15:30:00Z"));
        assertThat(timer(newYork, "timer_qualificationBreach").getDuedate().toInstant()).as("the breach timer is the due date")
                .isEqualTo(due(newYork));
        // Reminder at half the SLA: 60 minutes of working time: 30 on Friday, 30 on Monday.
        assertThat(timer(newYork, "timer_qualificationReminder").getDuedate().toInstant()).as("Monday 09:30 New York")
                .isEqualTo(Instant.parse("2026-11-30T14:30:00Z"));
    }

    @Test
    void aDemoRequestJustBeforeClosingIsDueFifteenWorkingMinutesLaterAfterTheWeekend() {
        // Friday 27 November 2026, 16:50 in New York; 22:50 in Berlin.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-27T21:50:00Z")));

        String newYork = capture("US", "demo-request", 2300);
        String berlin = capture("DE", "demo-request", 40);

        assertThat(due(newYork)).as("10 minutes on Friday, 5 on Monday: 09:05 New York").isEqualTo(Instant.parse("2026-11-30T14:05:00Z"));
        assertThat(due(berlin)).as("Monday 09:15 Berlin").isEqualTo(Instant.parse("2026-11-30T08:15:00Z"));
    }

    @Test
    void aPurchasedListLeadGetsAWorkingDaySkippingTheHolidayAndTheWeekendInEitherZone() {
        // Thursday 24 December 2026, 10:00 in Berlin; 25 December is a holiday, then the weekend.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-24T09:00:00Z")));
        String berlin = capture("DE", "list", 40);
        assertThat(due(berlin)).as("Monday 28 December 10:00 Berlin").isEqualTo(Instant.parse("2026-12-28T09:00:00Z"));

        // Thursday 24 December 2026, 10:00 in New York.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-24T15:00:00Z")));
        String newYork = capture("CA", "list", 1500);
        assertThat(due(newYork)).as("Monday 28 December 10:00 New York").isEqualTo(Instant.parse("2026-12-28T15:00:00Z"));
    }

    @Test
    void aTeamWithoutAZoneWorksInTheConfiguredOne() {
        directory.putTeam("sdr", "morgan", null);
        // Monday 30 November 2026, 16:00 in Tokyo (UTC+9).
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T07:00:00Z")));
        String lead = capture("DE", "web", 120);
        assertThat(due(lead)).as("one hour on Monday, one on Tuesday: 10:00 Tokyo").isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
    }

    private String capture(String country, String source, Integer employees) {
        return intake.capture(new LeadRequest(null, uniqueEmail(), "Jo", "Buyer", "Acme", country, source, employees)).lead().getId();
    }

    private Instant due(String leadId) {
        return task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant();
    }
}

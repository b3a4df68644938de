package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final WorkingTime hours = new WorkingTime("MON-FRI 09:00-17:00 Europe/Berlin");

    @Test
    void roundTheClockByDefault() {
        Instant start = Instant.parse("2026-11-20T16:00:00Z");
        assertThat(new WorkingTime("").add(start, Duration.ofHours(2))).isEqualTo(start.plus(Duration.ofHours(2)));
    }

    @Test
    void fridayAfternoonSlaCountsOnMondayMorning() {
        Instant friday = berlin("2026-11-20T16:00");
        assertThat(hours.add(friday, Duration.ofHours(2))).isEqualTo(berlin("2026-11-23T10:00"));
    }

    @Test
    void workArrivingAtTheWeekendStartsCountingOnMonday() {
        assertThat(hours.add(berlin("2026-11-21T11:00"), Duration.ofHours(4))).isEqualTo(berlin("2026-11-23T13:00"));
    }

    @Test
    void aDayOfSlaIsAWorkingDayNotTwentyFourWorkingHours() {
        // P5D from Monday 10:00 is the next Monday 10:00 (was 15 working days when a day counted as 24 working hours).
        assertThat(hours.add(berlin("2026-11-02T10:00"), Duration.ofDays(5))).isEqualTo(berlin("2026-11-09T10:00"));
        // P1DT2H from Friday 16:00: Monday 16:00, then two working hours → Tuesday 10:00.
        assertThat(hours.add(berlin("2026-11-20T16:00"), Duration.ofDays(1).plusHours(2))).isEqualTo(berlin("2026-11-24T10:00"));
        // Work arriving on Saturday starts counting Monday 09:00; a day later is Tuesday 09:00.
        assertThat(hours.add(berlin("2026-11-21T11:00"), Duration.ofDays(1))).isEqualTo(berlin("2026-11-24T09:00"));
    }

    @Test
    void aShareOfAWindowCountsInWorkingHoursWithADayBeingAWorkingDay() {
        // P1D of 09:00-17:00 is 8 working hours: half of it from Monday 09:00 is Monday 13:00.
        assertThat(hours.within(berlin("2026-11-23T09:00"), Duration.ofDays(1), 0.5)).isEqualTo(berlin("2026-11-23T13:00"));
        // Three quarters (6 h) from Friday 15:00: two hours on Friday, four on Monday.
        assertThat(hours.within(berlin("2026-11-20T15:00"), Duration.ofDays(1), 0.75)).isEqualTo(berlin("2026-11-23T13:00"));
        // The whole window is add()'s working day.
        assertThat(hours.within(berlin("2026-11-20T15:00"), Duration.ofDays(1), 1.0)).isEqualTo(hours.add(berlin("2026-11-20T15:00"), Duration.ofDays(1)));
        Instant start = Instant.parse("2026-11-20T16:00:00Z");
        assertThat(new WorkingTime("").within(start, Duration.ofDays(1), 0.25)).isEqualTo(start.plus(Duration.ofHours(6)));
    }

    @Test
    void holidaysAreNotWorkingDays() {
        WorkingTime christmas = new WorkingTime("MON-FRI 09:00-17:00 Europe/Berlin",
                List.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));
        // Wednesday 23rd 16:00 + 2 h: one hour on the 23rd, the next on Monday the 28th.
        assertThat(christmas.add(berlin("2026-12-23T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-28T10:00"));
        assertThat(christmas.add(berlin("2026-12-23T10:00"), Duration.ofDays(1))).isEqualTo(berlin("2026-12-28T10:00"));
    }

    @Test
    void daylightSavingChangeKeepsLocalOfficeHours() {
        // Europe/Berlin leaves summer time on Sunday 2026-10-25: Monday still opens at 09:00 local (08:00 UTC).
        Instant fridaySummer = berlin("2026-10-23T16:30");
        assertThat(hours.add(fridaySummer, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-10-26T08:30:00Z"));
    }

    @Test
    void invalidSpecificationNamesTheKey() {
        assertThatThrownBy(() -> new WorkingTime("weekdays 9-5")).hasMessageContaining("baton.sla.business-hours");
        assertThatThrownBy(() -> new WorkingTime("MON-FRI 09:00-17:00 Mars/Olympus")).hasMessageContaining("time zone");
    }

    private static Instant berlin(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), BERLIN).toInstant();
    }
}

package io.baton.escalation;

import io.baton.lead.WorkingClock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * SLA arithmetic: round the clock by default; with {@code baton.sla.business-hours}
 * (e.g. {@code MON-FRI 09:00-17:00 Europe/Berlin}) only working time counts, computed in the
 * calendar's zone so weekends, holidays ({@code baton.sla.holidays}, ISO dates) and
 * daylight-saving changes fall where people expect them. A day of SLA is a working day — the same
 * time on the next working day — not 24 working hours; what is left under a day counts in working
 * hours. So {@code P5D} from Monday 10:00 is the next Monday 10:00, and {@code PT2H} from Friday
 * 16:30 is Monday 10:30.
 */
@Component
class WorkingTime implements WorkingClock {

    private static final Pattern SPEC = Pattern.compile(
            "(MON|TUE|WED|THU|FRI|SAT|SUN)-(MON|TUE|WED|THU|FRI|SAT|SUN) (\\d{2}:\\d{2})-(\\d{2}:\\d{2}) (\\S+)");

    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    private final LocalTime closes;
    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    /** The zone people read times in: the business calendar's, else UTC. */
    ZoneId zone() {
        return zone == null ? ZoneId.of("UTC") : zone;
    }

    @Autowired
    WorkingTime(SlaProperties properties) {
        this(properties.businessHours(), properties.holidays());
    }

    WorkingTime(String spec) {
        this(spec, List.of());
    }

    WorkingTime(String spec, Collection<LocalDate> holidays) {
        this.holidays = holidays == null ? Set.of() : Set.copyOf(new TreeSet<>(holidays));
        if (spec == null || spec.isBlank()) {
            days = null;
            opens = closes = null;
            zone = null;
            return;
        }
        String[] parts = spec.strip().split("\\s+");
        Matcher m = SPEC.matcher(parts.length == 3 ? parts[0].toUpperCase(Locale.ROOT) + " " + parts[1] + " " + parts[2] : spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("baton.sla.business-hours must look like 'MON-FRI 09:00-17:00 Europe/Berlin', got '" + spec + "'");
        }
        DayOfWeek from = day(m.group(1));
        DayOfWeek to = day(m.group(2));
        days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d = from; ; d = d.plus(1)) {
            days.add(d);
            if (d == to) {
                break;
            }
        }
        opens = LocalTime.parse(m.group(3));
        closes = LocalTime.parse(m.group(4));
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("baton.sla.business-hours: opening time must be before closing time in '" + spec + "'");
        }
        try {
            zone = ZoneId.of(m.group(5));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("baton.sla.business-hours: unknown time zone '" + m.group(5) + "'", e);
        }
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation)) {
                return d;
            }
        }
        throw new IllegalArgumentException(abbreviation);
    }

    private WorkingTime(WorkingTime hours, ZoneId zone) {
        this.days = hours.days;
        this.opens = hours.opens;
        this.closes = hours.closes;
        this.holidays = hours.holidays;
        this.zone = zone;
    }

    /** The same hours and holidays where a team works: 09:00 is 09:00 in {@code zone}. */
    WorkingTime in(ZoneId zone) {
        return isRoundTheClock() || zone == null || zone.equals(this.zone) ? this : new WorkingTime(this, zone);
    }

    public boolean isRoundTheClock() {
        return days == null;
    }

    @Override
    public Instant within(Instant start, Duration window, double fraction) {
        if (isRoundTheClock()) {
            return start.plusMillis((long) (window.toMillis() * fraction));
        }
        // A day of the window is a working day, as in add(): measure the window in working hours, then walk that share.
        long day = Duration.between(opens, closes).toMillis();
        long working = window.toDays() * day + window.minusDays(window.toDays()).toMillis();
        long share = (long) (working * fraction);
        return add(start, Duration.ofDays(share / day).plusMillis(share % day));
    }

    /** The instant at which {@code amount} of working time has passed after {@code start}. */
    @Override
    public Instant add(Instant start, Duration amount) {
        if (isRoundTheClock()) {
            return start.plus(amount);
        }
        ZonedDateTime cursor = nextWorkingMoment(start.atZone(zone));
        long days = amount.toDays();
        for (long d = 0; d < days; d++) {
            cursor = sameTimeNextWorkingDay(cursor);
        }
        Duration left = amount.minusDays(days);
        while (true) {
            cursor = nextWorkingMoment(cursor);
            ZonedDateTime closing = cursor.with(closes);
            Duration available = Duration.between(cursor, closing);
            if (left.compareTo(available) <= 0) {
                return cursor.plus(left).toInstant();
            }
            left = left.minus(available);
            cursor = closing.plusDays(1).with(opens);
        }
    }

    private boolean isWorkingDay(ZonedDateTime at) {
        return days.contains(at.getDayOfWeek()) && !holidays.contains(at.toLocalDate());
    }

    /** The same local time on the next working day; a closing-time cursor stays at closing time. */
    private ZonedDateTime sameTimeNextWorkingDay(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        ZonedDateTime cursor = at;
        for (int i = 0; i < 400; i++) {
            cursor = cursor.plusDays(1);
            if (isWorkingDay(cursor)) {
                return cursor.with(time);
            }
        }
        throw new IllegalStateException("business hours contain no working day in a year");
    }

    private ZonedDateTime nextWorkingMoment(ZonedDateTime at) {
        ZonedDateTime cursor = at;
        for (int i = 0; i < 400; i++) {
            if (isWorkingDay(cursor)) {
                if (cursor.toLocalTime().isBefore(opens)) {
                    return cursor.with(opens);
                }
                if (cursor.toLocalTime().isBefore(closes)) {
                    return cursor;
                }
            }
            cursor = cursor.plusDays(1).with(opens);
        }
        throw new IllegalStateException("business hours contain no working day in a year");
    }
}

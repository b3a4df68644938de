package io.baton.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.springframework.stereotype.Component;

/** {@code ${sla.duration('first-touch')}} and friends: the SLA configuration as the diagrams see it. */
@Component("sla")
public class Sla {

    private final SlaProperties properties;
    private final WorkingTime workingTime;
    private final Clock clock;

    Sla(SlaProperties properties, WorkingTime workingTime, Clock clock) {
        this.properties = properties;
        this.workingTime = workingTime;
        this.clock = clock;
    }

    public String duration(String key) {
        return properties.of(key).toString();
    }

    public String reminder(String key) {
        Duration sla = properties.of(key);
        return Duration.ofMillis(Math.max(1000, (long) (sla.toMillis() * properties.reminderFraction()))).toString();
    }

    /** When work of this SLA is due, so Tasklist sorts by it and flags it overdue. */
    public Date dueDate(String key) {
        return Date.from(workingTime.add(clock.instant(), properties.of(key)));
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

package io.baton.system;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Timers are due at instants the database stores and every node compares with its own clock: a
 * node whose clock disagrees with the database by more than two seconds fires SLAs early or late.
 * Checked at start-up (logged loudly) and on every health probe ({@code /actuator/health}).
 */
@Component("clockHealthIndicator")
class ClockHealth implements HealthIndicator {

    static final Duration TOLERANCE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ClockHealth.class);

    private final JdbcTemplate jdbc;

    ClockHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkAtStartUp() {
        Duration skew = skew();
        if (skew.abs().compareTo(TOLERANCE) > 0) {
            log.error("The JVM clock differs from the database clock by {} ms (tolerance {} ms): SLA timers will fire off time",
                    skew.toMillis(), TOLERANCE.toMillis());
        } else {
            log.info("JVM and database clocks agree within {} ms", skew.abs().toMillis());
        }
    }

    @Override
    public Health health() {
        Duration skew = skew();
        Health.Builder health = skew.abs().compareTo(TOLERANCE) > 0 ? Health.down() : Health.up();
        return health.withDetail("skewMillis", skew.toMillis()).withDetail("toleranceMillis", TOLERANCE.toMillis())
                .withDetail("timeZone", TimeZone.getDefault().getID()).build();
    }

    /** The JVM's own wall clock, deliberately not Baton's {@code Clock} bean: tests move that one. */
    Duration skew() {
        Instant before = Instant.now();
        Timestamp database = jdbc.queryForObject("select current_timestamp", Timestamp.class);
        Instant after = Instant.now();
        Instant local = before.plus(Duration.between(before, after).dividedBy(2));
        return Duration.between(local, database.toInstant());
    }
}

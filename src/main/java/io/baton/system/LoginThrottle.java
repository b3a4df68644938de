package io.baton.system;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins per user and per source address, kept in {@code baton_login_throttle} so that every
 * node sees the same counts. {@link #check} runs before any password is compared; failures are
 * written in their own short transactions, one per counted subject. Reaching a limit locks the
 * subject for {@code lock} and starts its count afresh, so a lock always ends by itself.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_SUBJECT = 300;

    /** {@code retryAfterSeconds > 0}: refuse without checking the password. */
    record Verdict(long retryAfterSeconds, boolean userHasFailures) {
        boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final LoginThrottleProperties limits;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, LoginThrottleProperties limits) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.limits = limits;
    }

    Verdict check(String user, String address) {
        Instant now = clock.instant();
        List<String> subjects = subjects(user, address);
        long retryAfter = 0;
        boolean userHasFailures = false;
        String userSubject = user == null || user.isEmpty() ? null : userSubject(user);
        for (var row : jdbc.queryForList("select subject, failures, locked_until from baton_login_throttle where subject in ("
                + "?,".repeat(subjects.size() - 1) + "?)", subjects.toArray())) {
            Instant lockedUntil = instant(row.get("locked_until"));
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                retryAfter = Math.max(retryAfter, secondsUntil(now, lockedUntil));
            }
            if (row.get("subject").equals(userSubject)) {
                userHasFailures = true;
            }
        }
        return new Verdict(retryAfter, userHasFailures);
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        if (user != null && !user.isEmpty()) {
            count(userSubject(user), limits.maxFailuresPerUser(), now);
        }
        count(addressSubject(address), limits.maxFailuresPerAddress(), now);
        forgetExpired(now);
    }

    /** The user proved their password: their count starts again. The address keeps its count (see README). */
    void succeeded(String user) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("delete from baton_login_throttle where subject = ?", userSubject(user)));
    }

    private void count(String subject, int limit, Instant now) {
        try {
            ownTransaction.executeWithoutResult(status -> countLocked(subject, limit, now));
        } catch (DuplicateKeyException firstFailureElsewhereAtOnce) {
            ownTransaction.executeWithoutResult(status -> countLocked(subject, limit, now));
        }
    }

    private void countLocked(String subject, int limit, Instant now) {
        var rows = jdbc.queryForList("select failures, window_start, locked_until from baton_login_throttle where subject = ? for update",
                subject);
        if (rows.isEmpty()) {
            write(true, subject, 1, now, limit, now);
            return;
        }
        var row = rows.get(0);
        Instant lockedUntil = instant(row.get("locked_until"));
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            // Failures while locked never reach a password check and never lengthen the lock.
            return;
        }
        Instant windowStart = instant(row.get("window_start"));
        boolean windowOver = !windowStart.plus(limits.window()).isAfter(now);
        int failures = windowOver ? 1 : ((Number) row.get("failures")).intValue() + 1;
        write(false, subject, failures, windowOver ? now : windowStart, limit, now);
    }

    private void write(boolean insert, String subject, int failures, Instant windowStart, int limit, Instant now) {
        Instant lockedUntil = null;
        if (failures >= limit) {
            lockedUntil = now.plus(limits.lock());
            failures = 0;
            windowStart = now;
            log.warn("Login throttle: {} locked until {} after {} failed logins", subject, lockedUntil, limit);
        }
        Instant windowEnd = windowStart.plus(limits.window());
        Instant expiresAt = lockedUntil != null && lockedUntil.isAfter(windowEnd) ? lockedUntil : windowEnd;
        if (insert) {
            jdbc.update("insert into baton_login_throttle (subject, failures, window_start, locked_until, expires_at) values (?, ?, ?, ?, ?)",
                    subject, failures, Timestamp.from(windowStart), timestamp(lockedUntil), Timestamp.from(expiresAt));
        } else {
            jdbc.update("update baton_login_throttle set failures = ?, window_start = ?, locked_until = ?, expires_at = ? where subject = ?",
                    failures, Timestamp.from(windowStart), timestamp(lockedUntil), Timestamp.from(expiresAt), subject);
        }
    }

    /** Rows of past windows say nothing; removing them keeps the table as small as the current attacks. */
    private void forgetExpired(Instant now) {
        try {
            ownTransaction.executeWithoutResult(status ->
                    jdbc.update("delete from baton_login_throttle where expires_at < ?", Timestamp.from(now)));
        } catch (DataAccessException concurrentCleanup) {
            log.debug("Login throttle clean-up left for the next failure", concurrentCleanup);
        }
    }

    private static List<String> subjects(String user, String address) {
        List<String> subjects = new ArrayList<>(2);
        if (user != null && !user.isEmpty()) {
            subjects.add(userSubject(user));
        }
        subjects.add(addressSubject(address));
        return subjects;
    }

    static String userSubject(String user) {
        String subject = "user:" + user;
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }

    static String addressSubject(String address) {
        String subject = "address:" + (address == null ? "unknown" : address);
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }

    private static long secondsUntil(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Object timestamp(Instant instant) {
        return instant == null ? new SqlParameterValue(Types.TIMESTAMP, null) : Timestamp.from(instant);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("Unexpected time value " + value.getClass());
    }
}

package io.baton.integration;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How each webhook subscription is doing, for the managers' and admins' Cockpit page: a subscription
 * whose receiver fails shows there before its events are dead-lettered. The target is shown without
 * its query and user info, which receivers often use for tokens; the secret never leaves the table.
 */
@Service
public class WebhookHealth {

    /** {@code ok}: nothing failing; {@code retrying}: deliveries failed and are being retried; {@code dead-lettered}: given up on, held for an admin. */
    public enum State { ok, retrying, dead_lettered, paused;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().replace('_', '-');
        }
    }

    public record Subscription(String id, String target, List<String> events, State state, long pending, long retrying,
            long deadLetters, String lastError, Instant lastFailureAt, Instant lastDeliveredAt) {
    }

    private final JdbcTemplate jdbc;

    WebhookHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Subscription> subscriptions() {
        return jdbc.query("""
                select w.id, w.url, w.events, w.paused,
                       count(case when d.status = 'PENDING' then 1 end) pending,
                       count(case when d.status = 'PENDING' and d.attempts > 0 then 1 end) retrying,
                       count(case when d.status = 'DEAD' then 1 end) dead,
                       max(case when d.status in ('PENDING', 'DEAD') and d.last_error is not null then d.last_attempt_at end) last_failure,
                       max(d.delivered_at) last_delivered,
                       (select f.last_error from baton_webhook_delivery f
                        where f.webhook_id = w.id and f.status in ('PENDING', 'DEAD') and f.last_error is not null
                        order by f.last_attempt_at desc, f.id desc limit 1) last_error
                from baton_webhook w left join baton_webhook_delivery d on d.webhook_id = w.id
                group by w.id, w.url, w.events, w.paused, w.created_at
                order by w.created_at, w.id""", (rs, row) -> {
            long retrying = rs.getLong("retrying");
            long dead = rs.getLong("dead");
            Instant lastFailure = instant(rs.getTimestamp("last_failure"));
            State state = dead > 0 ? State.dead_lettered : retrying > 0 ? State.retrying : rs.getBoolean("paused") ? State.paused : State.ok;
            return new Subscription(rs.getString("id"), target(rs.getString("url")), Webhooks.events(rs.getString("events")), state,
                    rs.getLong("pending"), retrying, dead, rs.getString("last_error"), lastFailure,
                    instant(rs.getTimestamp("last_delivered")));
        });
    }

    private static String target(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException unreadable) {
            return "(unreadable URL)";
        }
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}

package io.baton.integration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhook subscriptions and the admin's view of their deliveries: dead letters, re-delivery, skipping. */
@Service
class Webhooks {

    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "DEAD", "SKIPPED");

    private final JdbcTemplate jdbc;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final Clock clock;

    Webhooks(JdbcTemplate jdbc, WebhookTargets targets, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    static List<String> events(String stored) {
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Transactional
    public String register(String url, List<String> events, String secret, String actor) {
        if (url == null || url.isBlank()) {
            throw WebhookProblem.invalid("url", "is required");
        }
        if (url.length() > 2000) {
            throw WebhookProblem.invalid("url", "is longer than 2000 characters");
        }
        String refusal = targets.refusal(url);
        if (refusal != null) {
            throw WebhookProblem.invalid("url", refusal);
        }
        if (events == null || events.isEmpty()) {
            throw WebhookProblem.invalid("events", "names at least one of " + Outbox.EVENT_TYPES);
        }
        for (String event : events) {
            if (event == null || !Outbox.EVENT_TYPES.contains(event)) {
                throw WebhookProblem.invalid("events", "'" + event + "' is not one of " + Outbox.EVENT_TYPES);
            }
        }
        if (secret == null || secret.isBlank()) {
            throw WebhookProblem.invalid("secret", "is required");
        }
        if (secret.length() < 16 || secret.length() > 200) {
            throw WebhookProblem.invalid("secret", "must be 16 to 200 characters");
        }
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into baton_webhook (id, url, events, secret, paused, created_at, created_by) values (?, ?, ?, ?, false, ?, ?)",
                id, url, String.join(",", events.stream().distinct().toList()), secret, Timestamp.from(clock.instant()), actor);
        return id;
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> list() {
        return jdbc.query("select id, url, events, paused, created_at, created_by from baton_webhook order by created_at, id", (rs, row) -> {
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("id", rs.getString("id"));
            hook.put("url", rs.getString("url"));
            hook.put("events", events(rs.getString("events")));
            hook.put("paused", rs.getBoolean("paused"));
            hook.put("createdAt", rs.getTimestamp("created_at").toInstant());
            hook.put("createdBy", rs.getString("created_by"));
            return hook;
        });
    }

    @Transactional
    public void pause(String id, boolean paused) {
        if (jdbc.update("update baton_webhook set paused = ? where id = ?", paused, id) == 0) {
            throw WebhookProblem.notFound("Webhook " + id);
        }
    }

    /** Removes the subscription with its deliveries, dead letters included. */
    @Transactional
    public void delete(String id) {
        if (jdbc.update("delete from baton_webhook where id = ?", id) == 0) {
            throw WebhookProblem.notFound("Webhook " + id);
        }
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> deliveries(String id, String status) {
        requireWebhook(id);
        if (status != null && !STATUSES.contains(status)) {
            throw WebhookProblem.invalid("status", "is not one of " + STATUSES.stream().sorted().toList());
        }
        String query = "select d.id, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_error, d.delivered_at,"
                        + " e.event_id, e.type, e.lead_id, e.occurred_at from baton_webhook_delivery d join baton_outbox_event e on e.seq = d.event_seq"
                        + " where d.webhook_id = ?" + (status == null ? "" : " and d.status = ?") + " order by d.event_seq limit 500";
        Object[] arguments = status == null ? new Object[] {id} : new Object[] {id, status};
        return jdbc.query(query, (rs, row) -> {
                    Map<String, Object> delivery = new LinkedHashMap<>();
                    delivery.put("id", rs.getLong("id"));
                    delivery.put("eventId", rs.getString("event_id"));
                    delivery.put("type", rs.getString("type"));
                    delivery.put("leadId", rs.getString("lead_id"));
                    delivery.put("occurredAt", rs.getTimestamp("occurred_at").toInstant());
                    delivery.put("status", rs.getString("status"));
                    delivery.put("attempts", rs.getInt("attempts"));
                    delivery.put("nextAttemptAt", instant(rs.getTimestamp("next_attempt_at")));
                    delivery.put("lastAttemptAt", instant(rs.getTimestamp("last_attempt_at")));
                    delivery.put("lastError", rs.getString("last_error"));
                    delivery.put("deliveredAt", instant(rs.getTimestamp("delivered_at")));
                    return delivery;
                }, arguments);
    }

    /** Sends a dead letter again from now on, with a fresh retry bound. */
    @Transactional
    public void retry(String id, long deliveryId) {
        requireWebhook(id);
        Instant now = clock.instant();
        settleDead(id, deliveryId, "update baton_webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?, give_up_at = ?,"
                + " claimed_until = null where id = ? and webhook_id = ? and status = 'DEAD'",
                Timestamp.from(now), Timestamp.from(now.plus(properties.giveUpAfter())), deliveryId, id);
    }

    /** Gives up on a dead letter for good: the lead's later events go out. */
    @Transactional
    public void skip(String id, long deliveryId) {
        requireWebhook(id);
        settleDead(id, deliveryId, "update baton_webhook_delivery set status = 'SKIPPED' where id = ? and webhook_id = ? and status = 'DEAD'",
                deliveryId, id);
    }

    private void settleDead(String id, long deliveryId, String update, Object... arguments) {
        if (jdbc.update(update, arguments) == 0) {
            List<String> status = jdbc.queryForList("select status from baton_webhook_delivery where id = ? and webhook_id = ?",
                    String.class, deliveryId, id);
            if (status.isEmpty()) {
                throw WebhookProblem.notFound("Delivery " + deliveryId);
            }
            throw WebhookProblem.conflict("Delivery " + deliveryId + " is " + status.get(0) + "; only a DEAD delivery can be retried or skipped");
        }
    }

    private void requireWebhook(String id) {
        Integer found = jdbc.queryForObject("select count(*) from baton_webhook where id = ?", Integer.class, id);
        if (found == null || found == 0) {
            throw WebhookProblem.notFound("Webhook " + id);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

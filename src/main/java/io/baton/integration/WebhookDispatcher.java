package io.baton.integration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Delivers the outbox: claims due deliveries with a conditional update and a lease (so two nodes never
 * post the same delivery at once, and a crashed node's claim lapses), posts each signed body, and
 * records the outcome. A failure is retried with exponential backoff until {@code give-up-after}, then
 * dead-lettered with its last error. A delivery waits while an earlier one of the same lead and
 * subscription is pending or dead, so a receiver sees each lead's events in order.
 */
@Service
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private record Due(long id, String webhookId, String url, String secret, String eventId, String type, String payload,
                       int attempts, Instant giveUpAt) {
    }

    private static final String DUE = "select d.id, d.webhook_id, w.url, w.secret, e.event_id, e.type, e.payload, d.attempts, d.give_up_at"
            + " from baton_webhook_delivery d join baton_webhook w on w.id = d.webhook_id join baton_outbox_event e on e.seq = d.event_seq"
            + " where d.status = 'PENDING' and w.paused = false and d.next_attempt_at <= ?"
            + " and (d.claimed_until is null or d.claimed_until < ?)"
            + " and not exists (select 1 from baton_webhook_delivery b where b.webhook_id = d.webhook_id and b.lead_id = d.lead_id"
            + " and b.event_seq < d.event_seq and b.status in ('PENDING', 'DEAD'))"
            + " order by d.event_seq limit ?";

    private final JdbcTemplate jdbc;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient client;
    private final MeterRegistry meters;
    private final Timer latency;

    WebhookDispatcher(JdbcTemplate jdbc, WebhookTargets targets, WebhookProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.timeout()).build();
        this.latency = Timer.builder("baton.webhook.delivery.latency").description("Time to post one webhook delivery").register(meters);
        Gauge.builder("baton.outbox.depth", this, dispatcher -> dispatcher.count("PENDING"))
                .description("Webhook deliveries waiting to go out").register(meters);
        Gauge.builder("baton.webhook.dead.letters", this, dispatcher -> dispatcher.count("DEAD"))
                .description("Webhook deliveries given up on, waiting for an admin to retry or skip them").register(meters);
    }

    /** Delivers everything due now, round after round (a lead's next event becomes due once its previous one is out). */
    public int dispatchDue() {
        int delivered = 0;
        for (int round = 0; round < 1000; round++) {
            List<Due> claimed = claim();
            if (claimed.isEmpty()) {
                break;
            }
            for (Due due : claimed) {
                deliver(due);
                delivered++;
            }
        }
        return delivered;
    }

    private List<Due> claim() {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        List<Due> candidates = jdbc.query(DUE, (rs, row) -> new Due(rs.getLong("id"), rs.getString("webhook_id"), rs.getString("url"),
                rs.getString("secret"), rs.getString("event_id"), rs.getString("type"), rs.getString("payload"), rs.getInt("attempts"),
                rs.getTimestamp("give_up_at").toInstant()), at, at, properties.batchSize());
        Timestamp lease = Timestamp.from(now.plus(properties.lease()));
        // Whoever changes the row first owns it; another node's update finds the claim taken (or the delivery
        // already done, or failed and rescheduled) and moves on.
        return candidates.stream().filter(due -> jdbc.update("update baton_webhook_delivery set claimed_until = ? where id = ?"
                + " and status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)",
                lease, due.id(), at, at) == 1).toList();
    }

    private void deliver(Due due) {
        long started = System.nanoTime();
        String error;
        try {
            String refusal = targets.refusal(due.url());
            if (refusal != null) {
                error = "url " + refusal;
            } else {
                HttpRequest request = HttpRequest.newBuilder(URI.create(due.url())).timeout(properties.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Baton-Webhooks")
                        .header("X-Baton-Event-Id", due.eventId())
                        .header("X-Baton-Event-Type", due.type())
                        .header("X-Baton-Signature", "sha256=" + sign(due.secret(), due.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload(), StandardCharsets.UTF_8)).build();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                error = status >= 200 && status < 300 ? null : "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            latency.record(Duration.ofNanos(System.nanoTime() - started));
        }
        Instant now = clock.instant();
        if (error == null) {
            jdbc.update("update baton_webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, last_attempt_at = ?,"
                    + " claimed_until = null where id = ?", Timestamp.from(now), Timestamp.from(now), due.id());
            outcome("delivered");
            return;
        }
        String lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        if (!now.isBefore(due.giveUpAt())) {
            jdbc.update("update baton_webhook_delivery set status = 'DEAD', attempts = attempts + 1, last_error = ?, last_attempt_at = ?,"
                    + " claimed_until = null where id = ?", lastError, Timestamp.from(now), due.id());
            LOG.warn("Webhook {} gave up on event {} ({}): {}", due.webhookId(), due.eventId(), due.type(), lastError);
            outcome("dead");
            return;
        }
        Instant next = now.plus(backoff(due.attempts()));
        if (next.isAfter(due.giveUpAt())) {
            next = due.giveUpAt();
        }
        jdbc.update("update baton_webhook_delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ?, last_attempt_at = ?,"
                + " claimed_until = null where id = ?", Timestamp.from(next), lastError, Timestamp.from(now), due.id());
        outcome("failed");
    }

    /** initial, 2×initial, 4×initial … capped at retry-max. */
    Duration backoff(int previousAttempts) {
        Duration delay = properties.retryInitial();
        for (int i = 0; i < previousAttempts && delay.compareTo(properties.retryMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private void outcome(String outcome) {
        Counter.builder("baton.webhook.deliveries").tag("outcome", outcome).description("Webhook delivery attempts by outcome")
                .register(meters).increment();
    }

    private double count(String status) {
        try {
            Long count = jdbc.queryForObject("select count(*) from baton_webhook_delivery where status = ?", Long.class, status);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

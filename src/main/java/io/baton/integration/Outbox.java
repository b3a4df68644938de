package io.baton.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a change tells the outside world what happened: the event and one delivery per interested
 * subscription are written in the transaction of the change, so a change that rolls back sends
 * nothing, and one that commits is delivered at least once ({@link WebhookDispatcher}).
 */
@Service
public class Outbox {

    public static final String LEAD_CAPTURED = "lead.captured";
    public static final String LEAD_OWNER_CHANGED = "lead.owner_changed";
    public static final String LEAD_CLOSED = "lead.closed";
    public static final String HANDOFF_ACCEPTED = "handoff.accepted";
    public static final String HANDOFF_REJECTED = "handoff.rejected";
    public static final String ESCALATION_OPENED = "escalation.opened";
    public static final String ESCALATION_DECIDED = "escalation.decided";
    public static final List<String> EVENT_TYPES = List.of(LEAD_CAPTURED, LEAD_OWNER_CHANGED, LEAD_CLOSED,
            HANDOFF_ACCEPTED, HANDOFF_REJECTED, ESCALATION_OPENED, ESCALATION_DECIDED);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookProperties properties;

    Outbox(JdbcTemplate jdbc, ObjectMapper json, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** Records an event of the lead in the caller's transaction; {@code data} is the event's own part of the payload. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String type, String leadId, Map<String, Object> data) {
        if (!EVENT_TYPES.contains(type)) {
            throw new IllegalArgumentException("Unknown event type " + type);
        }
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("type", type);
        payload.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(now));
        payload.put("leadId", leadId);
        payload.put("data", data);
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type + " of lead " + leadId + " cannot be written as JSON", e);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement(
                    "insert into baton_outbox_event (event_id, type, lead_id, occurred_at, payload) values (?, ?, ?, ?, ?)",
                    new String[] {"seq"});
            insert.setString(1, eventId);
            insert.setString(2, type);
            insert.setString(3, leadId);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setString(5, body);
            return insert;
        }, key);
        long seq = key.getKey().longValue();
        Timestamp at = Timestamp.from(now);
        Timestamp giveUp = Timestamp.from(now.plus(properties.giveUpAfter()));
        // Every subscription that wants the type gets its delivery, paused ones too (they hold it until resumed).
        for (Map<String, Object> hook : jdbc.queryForList("select id, events from baton_webhook")) {
            if (Webhooks.events((String) hook.get("events")).contains(type)) {
                jdbc.update("insert into baton_webhook_delivery (webhook_id, event_seq, lead_id, status, attempts, next_attempt_at, give_up_at)"
                        + " values (?, ?, ?, 'PENDING', 0, ?, ?)", hook.get("id"), seq, leadId, at, giveUp);
            }
        }
    }
}

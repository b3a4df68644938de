package io.baton.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells a person about their work. Every notification is recorded in the lead's activity log in
 * the caller's transaction; the outbound channel (e-mail when enabled) is used only after commit,
 * so a rolled-back escalation never mails anyone.
 */
@Service
public class Notifications {

    private final JdbcTemplate jdbc;
    private final NotificationChannel channel;
    private final Clock clock;

    Notifications(JdbcTemplate jdbc, NotificationChannel channel, Clock clock) {
        this.jdbc = jdbc;
        this.channel = channel;
        this.clock = clock;
    }

    public void send(String leadId, String recipient, NotificationKind kind, String message) {
        Instant now = clock.instant();
        jdbc.update("insert into baton_activity (lead_id, kind, recipient, message, occurred_at) values (?, ?, ?, ?, ?)",
                leadId, kind.name(), recipient, truncate(message), Timestamp.from(now));
        if (recipient == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    channel.deliver(recipient, leadId, kind, message);
                }
            });
        } else {
            channel.deliver(recipient, leadId, kind, message);
        }
    }

    private static String truncate(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }
}

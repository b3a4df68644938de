package io.baton.notification;

/** Where a notification leaves Baton: the port that e-mail (or chat) adapters implement. */
interface NotificationChannel {

    void deliver(String recipientUserId, String leadId, NotificationKind kind, String message);
}

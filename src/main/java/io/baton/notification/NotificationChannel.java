package io.baton.notification;

/** Where a notification leaves Baton: the port that e-mail (or chat) adapters implement. */
interface NotificationChannel {

    void deliver(String recipientUserId, NotificationKind kind, String message);
}

package io.baton.notification;

/** What a notification is about; stored by name in the lead's activity log and named in mail subjects. */
public enum NotificationKind {
    ASSIGNMENT,
    REMINDER,
    ESCALATION,
    REJECTION
}

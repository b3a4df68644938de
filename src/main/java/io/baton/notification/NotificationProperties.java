package io.baton.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code baton.notifications.*}: e-mail is off unless switched on; SMTP itself is {@code spring.mail.*}. */
@ConfigurationProperties("baton.notifications")
record NotificationProperties(boolean mailEnabled, String from, String recipientDomain) {
}

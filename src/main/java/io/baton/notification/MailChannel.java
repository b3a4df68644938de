package io.baton.notification;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** E-mail adapter: the user's address from Camunda's identity service, else user@recipient-domain. */
@Component
class MailChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    private final NotificationProperties properties;
    private final JavaMailSender mailSender;
    private final IdentityService identityService;
    private final TaskLinks links;

    MailChannel(NotificationProperties properties, JavaMailSender mailSender, IdentityService identityService, TaskLinks links) {
        this.properties = properties;
        this.mailSender = mailSender;
        this.identityService = identityService;
        this.links = links;
    }

    @Override
    public void deliver(String recipientUserId, String leadId, NotificationKind kind, String message) {
        if (!properties.mailEnabled()) {
            return;
        }
        User user = identityService.createUserQuery().userId(recipientUserId).singleResult();
        String address = user != null && user.getEmail() != null && !user.getEmail().isBlank()
                ? user.getEmail() : recipientUserId + "@" + properties.recipientDomain();
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.from());
        mail.setTo(address);
        mail.setSubject("[Baton] " + kind.name().charAt(0) + kind.name().substring(1).toLowerCase() + ": " + firstLine(message));
        try {
            mail.setText(message + "\n\nOpen it in Tasklist: " + links.linkFor(recipientUserId, leadId) + "\n");
            mailSender.send(mail);
        } catch (MailException e) {
            // The activity log already holds the notification; a mail outage must not undo work.
            log.warn("Could not mail {} notification to {}: {}", kind, recipientUserId, e.getMessage());
        }
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}

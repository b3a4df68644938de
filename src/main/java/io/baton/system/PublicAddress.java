package io.baton.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where people reach Baton: {@code baton.base-url} when set (a proxy, a DNS name), else this node's
 * own port on localhost. E-mails link there; start-up says it once, with how to log in.
 */
@Component
public class PublicAddress {

    private static final Logger log = LoggerFactory.getLogger("io.baton");

    private final String configured;
    private final Environment environment;

    PublicAddress(@Value("${baton.base-url:}") String configured, Environment environment) {
        if (!configured.isBlank() && !configured.strip().matches("https?://\\S+")) {
            throw new IllegalArgumentException("baton.base-url must be the http(s) address people reach Baton at, not '" + configured + "'");
        }
        this.configured = configured.strip().replaceAll("/+$", "");
        this.environment = environment;
    }

    public String url() {
        return configured.isEmpty() ? "http://localhost:" + environment.getProperty("local.server.port", "8080") : configured;
    }

    public String tasklist() {
        return url() + "/camunda/app/tasklist/default/";
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        boolean demo = environment.matchesProfiles("demo");
        log.info("Baton is up at {} — Tasklist {}, Cockpit {}/camunda/app/cockpit/default/, API {}/api; log in {}", url(), tasklist(), url(), url(),
                demo ? "as a demo user (password = user id, e.g. sam/sam; admin/admin unless BATON_ADMIN_PASSWORD is set)"
                        : "with a Camunda user (admin's password is BATON_ADMIN_PASSWORD)");
    }
}

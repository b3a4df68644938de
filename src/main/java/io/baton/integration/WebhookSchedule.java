package io.baton.integration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the dispatcher every {@code baton.webhooks.dispatch-interval}; {@code dispatch-enabled: false} turns it off on this node. */
@Component
@ConditionalOnProperty(name = "baton.webhooks.dispatch-enabled", havingValue = "true", matchIfMissing = true)
class WebhookSchedule {

    private final WebhookDispatcher dispatcher;

    WebhookSchedule(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(initialDelayString = "${baton.webhooks.dispatch-interval:PT5S}", fixedDelayString = "${baton.webhooks.dispatch-interval:PT5S}")
    void dispatch() {
        dispatcher.dispatchDue();
    }
}

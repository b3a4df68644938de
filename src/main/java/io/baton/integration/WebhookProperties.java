package io.baton.integration;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.webhooks.*} (README "Webhooks"): how often the dispatcher runs, how long a delivery
 * is retried before it is dead-lettered, and which otherwise refused targets (loopback, private
 * ranges) a subscription may name, as hosts or CIDR ranges.
 */
@ConfigurationProperties("baton.webhooks")
record WebhookProperties(
        @DefaultValue("true") boolean dispatchEnabled,
        @DefaultValue("PT5S") Duration dispatchInterval,
        @DefaultValue("PT24H") Duration giveUpAfter,
        @DefaultValue("PT10S") Duration retryInitial,
        @DefaultValue("PT1H") Duration retryMax,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("PT2M") Duration lease,
        @DefaultValue("50") int batchSize,
        List<String> allowedTargets) {

    WebhookProperties {
        allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    }
}

package io.baton.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code baton.security.login-throttle.*}: failed logins counted per user and per source address
 * within {@code window}; reaching a limit refuses that user or address for {@code lock}, without
 * checking any password. The lock is short by design: a stranger can only ever hold an account
 * for {@code lock} at a time, never for good. {@code trustedProxies} (IP addresses or CIDR
 * ranges) are the only peers whose {@code X-Forwarded-For} is believed.
 */
@Validated
@ConfigurationProperties("baton.security.login-throttle")
record LoginThrottleProperties(
        @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration window,
        @Min(1) @Max(1000) int maxFailuresPerUser,
        @Min(1) @Max(100000) int maxFailuresPerAddress,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 15) Duration lock,
        List<String> trustedProxies) {

    LoginThrottleProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(proxy -> !proxy.isEmpty()).toList();
    }
}

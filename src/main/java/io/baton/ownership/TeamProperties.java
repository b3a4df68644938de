package io.baton.ownership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code baton.team.*}: what a person added to a team's group in Camunda Admin joins routing with,
 * and how often the team groups are reconciled besides start-up, routing and reading the directory.
 */
@Validated
@ConfigurationProperties("baton.team")
record TeamProperties(@Min(1) @Max(100) int defaultCapacity, @NotNull Duration groupSync) {
}

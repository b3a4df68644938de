package io.baton.escalation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code baton.sla.*}: ISO-8601 durations the diagrams' timers read through {@code ${sla...}}, so
 * changing one needs a restart, not a redeploy. A value that is not a duration stops start-up
 * with Spring's binding message naming the key.
 */
@Validated
@ConfigurationProperties("baton.sla")
record SlaProperties(
        @NotNull Duration firstTouch,
        @NotNull Duration handoffAcceptance,
        @NotNull Duration stageStall,
        @NotNull Duration escalationReview,
        Duration qualification,
        @DecimalMin(value = "0.0", inclusive = false) @DecimalMax(value = "1.0", inclusive = false) double reminderFraction,
        String businessHours,
        List<LocalDate> holidays) {

    static final Duration DEFAULT_QUALIFICATION = Duration.ofDays(2);

    SlaProperties {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        // The qualification decision after a first attempt; older configurations that do not name it get two days.
        qualification = qualification == null ? DEFAULT_QUALIFICATION : qualification;
    }

    public boolean isKnown(String key) {
        try {
            of(key);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    public Duration of(String key) {
        return switch (key) {
            case "first-touch" -> firstTouch;
            case "handoff-acceptance" -> handoffAcceptance;
            case "stage-stall" -> stageStall;
            case "escalation-review" -> escalationReview;
            case "qualification" -> qualification;
            default -> throw new IllegalArgumentException("Unknown SLA key 'baton.sla." + key + "'");
        };
    }
}

package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SlaConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(SlaProperties.class)
    static class Sla {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Sla.class)
            .withPropertyValues("baton.sla.first-touch=PT2H", "baton.sla.handoff-acceptance=PT4H", "baton.sla.stage-stall=P5D",
                    "baton.sla.escalation-review=PT8H", "baton.sla.reminder-fraction=0.5");

    @Test
    void isoDurationsAreRead() {
        context.withPropertyValues("baton.sla.first-touch=PT30M").run(ctx ->
                assertThat(ctx.getBean(SlaProperties.class).firstTouch()).hasMinutes(30));
    }

    @Test
    void invalidDurationStopsStartUpNamingTheKey() {
        context.withPropertyValues("baton.sla.first-touch=two hours").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("two hours");
            assertThat(ctx.getStartupFailure()).as("Spring Boot reports the bind failure under the key")
                    .hasStackTraceContaining("Failed to bind properties under 'baton.sla.first-touch'");
        });
    }

    @Test
    void reminderFractionMustLieBetweenZeroAndOne() {
        context.withPropertyValues("baton.sla.reminder-fraction=1.5").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("reminderFraction");
        });
    }
}

package io.baton.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ImportConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(ImportProperties.class)
    static class Imports {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Imports.class)
            .withPropertyValues("baton.imports.max-rows=100000", "baton.imports.max-bytes=104857600", "baton.imports.max-record-chars=65536",
                    "baton.imports.batch-size=250", "baton.imports.workers=1", "baton.imports.batch-workers=3",
                    "baton.imports.queue-capacity=8", "baton.imports.stale-after=PT10M", "baton.imports.grace=PT2H",
                    "baton.imports.spread=P1D");

    @Test
    void graceAndSpreadAreIsoDurations() {
        context.withPropertyValues("baton.imports.grace=PT30M", "baton.imports.spread=P2D").run(ctx -> {
            assertThat(ctx.getBean(ImportProperties.class).grace()).hasMinutes(30);
            assertThat(ctx.getBean(ImportProperties.class).spread()).hasDays(2);
        });
    }

    @Test
    void aNegativeGraceOrSpreadStopsStartUpNamingTheKey() {
        context.withPropertyValues("baton.imports.grace=-PT1H").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("baton.imports.grace");
        });
        context.withPropertyValues("baton.imports.spread=-P1D").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("baton.imports.spread");
        });
        context.withPropertyValues("baton.imports.spread=one day").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("baton.imports.spread");
        });
    }
}

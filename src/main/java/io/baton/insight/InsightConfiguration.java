package io.baton.insight;

import io.baton.system.EngineIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Tasklist filter reconcile and the metric gauges refresh on a schedule ({@code baton.insight.*});
 * the reports read an index of their own on the engine's task table.
 */
@Configuration
@EnableScheduling
class InsightConfiguration {

    @Bean
    EngineIndex taskAgeIndex() {
        return Reports.TASK_AGE_INDEX;
    }
}

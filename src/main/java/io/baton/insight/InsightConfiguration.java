package io.baton.insight;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Tasklist filter reconcile and the metric gauges refresh on a schedule ({@code baton.insight.*}). */
@Configuration
@EnableScheduling
class InsightConfiguration {
}

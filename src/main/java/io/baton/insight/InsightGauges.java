package io.baton.insight;

import io.baton.ownership.OwnershipHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database, not counted in memory, so every node reports the same truth and a
 * restart loses nothing. They are refreshed on a schedule ({@code baton.insight.gauge-refresh})
 * rather than per scrape, so a busy Prometheus cannot turn into database load.
 */
@Component
class InsightGauges {

    static final String OPEN_LEADS = "baton.open.leads";
    static final String OWNERSHIP_GAPS = "baton.ownership.gaps";

    private static final Logger log = LoggerFactory.getLogger(InsightGauges.class);

    private final JdbcTemplate jdbc;
    private final OwnershipHealth health;
    private final MultiGauge openLeads;
    private final AtomicLong ownershipGaps = new AtomicLong();

    InsightGauges(JdbcTemplate jdbc, OwnershipHealth health, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.health = health;
        this.openLeads = MultiGauge.builder(OPEN_LEADS).description("Open leads by stage").register(registry);
        Gauge.builder(OWNERSHIP_GAPS, ownershipGaps, AtomicLong::get)
                .description("Open leads without exactly one accountable owner plus owner tasks assigned to someone else; should be 0")
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        refreshQuietly();
    }

    @Scheduled(initialDelayString = "${baton.insight.gauge-refresh:PT30S}", fixedDelayString = "${baton.insight.gauge-refresh:PT30S}")
    void periodically() {
        refreshQuietly();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh Baton's gauges; keeping the last values", e);
        }
    }

    void refresh() {
        List<MultiGauge.Row<?>> rows = jdbc.query("select stage, count(*) as n from baton_lead where status = 'OPEN' group by stage",
                (rs, i) -> MultiGauge.Row.of(Tags.of("stage", rs.getString("stage")), rs.getLong("n")));
        openLeads.register(rows, true);
        OwnershipHealth.Report report = health.measure();
        ownershipGaps.set(report.leadsWithoutOwner() + report.ownerMismatches());
    }
}

package io.baton.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Job acquisition that stays cheap with hundreds of thousands of waiting timers. Every open lead
 * keeps two or more SLA timers in {@code ACT_RU_JOB}, nearly all due hours or days ahead. The
 * engine's default acquisition query ("due date null or past, not locked, …") cannot use an index
 * and reads the whole table on every acquisition cycle: at 100,000 open leads (197,000 jobs) 63 ms
 * of scanning plus 270 ms of PostgreSQL JIT compilation for each batch of three jobs. With every
 * job given a due date ({@code ensureJobDueDateNotNull}) and acquisition ordered by it
 * ({@code jobExecutorAcquireByDueDate}, both in application.yaml), the query walks this index from
 * the oldest due job and stops after the batch: 0.1 ms at the same size (bench/README.md).
 */
@Configuration
class JobAcquisition {

    static final EngineIndex DUE_DATE_INDEX = new EngineIndex("BATON_JOB_DUE", "ACT_RU_JOB", "DUEDATE_", "job acquisition");

    private static final Logger log = LoggerFactory.getLogger(JobAcquisition.class);

    private final JdbcTemplate jdbc;

    JobAcquisition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean
    EngineIndex jobDueDateIndex() {
        return DUE_DATE_INDEX;
    }

    /**
     * Jobs written before due dates were ensured (an older Baton, or another engine on the same
     * database) have none, and the acquisition by due date would never pick them: they become due
     * at their creation. The revision moves too, so an engine holding such a job in memory fails
     * its optimistic lock and reloads it instead of writing the empty due date back.
     */
    @EventListener(ApplicationReadyEvent.class)
    void dateUndatedJobs() {
        int dated = jdbc.update("""
                update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp), REV_ = REV_ + 1
                where DUEDATE_ is null""");
        if (dated > 0) {
            log.info("Gave {} job(s) without a due date their creation time as due date, so acquisition by due date picks them", dated);
        }
    }
}

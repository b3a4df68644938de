package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.PostgresDatabase;
import io.baton.testing.Stewarded;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job acquisition by due date through Baton's index: with thousands of timers waiting it reads
 * the index, not the table, and jobs left without a due date by an earlier version are picked up.
 * The job executor is off; acquisition runs as the engine's own command, in a test transaction.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class JobAcquisitionPostgresIT {

    private static final String WAITING = "jobs-it-waiting";
    private static final String ASYNC = "jobs-it-async";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_jobs_it");
    }

    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JobAcquisition acquisition;

    @Test
    void withThousandsOfWaitingTimersAcquisitionReadsTheDueDateIndex() {
        assertThat(engine.isEnsureJobDueDateNotNull()).isTrue();
        assertThat(engine.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'act_ru_job' and indexname = ?",
                String.class, JobAcquisition.DUE_DATE_INDEX.name().toLowerCase()))
                .singleElement().asString().contains("(duedate_)");
        deploy(Bpmn.createExecutableProcess(WAITING).camundaHistoryTimeToLive(1)
                .startEvent().intermediateCatchEvent("wait").timerWithDuration("P1D").endEvent().done(), WAITING);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (int i = 0; i < 2000; i++) {
                runtime.startProcessInstanceByKey(WAITING);
            }
        });
        jdbc.execute("analyze act_ru_job");

        List<String> waiting = jdbc.queryForList("select ID_ from ACT_RU_JOB where PROCESS_DEF_KEY_ = ?", String.class, WAITING);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // The engine's command joins this transaction, so its statement shows in this transaction's statistics.
            long[] before = scansOfJobTable();
            assertThat(acquiredIds()).as("none of the timers is due for a day").doesNotContainAnyElementsOf(waiting);
            long[] after = scansOfJobTable();
            assertThat(after[0] - before[0]).as("sequential scans of ACT_RU_JOB").isZero();
            assertThat(after[1] - before[1]).as("index scans of ACT_RU_JOB").isPositive();
        });
    }

    private long[] scansOfJobTable() {
        return jdbc.queryForObject("select seq_scan, idx_scan from pg_stat_xact_user_tables where relname = 'act_ru_job'",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    @Test
    void jobsLeftWithoutADueDateBecomeDueAndAreAcquired() {
        deploy(Bpmn.createExecutableProcess(ASYNC).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("later").camundaAsyncBefore().camundaExpression("${true}").endEvent().done(), ASYNC);
        String instance;
        try {
            // What an engine with neither setting wrote: a job that is due "whenever", without a date.
            engine.setEnsureJobDueDateNotNull(false);
            engine.setJobExecutorAcquireByDueDate(false);
            instance = runtime.startProcessInstanceByKey(ASYNC).getId();
        } finally {
            engine.setEnsureJobDueDateNotNull(true);
            engine.setJobExecutorAcquireByDueDate(true);
        }
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? and DUEDATE_ is null",
                Integer.class, instance)).isOne();
        assertThat(acquiredIds()).as("acquisition by due date skips an undated job").doesNotContain(jobOf(instance));

        acquisition.dateUndatedJobs();

        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where DUEDATE_ is null", Integer.class)).isZero();
        assertThat(acquiredIds()).contains(jobOf(instance));
    }

    private String jobOf(String instance) {
        return jdbc.queryForObject("select ID_ from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?", String.class, instance);
    }

    private List<String> acquiredIds() {
        return acquire().getJobIdBatches().stream().flatMap(List::stream).toList();
    }

    private AcquiredJobs acquire() {
        return engine.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(engine.getJobExecutor(), 100));
    }

    private void deploy(BpmnModelInstance model, String processId) {
        repository.createDeployment().addModelInstance(processId + ".bpmn", Stewarded.by("admin", model, processId)).deploy();
    }
}

package io.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;
import io.baton.BatonApplication;
import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import io.baton.testing.Stewarded;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baton's benchmark ({@code bench/run}): boots the application on the PostgreSQL named by
 * {@code BATON_DB_*} and measures intake, escalation storms, bulk import and report latency,
 * each engine-bound figure next to a bare-engine baseline under the same settings. Arguments:
 * {@code --leads N --open N}, any other {@code --key=value} goes to Spring (e.g. engine tuning).
 */
public final class BatonBench {

    static final int CALLERS = 8;
    static final String BASELINE_TASK = "bench-baseline";
    static final String BASELINE_TIMER = "bench-timer";
    /** Endpoints of GET /api/reports/*; while they are not in this tree the substitutes below are measured. */
    static final List<String> REPORTS = List.of("/api/reports/bottlenecks", "/api/reports/owners");
    static final List<String> REPORT_SUBSTITUTES = List.of("/api/health/ownership", "/api/leads?status=OPEN");

    private final int leads;
    private final int open;
    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final LeadIntake intake;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final long t0 = System.currentTimeMillis();

    private BatonBench(int leads, int open, ConfigurableApplicationContext context) {
        this.leads = leads;
        this.open = open;
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.management = engine.getManagementService();
        this.intake = context.getBean(LeadIntake.class);
        this.engineConfiguration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static void main(String[] args) throws Exception {
        int leads = 10_000;
        int open = 100_000;
        List<String> springArgs = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                "--logging.level.io.baton.bench=INFO", "--spring.main.banner-mode=off"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--leads" -> leads = Integer.parseInt(args[++i]);
                case "--open" -> open = Integer.parseInt(args[++i]);
                default -> springArgs.add(args[i]);
            }
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BatonApplication.class)
                .profiles("postgres", "demo").run(springArgs.toArray(String[]::new));
        int status = 0;
        try {
            new BatonBench(leads, open, context).run();
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        } finally {
            ClockUtil.reset();
            context.close();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        environment();
        deployBaselines();
        warmUp();
        intake();
        maintain();
        escalationStorm();
        bulkImport();
        openLeadsAndReports();
        write();
    }

    // ---- environment ----------------------------------------------------------------------

    private void environment() {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JobExecutor jobs = engineConfiguration.getJobExecutor();
        report.put("leads", leads);
        report.put("machine_cores", Runtime.getRuntime().availableProcessors());
        report.put("machine_memory_mb", os.getTotalMemorySize() / (1024 * 1024));
        report.put("jvm_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        report.put("postgres_version", jdbc.queryForObject("show server_version", String.class));
        report.put("history_level", engineConfiguration.getHistory());
        report.put("jdbc_batch_processing", engineConfiguration.isJdbcBatchProcessing());
        report.put("job_executor_max_jobs_per_acquisition", jobs.getMaxJobsPerAcquisition());
        report.put("job_executor_wait_time_ms", jobs.getWaitTimeInMillis());
        var pool = context.getBeanProvider(TaskExecutor.class).stream()
                .filter(e -> e instanceof ThreadPoolTaskExecutor t
                        && t.getThreadNamePrefix().startsWith("camundaTaskExecutor"))
                .map(e -> (ThreadPoolTaskExecutor) e).findFirst();
        pool.ifPresent(p -> {
            report.put("job_executor_core_pool", p.getCorePoolSize());
            report.put("job_executor_max_pool", p.getMaxPoolSize());
            report.put("job_executor_queue", p.getQueueCapacity());
        });
        report.put("db_pool", context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size"));
        log("machine: %s cores, %s MB; PostgreSQL %s; history %s; jdbcBatchProcessing %s; job executor pool %s-%s, %s jobs/acquisition",
                report.get("machine_cores"), report.get("machine_memory_mb"), report.get("postgres_version"), report.get("history_level"),
                report.get("jdbc_batch_processing"), report.get("job_executor_core_pool"), report.get("job_executor_max_pool"),
                report.get("job_executor_max_jobs_per_acquisition"));
    }

    /** The bare-engine yardsticks: one assigned user task with a boundary timer; one timer and nothing else. */
    private void deployBaselines() {
        BpmnModelInstance task = Bpmn.createExecutableProcess(BASELINE_TASK).camundaHistoryTimeToLive(1)
                .startEvent().userTask("work").camundaAssignee("${assignee}")
                .boundaryEvent("timer_workSla").cancelActivity(false).timerWithDuration("P30D")
                .callActivity("escalate").calledElement("lead-escalation").endEvent()
                .moveToActivity("work").endEvent().done();
        BpmnModelInstance timer = Bpmn.createExecutableProcess(BASELINE_TIMER).camundaHistoryTimeToLive(1)
                .startEvent().intermediateCatchEvent("timer_wait").timerWithDuration("PT5M").endEvent().done();
        // The yardsticks name the administrator as steward, as Baton requires of every process.
        Stewarded.by("admin", task, BASELINE_TASK);
        // Baton deploys no user task whose lapse goes unnoticed; the bench never lets it lapse (P30D).
        Stewarded.withProperty(task, task.getModelElementById("work"), "sla", "stage-stall");
        Stewarded.by("admin", timer, BASELINE_TIMER);
        context.getBean(RepositoryService.class).createDeployment().name("bench-baselines")
                .addModelInstance(BASELINE_TASK + ".bpmn", task).addModelInstance(BASELINE_TIMER + ".bpmn", timer).deploy();
    }

    // ---- scenario 1: intake -----------------------------------------------------------------

    private void warmUp() throws Exception {
        int n = Math.min(200, Math.max(50, leads / 20));
        parallel(n, i -> startBaseline("warm-" + i));
        parallel(n, i -> intake.capture(lead("warm-" + i, i)));
        log("warm-up: %d baseline instances, %d leads", n, n);
    }

    private void intake() throws Exception {
        double baseline = parallel(leads, i -> startBaseline("base-" + i));
        double lifecycle = parallel(leads, i -> intake.capture(lead("bench-" + i, i)));
        // One caller at a time shows how much of the intake serializes (the routing lock is held to commit).
        int single = Math.max(50, leads / 10);
        double oneCaller = sequential(single, i -> intake.capture(lead("single-" + i, i)));
        int overHttp = Math.max(100, leads / 5);
        double viaHttp = parallel(overHttp, i -> postLead(lead("http-" + i, i)));
        report.put("baseline_instances_per_s", round(baseline));
        report.put("intake_leads_per_s", round(lifecycle));
        report.put("intake_ratio", round(lifecycle / baseline, 3));
        report.put("intake_http_leads_per_s", round(viaHttp));
        row("Intake (LeadIntake, 8 callers)", lifecycle, "leads/s", null);
        row("Baseline: bare instance, task + timer", baseline, "inst/s", null);
        row("Intake ratio", lifecycle / baseline, "", ">= 0.6");
        row("Intake over HTTP (" + overHttp + " leads)", viaHttp, "leads/s", null);
        report.put("intake_1_caller_leads_per_s", round(oneCaller));
        row("Intake, 1 caller (" + single + " leads)", oneCaller, "leads/s", null);
    }

    private void startBaseline(String key) {
        runtime.startProcessInstanceByKey(BASELINE_TASK, key, Map.of("assignee", "sam"));
    }

    private static LeadRequest lead(String externalId, int i) {
        String[] countries = {"DE", "US", "FR", "BR", "JP", "GB", null};
        // One in ten lacks a company and goes to the data steward first, as in real traffic.
        String company = i % 10 == 0 ? null : "Company " + i;
        return new LeadRequest(externalId, externalId + "@bench.example", "Ann", "Lee " + i, company,
                countries[i % countries.length], i % 3 == 0 ? "fair" : "web", i % 5000);
    }

    private void postLead(LeadRequest lead) {
        try {
            HttpResponse<String> answer = http.send(request("/api/leads", "mara")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(lead))).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("POST /api/leads answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- scenario 2: escalation storm -------------------------------------------------------

    private void escalationStorm() throws Exception {
        parallel(leads, i -> runtime.startProcessInstanceByKey(BASELINE_TIMER, "timer-" + i));
        Date start = ClockUtil.getCurrentTime();
        moveClock(start, Duration.ofMinutes(6));
        double timers = drain("baseline_timers", leads, () -> runtime.createProcessInstanceQuery().processDefinitionKey(BASELINE_TIMER).count());

        long awaiting = tasks.createTaskQuery().taskDefinitionKeyIn(LeadLifecycle.TASK_QUALIFY_LEAD, LeadLifecycle.TASK_FIX_LEAD_DATA).count();
        // Reminders fall due at half the SLA; real traffic has them behind it before the breach storm.
        moveClock(start, Duration.ofMinutes(61));
        double reminders = drain("reminders", awaiting, () -> management.createJobQuery().timers().activityId("timer_qualificationReminder").count()
                + management.createJobQuery().timers().activityId("timer_fixLeadDataReminder").count());

        moveClock(start, Duration.ofMinutes(121));
        // Each breach writes its escalation row in the transaction that creates its review task, so
        // the small escalation table is polled instead of the engine's task table, which the poll
        // would otherwise keep scanning while the job executor works.
        double escalations = drain("escalations", awaiting,
                () -> Math.max(0, awaiting - jdbc.queryForObject("select count(*) from baton_escalation", Long.class)));
        long reviews = tasks.createTaskQuery().taskDefinitionKey(EscalationProcess.TASK_REVIEW).count();
        if (reviews != awaiting) {
            throw new IllegalStateException(awaiting + " breaches but " + reviews + " reviewEscalation tasks");
        }

        report.put("escalations", awaiting);
        report.put("escalations_per_s", round(escalations));
        report.put("baseline_timers_per_s", round(timers));
        report.put("escalation_ratio", round(escalations / timers, 3));
        report.put("reminders_per_s", round(reminders));
        row("Escalation storm (" + awaiting + " breaches)", escalations, "esc/s", null);
        row("Baseline: no-op timer jobs", timers, "jobs/s", null);
        row("Escalation ratio", escalations / timers, "", ">= 0.5");
        row("Reminders (half-SLA timers)", reminders, "jobs/s", null);
    }

    /**
     * Moves the engine's clock and tells the job executor, as the engine does when a job is
     * created, so its acquisition does not sleep out an idle back-off before the storm.
     */
    private void moveClock(Date start, Duration by) {
        ClockUtil.setCurrentTime(new Date(start.getTime() + by.toMillis()));
        engineConfiguration.getJobExecutor().jobWasAdded();
    }

    /**
     * Waits for the job executor to work off a storm. The rate counts from the first finished job
     * to the last, so the acquisition thread's idle back-off (up to {@code max-wait}) before the
     * first job is reported apart, as latency, and does not skew the baseline comparison.
     */
    private double drain(String name, long work, LongSupplier remaining) {
        long moved = System.nanoTime();
        long deadline = moved + TimeUnit.MINUTES.toNanos(30);
        long left = remaining.getAsLong();
        while (left >= work && left > 0) {
            pause(deadline);
            left = remaining.getAsLong();
        }
        long firstDone = System.nanoTime();
        long doneAtStart = work - left;
        report.put(name + "_first_job_latency_s", round((firstDone - moved) / 1e9));
        while (left > 0) {
            pause(deadline);
            left = remaining.getAsLong();
        }
        return Math.max(1, work - doneAtStart) / seconds(firstDone);
    }

    private static void pause(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("job executor did not finish the storm within 30 minutes");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }

    // ---- scenario 3: bulk import ------------------------------------------------------------

    private void bulkImport() throws Exception {
        StringBuilder csv = new StringBuilder("externalId,email,firstName,lastName,company,country,source,employees\n");
        for (int i = 0; i < leads; i++) {
            LeadRequest l = lead("import-" + i, i);
            csv.append(l.externalId()).append(',').append(l.email()).append(",Ann,Lee,").append(l.company() == null ? "" : l.company())
                    .append(',').append(l.country() == null ? "" : l.country()).append(',').append(l.source()).append(',')
                    .append(l.employees()).append('\n');
        }
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(request("/api/leads/import", "mara").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode state;
        do {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            state = json.readTree(get(location.substring(location.indexOf("/api/")), "mara").body());
        } while (state.path("status").asText().matches("QUEUED|RUNNING"));
        double rate = leads / seconds(started);
        if (state.path("created").asInt() != leads) {
            throw new IllegalStateException("import did not create every lead: " + state);
        }
        report.put("import_leads_per_s", round(rate));
        report.put("import_100k_projected_s", round(100_000 / rate));
        row("Bulk import (CSV, " + leads + " rows)", rate, "leads/s", "100k < 300 s");
    }

    // ---- scenario 4: open leads and report latency -----------------------------------------

    /**
     * What autovacuum does after a bulk load on a server that runs it (the default). The local
     * test server runs with {@code autovacuum = off}, so without this the planner would see tables
     * it never analysed and index-only scans would visit every heap row. Reported as
     * {@code maintenance_s}; never inside a measured interval.
     */
    private void maintain() {
        boolean autovacuum = "on".equals(jdbc.queryForObject("show autovacuum", String.class));
        report.put("server_autovacuum", autovacuum);
        if (autovacuum) {
            return;
        }
        long started = System.nanoTime();
        jdbc.execute("vacuum analyze");
        report.merge("maintenance_s", round(seconds(started)), (a, b) -> (double) a + (double) b);
        log("vacuum analyze (server autovacuum is off): %.1f s", seconds(started));
    }

    private void openLeadsAndReports() throws Exception {
        long present = count("select count(*) from baton_lead where status = 'OPEN'");
        long missing = Math.max(0, open - present);
        long started = System.nanoTime();
        if (missing > 0) {
            new OpenLeadCloner(jdbc, runtime, intake).fill(missing);
        }
        report.put("open_fill_s", round(seconds(started)));
        long openLeads = count("select count(*) from baton_lead where status = 'OPEN'");
        report.put("open_leads", openLeads);
        log("open leads: %d (%d cloned in %.1f s)", openLeads, missing, seconds(started));
        maintain();

        boolean substituted = get(REPORTS.get(0), "hana").statusCode() == 404;
        List<String> endpoints = substituted ? REPORT_SUBSTITUTES : REPORTS;
        report.put("report_endpoints", endpoints);
        report.put("report_substituted", substituted);
        double worst = 0;
        for (String endpoint : endpoints) {
            double[] ms = latencies(endpoint, 60);
            report.put("report_p50_ms" + key(endpoint), round(ms[ms.length / 2], 1));
            report.put("report_p95_ms" + key(endpoint), round(percentile(ms, 95), 1));
            worst = Math.max(worst, percentile(ms, 95));
            row("GET " + endpoint + " p50 / p95", ms[ms.length / 2], "ms", null);
            rows.get(rows.size() - 1)[1] = "%.1f / %.1f".formatted(ms[ms.length / 2], percentile(ms, 95));
        }
        report.put("report_p95_ms", round(worst, 1));
        row("Report p95 at " + openLeads + " open" + (substituted ? " (SUBSTITUTE endpoints)" : ""), worst, "ms", "<= 150");

        jobAcquisition(openLeads);

        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        report.put("heap_mb", heap);
        row("Heap used after GC", heap, "MB", "<= 1024");
        report.put("open_leads_row", openLeads);
        row("Open leads", openLeads, "", null);
        report.remove("open_leads_row");
    }

    /**
     * One job acquisition cycle at this size, as Baton configures it (by due date, through
     * BATON_JOB_DUE) and as the bare engine would run it (its default query, without Baton's
     * index, which is dropped for the measurement and created again): the engine's own
     * acquisition command, in a transaction that is rolled back so nothing stays locked. p50 of
     * 30 after 5 warm-ups each.
     */
    private void jobAcquisition(long openLeads) {
        long jobs = count("select count(*) from ACT_RU_JOB");
        double byDueDate = acquisitionMs();
        boolean ensure = engineConfiguration.isEnsureJobDueDateNotNull();
        boolean byDue = engineConfiguration.isJobExecutorAcquireByDueDate();
        double engineDefault;
        String index = jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'baton_job_due'", String.class);
        try {
            engineConfiguration.setEnsureJobDueDateNotNull(false);
            engineConfiguration.setJobExecutorAcquireByDueDate(false);
            jdbc.execute("drop index baton_job_due");
            engineDefault = acquisitionMs();
        } finally {
            jdbc.execute(index);
            engineConfiguration.setEnsureJobDueDateNotNull(ensure);
            engineConfiguration.setJobExecutorAcquireByDueDate(byDue);
        }
        report.put("jobs_waiting", jobs);
        report.put("job_acquisition_ms", round(byDueDate, 2));
        report.put("job_acquisition_engine_default_ms", round(engineDefault, 2));
        row("Job acquisition, " + jobs + " jobs waiting (Baton / bare engine)", byDueDate, "ms", null);
        rows.get(rows.size() - 1)[1] = "%.2f / %.1f".formatted(byDueDate, engineDefault);
    }

    private double acquisitionMs() {
        var transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        double[] ms = new double[30];
        for (int i = -5; i < ms.length; i++) {
            int sample = i;
            transaction.executeWithoutResult(status -> {
                long started = System.nanoTime();
                engineConfiguration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(engineConfiguration.getJobExecutor()));
                if (sample >= 0) {
                    ms[sample] = (System.nanoTime() - started) / 1e6;
                }
                status.setRollbackOnly();
            });
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private double[] latencies(String endpoint, int samples) throws Exception {
        for (int i = 0; i < 5; i++) {
            check(get(endpoint, "hana"), endpoint);
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            check(get(endpoint, "hana"), endpoint);
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void check(HttpResponse<String> answer, String endpoint) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String key(String endpoint) {
        return "_" + endpoint.replaceAll("^/api/", "").replaceAll("\\?.*", "").replaceAll("[^a-z]+", "_");
    }

    // ---- output -------------------------------------------------------------------------------

    private void write() throws IOException {
        report.put("bench_seconds", round((System.currentTimeMillis() - t0) / 1000.0));
        Path out = Path.of("target", "bench", "report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        StringBuilder table = new StringBuilder();
        table.append("\n## Baton benchmark — ").append(leads).append(" leads, ").append(report.get("open_leads")).append(" open\n\n");
        table.append("Machine: %s cores, %s MB RAM, JVM max heap %s MB; PostgreSQL %s\n".formatted(report.get("machine_cores"),
                report.get("machine_memory_mb"), report.get("jvm_max_heap_mb"), report.get("postgres_version")));
        table.append("Engine: history %s, jdbcBatchProcessing %s, job executor pool %s-%s (queue %s), %s jobs/acquisition, wait %s ms\n\n"
                .formatted(report.get("history_level"), report.get("jdbc_batch_processing"), report.get("job_executor_core_pool"),
                        report.get("job_executor_max_pool"), report.get("job_executor_queue"),
                        report.get("job_executor_max_jobs_per_acquisition"), report.get("job_executor_wait_time_ms")));
        table.append("| measure | value | unit | target |\n|---|---:|---|---|\n");
        for (String[] r : rows) {
            table.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (Boolean.TRUE.equals(report.get("report_substituted"))) {
            table.append("\nReport latency measured on ").append(REPORT_SUBSTITUTES)
                    .append(": ").append(REPORTS).append(" are not in this build (switch: BatonBench.REPORTS).\n");
        }
        table.append("\nWritten: ").append(out).append(" (").append(report.get("bench_seconds")).append(" s)\n");
        System.out.println(table);
    }

    private void row(String measure, double value, String unit, String target) {
        rows.add(new String[] {measure, value >= 100 ? "%.0f".formatted(value) : "%.2f".formatted(value), unit, target == null ? "" : target});
        log("%s: %.2f %s", measure, value, unit);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Runs {@code n} calls on {@link #CALLERS} threads; answers calls per second. */
    static double parallel(int n, IntConsumer call) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                running.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        call.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
        return n / seconds(started);
    }

    static double sequential(int n, IntConsumer call) {
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.accept(i);
        }
        return n / seconds(started);
    }

    private HttpRequest.Builder request(String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5)).header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private static double seconds(long startedNanos) {
        return Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    }

    static double round(double value) {
        return round(value, 1);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", new Date(), format.formatted(args));
    }

    static Map<String, Object> variables(String leadId, LeadRequest lead, String owner) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LeadLifecycle.VAR_LEAD_ID, leadId);
        variables.put(LeadLifecycle.VAR_EMAIL, lead.email());
        variables.put(LeadLifecycle.VAR_FIRST_NAME, lead.firstName());
        variables.put(LeadLifecycle.VAR_LAST_NAME, lead.lastName());
        variables.put(LeadLifecycle.VAR_COMPANY, lead.company());
        variables.put(LeadLifecycle.VAR_COUNTRY, lead.country());
        variables.put(LeadLifecycle.VAR_SOURCE, lead.source());
        variables.put(LeadLifecycle.VAR_EMPLOYEES, lead.employees());
        variables.put(LeadLifecycle.VAR_OWNER, owner);
        return variables;
    }
}

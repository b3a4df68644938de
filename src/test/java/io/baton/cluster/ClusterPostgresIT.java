package io.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.PostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Baton JVMs (the packaged jar) on one empty PostgreSQL database: they start at once, a
 * burst of intakes is spread over both, one node is killed with SIGKILL mid-burst and restarted,
 * then the first-touch SLA lapses for every lead while both nodes run the job executor, and the
 * restarted node is stopped with SIGTERM mid-storm. Everything is checked in the database.
 */
class ClusterPostgresIT {

    private static final int LEADS = 300;
    private static final int CLIENTS = 16;
    private static final int KILL_AFTER = LEADS / 3;
    // Far enough that no SLA lapses during start-up and the burst however slow the machine; the storm is
    // started by making every breach timer due at once, as time passing does (see lapseFirstTouch).
    private static final String FIRST_TOUCH = "PT8H";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration STORM = Duration.ofMinutes(4);
    private static final Duration LAPSE_SPREAD = Duration.ofSeconds(90);
    private static final Pattern LOCK_OWNER = Pattern.compile("Job executor lock owner of this node: (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Process> started = new ArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String dbUrl;

    @AfterAll
    static void stopNodes() {
        for (Process process : started) {
            process.destroyForcibly();
        }
    }

    @Test
    void twoNodesStartTogetherSurviveAKilledNodeAndEscalateEveryLeadExactlyOnce() throws Exception {
        dbUrl = PostgresDatabase.fresh("baton_cluster_it");
        long begin = System.nanoTime();

        Node a = Node.start(1, freePort(), dbUrl);
        Node b = Node.start(2, freePort(), dbUrl);
        a.awaitHealthy(http);
        b.awaitHealthy(http);
        log("both nodes healthy after %d s", seconds(begin));

        assertThat(count("select count(*) from ACT_RE_DEPLOYMENT")).as("one deployment for two nodes").isEqualTo(1);
        assertThat(count("select count(*) from ACT_RE_PROCDEF where KEY_ = ?", LeadLifecycle.KEY)).as("lead-lifecycle versions").isEqualTo(1);
        assertThat(strings("select name from baton_seed order by name")).as("each seeding once").contains("admin", "authorizations-v1", "demo-team-2").doesNotHaveDuplicates();
        assertThat(count("select count(*) from ACT_ID_USER")).as("admin + demo team").isEqualTo(11);
        assertThat(count("select count(*) from baton_team_member")).isEqualTo(10);
        assertThat(Stream.of(a, b).filter(n -> n.logContains("Seeded demo-team")).count()).as("nodes that seeded the demo team").isEqualTo(1);
        long waitedForSchema = Stream.of(a, b).filter(n -> n.logContains("setting up the engine schema; waiting")).count();

        // Burst: alternate between the nodes; SIGKILL node A a third of the way in and restart it at once.
        Map<String, Integer> finalStatus = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        Node[] restartedA = new Node[1];
        long burstBegin = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> requests = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            int n = i;
            requests.add(clients.submit(() -> {
                String body = leadBody(n);
                Node first = n % 2 == 0 ? a : b;
                HttpResponse<String> response;
                try {
                    response = post(first, body);
                } catch (IOException nodeDown) {
                    retried.incrementAndGet();
                    response = post(b, body);
                }
                if (response.statusCode() >= 500) {
                    serverErrors.add(externalId(n) + " -> " + response.statusCode() + " " + response.body());
                }
                finalStatus.put(externalId(n), response.statusCode());
                if (done.incrementAndGet() == KILL_AFTER) {
                    a.kill();
                    log("killed node A (SIGKILL) after %d intakes", KILL_AFTER);
                    restartedA[0] = Node.start(3, freePort(), dbUrl);
                }
                return null;
            }));
        }
        for (Future<?> request : requests) {
            request.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        long burstSeconds = seconds(burstBegin);
        log("burst of %d intakes in %d s, %d retried on node B after an I/O error", LEADS, burstSeconds, retried.get());

        assertThat(serverErrors).as("requests answered with 5xx").isEmpty();
        assertThat(finalStatus).hasSize(LEADS);
        assertThat(finalStatus.values()).as("every intake answered 201 or 200 (existing)").allMatch(s -> s == 201 || s == 200);
        assertThat(retried.get()).as("requests that hit the killed node and were retried").isPositive();

        Node a2 = restartedA[0];
        a2.awaitHealthy(http);
        log("node A restarted and healthy after %d s", seconds(begin));
        assertThat(count("select count(*) from ACT_RE_DEPLOYMENT")).as("the restart deployed nothing").isEqualTo(1);
        assertThat(count("select count(*) from ACT_RE_PROCDEF where KEY_ = ?", LeadLifecycle.KEY)).isEqualTo(1);
        String a2LockOwner = a2.lockOwner();

        // Storm: every first-touch SLA lapses. A third of the way through, SIGTERM the restarted node while
        // it holds job locks and start it again; two thirds through, SIGKILL node B while it holds locks.
        assertThat(escalatedLeads()).as("escalated before the storm").isZero();
        String bLockOwner = b.lockOwner();
        long stormBegin = System.nanoTime();
        long deadline = System.nanoTime() + STORM.toNanos();
        int due = lapseFirstTouch();
        assertThat(due).as("breach timers moved to now").isEqualTo(LEADS);

        awaitEscalated(LEADS / 3, deadline);
        List<String> heldAtSigterm = awaitLockedJobs(a2LockOwner);
        a2.terminate();
        log("SIGTERM node A with %d escalated; it held %d job lock(s) just before", escalatedLeads(), heldAtSigterm.size());
        assertThat(heldAtSigterm).as("node A was stopped holding job locks").isNotEmpty();
        assertThat(count("select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", a2LockOwner))
                .as("jobs still locked by the gracefully stopped node").isZero();
        assertThat(a2.logContains("Jobs still running after")).as("node A drained its job threads").isFalse();
        Node a3 = Node.start(4, freePort(), dbUrl);

        awaitEscalated(2 * LEADS / 3, deadline);
        List<String> heldAtSigkill = awaitLockedJobs(bLockOwner);
        b.kill();
        log("SIGKILL node B with %d escalated; it held %d job lock(s)", escalatedLeads(), heldAtSigkill.size());
        a3.awaitHealthy(http);
        log("node A up again after %d s; node B stays down", seconds(begin));

        awaitEscalated(LEADS, deadline);
        log("all %d leads escalated %d s after the storm began (%d s since the burst)", LEADS, seconds(stormBegin), seconds(burstBegin));
        assertThat(heldAtSigkill).as("node B was killed holding job locks").isNotEmpty();
        for (String jobId : heldAtSigkill) {
            assertThat(count("select count(*) from ACT_RU_JOB where ID_ = ?", jobId))
                    .as("job %s of the killed node ran after its lock expired", jobId).isZero();
        }
        assertThat(count("select count(*) from ACT_RU_JOB where LOCK_OWNER_ in (?, ?)", a2LockOwner, bLockOwner)).isZero();

        assertEveryLeadOnceOwnedOnceEscalatedOnce();
        JsonNode health = JSON.readTree(get(a3, "/api/health/ownership", "admin"));
        assertThat(health.get("openLeads").asLong()).isGreaterThanOrEqualTo(LEADS);
        assertThat(health.get("leadsWithoutOwner").asLong()).isZero();
        assertThat(health.get("unassignedTasks").asLong()).isZero();
        assertThat(health.get("ownerMismatches").asLong()).isZero();
        assertThat(count("select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

        log("done in %d s: %d leads, %d intakes retried after the kill, schema lock waited for by %d node(s), "
                + "%d locks held at SIGTERM, %d at SIGKILL", seconds(begin), LEADS, retried.get(), waitedForSchema,
                heldAtSigterm.size(), heldAtSigkill.size());
    }

    private void assertEveryLeadOnceOwnedOnceEscalatedOnce() throws SQLException {
        assertThat(count("select count(*) from baton_lead where external_id like 'cluster-%'")).isEqualTo(LEADS);
        assertThat(strings("select external_id from baton_lead where external_id like 'cluster-%' group by external_id having count(*) > 1"))
                .as("leads stored twice").isEmpty();
        assertThat(strings("""
                select l.id from baton_lead l
                where l.external_id like 'cluster-%' and (select count(*) from ACT_RU_EXECUTION e
                    where e.BUSINESS_KEY_ = l.id and e.ID_ = e.PROC_INST_ID_ and e.SUPER_EXEC_ is null) <> 1"""))
                .as("leads without exactly one root process instance").isEmpty();
        assertThat(strings("""
                select l.id from baton_lead l
                where l.external_id like 'cluster-%' and (l.owner is null
                    or (select count(*) from baton_ownership_period p where p.lead_id = l.id and p.valid_to is null) <> 1
                    or not exists (select 1 from baton_ownership_period p where p.lead_id = l.id and p.valid_to is null and p.owner = l.owner))"""))
                .as("leads without exactly one open ownership period naming their owner").isEmpty();
        assertThat(strings("""
                select l.id from baton_lead l
                where l.external_id like 'cluster-%' and (select count(*) from ACT_RU_TASK t
                    join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
                    where e.BUSINESS_KEY_ = l.id and t.TASK_DEF_KEY_ = ? and t.ASSIGNEE_ = l.owner) <> 1""",
                LeadLifecycle.TASK_QUALIFY_LEAD))
                .as("leads whose one qualification task is not assigned to their owner").isEmpty();
        assertThat(strings("""
                select l.id from baton_lead l
                where l.external_id like 'cluster-%' and ((select count(*) from baton_escalation x where x.lead_id = l.id and x.level = 1) <> 1
                    or (select count(*) from baton_escalation x where x.lead_id = l.id) <> 1)"""))
                .as("leads not escalated exactly once").isEmpty();
        assertThat(strings("""
                select l.id from baton_lead l
                where l.external_id like 'cluster-%' and (select count(*) from ACT_RU_TASK t
                    join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
                    where e.BUSINESS_KEY_ = l.id and t.TASK_DEF_KEY_ = ?) <> 1""",
                EscalationProcess.TASK_REVIEW))
                .as("leads without exactly one escalation review task").isEmpty();
    }

    private void awaitEscalated(int leads, long deadline) throws SQLException {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        try {
            await().atMost(left).pollInterval(Duration.ofMillis(500)).until(() -> escalatedLeads() >= leads);
        } catch (ConditionTimeoutException late) {
            fail("only " + escalatedLeads() + " of " + leads + " leads escalated within " + STORM);
        }
    }

    /** The jobs a node has locked, as soon as it holds any (bounded wait); a busy node almost always does. */
    private List<String> awaitLockedJobs(String lockOwner) {
        try {
            return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> strings("select ID_ from ACT_RU_JOB where LOCK_OWNER_ = ?", lockOwner), held -> !held.isEmpty());
        } catch (ConditionTimeoutException idle) {
            return List.of();
        }
    }

    private long escalatedLeads() throws SQLException {
        return count("select count(distinct lead_id) from baton_escalation where level = 1");
    }

    private static String externalId(int n) {
        return "cluster-" + n;
    }

    private static String leadBody(int n) {
        return """
                {"externalId": "%s", "email": "lead%d@cluster.example", "firstName": "Lead", "lastName": "No%d",
                 "company": "Company %d", "country": "DE", "source": "web", "employees": 120}""".formatted(externalId(n), n, n, n);
    }

    private HttpResponse<String> post(Node node, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.uri("/api/leads")).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic("mara")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String get(Node node, String path, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    /** Every pending first-touch breach timer falls due now, as an admin would move them in Cockpit. */
    /**
     * The first-touch SLA lapses for every lead, one lead after another over {@link #LAPSE_SPREAD}, as
     * if the leads had come in over that time: the storm lasts long enough for a node to be stopped in
     * the middle of it, however fast the nodes work. Written to the job table rather than through a
     * node's REST API: changing a job there wakes that node's job executor at once (the engine hints
     * its own acquisition), so the node answering would take nearly every job and the other would sit
     * the storm out. Time passing wakes nobody; both nodes acquire by polling.
     */
    private int lapseFirstTouch() throws SQLException {
        List<String> timers = strings("select ID_ from ACT_RU_JOB where TYPE_ = 'timer' and LOCK_OWNER_ is null and HANDLER_CFG_ like ? order by ID_",
                "%timer_qualificationBreach%");
        java.time.Instant first = java.time.Instant.now().minusSeconds(1);
        long step = LAPSE_SPREAD.toMillis() / Math.max(1, timers.size());
        try (Connection connection = DriverManager.getConnection(dbUrl, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement statement = connection.prepareStatement("update ACT_RU_JOB set DUEDATE_ = ?, REV_ = REV_ + 1 where ID_ = ?")) {
            for (int i = 0; i < timers.size(); i++) {
                // Bound as the nodes bind their "now": a JDBC timestamp in this machine's time zone.
                statement.setTimestamp(1, java.sql.Timestamp.from(first.plusMillis(i * step)));
                statement.setString(2, timers.get(i));
                statement.addBatch();
            }
            return java.util.Arrays.stream(statement.executeBatch()).sum();
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    // Plain JDBC with string parameters (lock owners, keys, task keys); one short connection per query.
    private long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement statement = bind(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement statement = bind(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    private static PreparedStatement bind(Connection connection, String sql, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    private static void log(String format, Object... arguments) {
        System.out.println("[cluster-it] " + format.formatted(arguments));
    }

    /** One Baton JVM from the packaged jar, its output in target/cluster-node-{n}.log. */
    private record Node(int number, int port, Process process, Path logFile) {

        static Node start(int number, int port, String dbUrl) {
            Path log = Paths.get("target", "cluster-node-" + number + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                    "--server.port=" + port,
                    "--spring.profiles.active=postgres,demo",
                    "--baton.sla.first-touch=" + FIRST_TOUCH,
                    // An idle job executor backs off up to a minute by default; poll often enough for a short test.
                    "--camunda.bpm.job-execution.max-wait=2000",
                    "--spring.datasource.hikari.maximum-pool-size=12")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("BATON_DB_URL", dbUrl);
            builder.environment().put("BATON_DB_USER", PostgresDatabase.USER);
            builder.environment().put("BATON_DB_PASSWORD", PostgresDatabase.PASSWORD);
            builder.environment().put("BATON_JOB_LOCK_MILLIS", "10000");
            builder.environment().remove("BATON_ADMIN_PASSWORD");
            try {
                Process process = builder.start();
                synchronized (started) {
                    started.add(process);
                }
                return new Node(number, port, process, log);
            } catch (IOException e) {
                throw new IllegalStateException("could not start node " + number, e);
            }
        }

        private static Path jar() {
            File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("baton-") && name.endsWith(".jar")
                    && !name.endsWith("-plain.jar") && !name.endsWith("-sources.jar"));
            if (jars == null || jars.length != 1) {
                throw new IllegalStateException("expected exactly one packaged target/baton-*.jar (run mvn verify), found "
                        + (jars == null ? "none" : List.of(jars)));
            }
            return jars[0].toPath();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void awaitHealthy(HttpClient http) {
            try {
                await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!process.isAlive()) {
                        fail("node " + number + " exited with " + process.exitValue() + " during start-up:\n" + tail());
                    }
                    return healthy(http);
                });
            } catch (ConditionTimeoutException late) {
                fail("node " + number + " not healthy within " + STARTUP + ":\n" + tail());
            }
        }

        private boolean healthy(HttpClient http) throws InterruptedException {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", basic("admin")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException notYet) {
                return false;
            }
        }

        void kill() {
            process.destroyForcibly();
            waitForExit();
        }

        void terminate() {
            process.destroy();
            waitForExit();
        }

        private void waitForExit() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    fail("node " + number + " did not exit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String lockOwner() {
            Matcher matcher = LOCK_OWNER.matcher(read());
            if (!matcher.find()) {
                fail("node " + number + " did not log its job executor lock owner");
            }
            return matcher.group(1);
        }

        boolean logContains(String text) {
            return read().contains(text);
        }

        private String read() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String tail() {
            String text = read();
            return text.substring(Math.max(0, text.length() - 6000));
        }
    }
}

package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The edge of issue 13 over HTTP, as a stranger, a hostile page and a rep would try it: guessing
 * passwords, locking out the administrator, acting from another site, reading the actuator. Every
 * test sends the attack and then checks what must still hold. Runs on H2 and PostgreSQL through the
 * subclasses, which trust 127.0.0.1 as a proxy so that a test can speak from many addresses.
 */
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
// The Prometheus registry is what a scraper reads; Spring Boot's tests leave it out unless asked.
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "baton.security.login-throttle.trusted-proxies=127.0.0.1,::1",
        "baton.security.login-throttle.max-failures-per-user=10",
        "baton.security.login-throttle.max-failures-per-address=20",
        "baton.security.login-throttle.window=PT5M",
        "baton.security.login-throttle.lock=PT60S",
        "baton.security.cross-site.allowed-origins=https://crm.example.com"})
@SuppressWarnings("unchecked")
abstract class EdgeSecurityContract {

    private static final String EVIL = "http://evil.example";
    private static final String SCRAPER = "edgescraper";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void scraperInMonitoringGroup() {
        if (identityService.createUserQuery().userId(SCRAPER).count() == 0) {
            User user = identityService.newUser(SCRAPER);
            user.setPassword(SCRAPER);
            identityService.saveUser(user);
            identityService.createMembership(SCRAPER, BatonGroups.MONITORING);
        }
    }

    @AfterEach
    void clockBackAndNoLocksLeft() {
        ClockUtil.reset();
        jdbc.update("delete from baton_login_throttle");
    }

    // ---- A. no permanent lock-out by strangers ----

    @Test
    void strangerGuessingAdminsPasswordIsThrottledWith429AndTheRightPasswordWorksOnceTheLockHasPassed() throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(basic("GET", "/api/team", "admin", "guess-" + attempt, "198.51.100.1", null).statusCode())
                    .as("wrong password %d", attempt).isEqualTo(401);
        }
        HttpResponse<String> eleventh = basic("GET", "/api/team", "admin", "guess-11", "198.51.100.1", null);
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(retryAfter(eleventh)).isBetween(1L, 60L);
        assertThat(body(eleventh)).containsEntry("status", 429);

        // The lock is the user's, from every address, and no password is checked meanwhile: the right one waits too.
        assertThat(basic("GET", "/api/team", "admin", "admin", "198.51.100.2", null).statusCode()).isEqualTo(429);
        assertThat(basic("GET", "/engine-rest/task", "admin", "admin", "198.51.100.2", null).statusCode()).isEqualTo(429);

        moveClock(Duration.ofSeconds(61));
        assertThat(basic("GET", "/api/team", "admin", "admin", "198.51.100.2", null).statusCode()).isEqualTo(200);
        // Camunda's own lock (loginMaxAttempts) never kicked in: admin is not locked in the engine either.
        assertThat(jdbc.queryForObject("select lock_exp_time_ from act_id_user where id_ = 'admin'", Object.class)).isNull();
        // Success starts the user's count afresh: one more wrong password is a plain 401, not a lock.
        assertThat(basic("GET", "/api/team", "admin", "guess-12", "198.51.100.3", null).statusCode()).isEqualTo(401);
        assertThat(basic("GET", "/api/team", "admin", "admin", "198.51.100.3", null).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() throws Exception {
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(basic("GET", "/api/team", "dana", "guess-" + attempt, "198.51.100.60", null).statusCode()).isEqualTo(401);
        }
        moveClock(Duration.ofMinutes(5).plusSeconds(1));
        for (int attempt = 10; attempt <= 18; attempt++) {
            assertThat(basic("GET", "/api/team", "dana", "guess-" + attempt, "198.51.100.61", null).statusCode())
                    .as("wrong password %d, the first nine of them outside the window", attempt).isEqualTo(401);
        }
        assertThat(basic("GET", "/api/team", "dana", "dana", "198.51.100.61", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aLockAnotherNodeWroteHoldsHereAndEndsWithIt() throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        jdbc.update("insert into baton_login_throttle (subject, failures, window_start, locked_until, expires_at) values (?, 0, ?, ?, ?)",
                "user:ava", Timestamp.from(Instant.now()), Timestamp.from(until), Timestamp.from(until));
        HttpResponse<String> throttled = basic("GET", "/api/team", "ava", "ava", "198.51.100.70", null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 30L);
        moveClock(Duration.ofSeconds(31));
        assertThat(basic("GET", "/api/team", "ava", "ava", "198.51.100.70", null).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from baton_login_throttle where subject = 'user:ava'", Long.class)).isZero();
    }

    @Test
    void anAddressSprayingPasswordsIsThrottledButDoesNotLockAnotherUserAtAnotherAddress() throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(basic("GET", "/api/team", "nobody-" + attempt, "x", "198.51.100.20", null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = basic("GET", "/api/team", "mara", "mara", "198.51.100.20", null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 60L);

        assertThat(basic("GET", "/api/team", "mara", "mara", "198.51.100.21", null).statusCode()).isEqualTo(200);
        assertThat(basic("GET", "/api/team", "sam", "sam", "198.51.100.21", null).statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedForWrittenByTheClientIsIgnored() throws Exception {
        lockAddress("198.51.100.30");
        assertThat(basic("GET", "/api/team", "mara", "mara", "198.51.100.30", null).statusCode()).isEqualTo(429);
        // Behind the trusted proxy only the hop the proxy appended counts; what the client wrote before it does not.
        assertThat(basic("GET", "/api/team", "mara", "mara", "198.51.100.30, 198.51.100.31", null).statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() throws Exception {
        lockAddress("198.51.100.40");
        // A direct client at 127.0.0.2 (not a trusted proxy) claims the locked address, and the reverse.
        assertThat(rawGetFrom("127.0.0.2", "/api/team", "mara", "mara", "198.51.100.40")).isEqualTo(200);
        lockAddress("127.0.0.3", "198.51.100.41");
        assertThat(rawGetFrom("127.0.0.3", "/api/team", "mara", "mara", "198.51.100.42")).isEqualTo(429);
    }

    @Test
    void webappLoginGuessingIsThrottledToo() throws Exception {
        Browser browser = new Browser("198.51.100.50");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(browser.login("sofia", "guess-" + attempt, "tasklist").statusCode()).as("wrong password %d", attempt).isEqualTo(401);
        }
        HttpResponse<String> throttled = browser.login("sofia", "sofia", "tasklist");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 60L);
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // The webapps and Basic share one count: sofia's API access waits as well.
        assertThat(basic("GET", "/api/team", "sofia", "sofia", "198.51.100.51", null).statusCode()).isEqualTo(429);

        moveClock(Duration.ofSeconds(61));
        assertThat(new Browser("198.51.100.52").login("sofia", "sofia", "tasklist").statusCode()).isEqualTo(200);
    }

    @Test
    void webappLoginWithTwoUsernamesIsRefusedWithoutAPasswordCheck() throws Exception {
        Browser browser = new Browser("198.51.100.55");
        HttpResponse<String> twoNames = browser.post("/camunda/api/admin/auth/user/default/login/tasklist",
                "username=nobody&username=admin&password=x", "application/x-www-form-urlencoded", null);
        assertThat(twoNames.statusCode()).isEqualTo(400);
        assertThat(browser.login("sofia", "sofia", "tasklist").statusCode()).isEqualTo(200);
    }

    @Test
    void aRepCannotTryAdminsPasswordThroughCamundasVerifyCall() throws Exception {
        HttpResponse<String> refused = basic("POST", "/engine-rest/identity/verify", "sam", "sam", null,
                Map.of("Content-Type", "application/json"), "{\"username\": \"admin\", \"password\": \"guess\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        Browser browser = new Browser(null);
        assertThat(browser.login("sam", "sam", "tasklist").statusCode()).isEqualTo(200);
        assertThat(browser.post("/camunda/api/engine/engine/default/identity/verify", "{\"username\": \"admin\", \"password\": \"guess\"}",
                "application/json", null).statusCode()).isEqualTo(403);
        // No password of admin's was checked: Camunda counted no failed attempt.
        assertThat(jdbc.queryForObject("select attempts_ from act_id_user where id_ = 'admin'", Integer.class)).isZero();
    }

    // ---- B. cross-site requests cannot act ----

    @Test
    void deploymentFromAForeignOriginWithAdminCredentialsIsRefusedAndStoresNothing() throws Exception {
        String name = "edge-" + UUID.randomUUID();
        HttpResponse<String> refused = deploy(name, Map.of("Origin", EVIL));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(deployments(name)).isEmpty();

        assertThat(deploy(name, Map.of("Referer", EVIL + "/attack.html")).statusCode()).isEqualTo(403);
        assertThat(deploy(name, Map.of("Origin", "null")).statusCode()).isEqualTo(403);
        assertThat(deployments(name)).isEmpty();
    }

    @Test
    void deploymentFromBatonsOwnOriginOrWithoutOriginIsAccepted() throws Exception {
        String own = "edge-own-" + UUID.randomUUID();
        assertThat(deploy(own, Map.of("Origin", "http://localhost:" + port)).statusCode()).isEqualTo(200);
        assertThat(deployments(own)).hasSize(1);
        String referred = "edge-referer-" + UUID.randomUUID();
        assertThat(deploy(referred, Map.of("Referer", "http://localhost:" + port + "/camunda/app/cockpit/")).statusCode()).isEqualTo(200);
        String curl = "edge-curl-" + UUID.randomUUID();
        assertThat(deploy(curl, Map.of()).statusCode()).isEqualTo(200);
        assertThat(deployments(curl)).hasSize(1);
    }

    @Test
    void completingATaskFromAForeignOriginIsRefusedAndTheTaskStaysOpen() throws Exception {
        HttpResponse<String> created = basic("POST", "/api/leads", "mara", "mara", null, Map.of("Content-Type", "application/json"),
                "{\"email\": \"edge-" + UUID.randomUUID() + "@example.com\", \"source\": \"web\", \"country\": \"DE\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> lead = json.readValue(created.body(), Map.class);
        String owner = (String) lead.get("owner");
        var task = taskService.createTaskQuery().processInstanceBusinessKey((String) lead.get("id")).singleResult();

        HttpResponse<String> refused = basic("POST", "/engine-rest/task/" + task.getId() + "/complete", owner, owner, null,
                Map.of("Origin", EVIL, "Content-Type", "application/json"), "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult()).isNotNull();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(owner);
    }

    @Test
    void aConfiguredPartnerOriginMayPostLeads() throws Exception {
        HttpResponse<String> created = basic("POST", "/api/leads", "mara", "mara", null,
                Map.of("Content-Type", "application/json", "Origin", "https://crm.example.com"),
                "{\"email\": \"edge-" + UUID.randomUUID() + "@example.com\", \"source\": \"web\"}");
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void webappApiWritesFromAForeignOriginAreRefused() throws Exception {
        Browser browser = new Browser(null);
        assertThat(browser.login("admin", "admin", "cockpit").statusCode()).isEqualTo(200);
        String name = "edge-" + UUID.randomUUID();
        String filter = "{\"resourceType\": \"Task\", \"name\": \"" + name + "\", \"query\": {}}";
        HttpResponse<String> refused = browser.post("/camunda/api/engine/engine/default/filter/create", filter, "application/json",
                Map.of("Origin", EVIL));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused)).containsEntry("title", "Cross-site request refused");
        assertThat(jdbc.queryForObject("select count(*) from act_ru_filter where name_ = ?", Long.class, name)).isZero();
        // The same write from the web app's own page goes through.
        assertThat(browser.post("/camunda/api/engine/engine/default/filter/create", filter, "application/json",
                Map.of("Origin", "http://localhost:" + port)).statusCode()).isEqualTo(200);
        HttpResponse<String> login = new Browser(null).post("/camunda/api/admin/auth/user/default/login/cockpit",
                "username=morgan&password=morgan", "application/x-www-form-urlencoded", Map.of("Origin", EVIL));
        assertThat(login.statusCode()).isEqualTo(403);
    }

    @Test
    void aWebappSessionCannotWriteToBatonsApiEvenWithItsCsrfToken() throws Exception {
        Browser browser = new Browser(null);
        assertThat(browser.login("morgan", "morgan", "cockpit").statusCode()).isEqualTo(200);
        String email = "edge-session-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> refused = browser.post("/api/leads", "{\"email\": \"" + email + "\", \"source\": \"web\"}",
                "application/json", Map.of("Origin", "http://localhost:" + port));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where email = ?", Long.class, email)).isZero();
        // The session still reads reports, as Cockpit's plugin does.
        assertThat(browser.get("/api/reports/owners").statusCode()).isEqualTo(200);
    }

    @Test
    void aWebappSessionChangesTheTeamDirectoryOnlyWithItsCsrfTokenAndOnlyAsItsUser() throws Exception {
        Browser browser = new Browser(null);
        assertThat(browser.login("morgan", "morgan", "cockpit").statusCode()).isEqualTo(200);
        Map<String, String> sameOrigin = Map.of("Origin", "http://localhost:" + port);
        try {
            assertThat(browser.get("/api/team").statusCode()).as("the Team page reads the directory").isEqualTo(200);
            assertThat(browser.send("PATCH", "/api/team/sofia", "{\"capacity\": 2}", null, sameOrigin).statusCode())
                    .as("no CSRF token").isEqualTo(401);
            assertThat(browser.send("PATCH", "/api/team/sofia", "{\"capacity\": 2}", "forged", sameOrigin).statusCode())
                    .as("a wrong CSRF token").isEqualTo(401);
            assertThat(browser.send("PATCH", "/api/team/sofia", "{\"capacity\": 2}", browser.token(), Map.of("Origin", EVIL)).statusCode())
                    .as("another site's page").isEqualTo(403);
            assertThat(capacityOf("sofia")).isEqualTo(1);
            HttpResponse<String> changed = browser.send("PATCH", "/api/team/sofia", "{\"capacity\": 2}", browser.token(), sameOrigin);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(capacityOf("sofia")).isEqualTo(2);
            assertThat(browser.send("PATCH", "/api/team/dana", "{\"capacity\": 2}", browser.token(), sameOrigin).statusCode())
                    .as("still morgan's rules: dana is hana's").isEqualTo(403);
            assertThat(browser.send("POST", "/api/team/sofia/offboard", "{\"successor\": \"sam\"}", browser.token(), sameOrigin).statusCode())
                    .as("offboarding is no Team page call").isEqualTo(401);
        } finally {
            jdbc.update("update baton_team_member set capacity = 1 where user_id = 'sofia'");
        }
    }

    private int capacityOf(String userId) {
        return jdbc.queryForObject("select capacity from baton_team_member where user_id = ?", Integer.class, userId);
    }

    // ---- C. actuator ----

    @Test
    void aRepGets403FromHealthDetailsAndMetrics() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/metrics", "/actuator/prometheus", "/actuator/info")) {
            HttpResponse<String> refused = basic("GET", path, "sam", "sam", null, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void managersAdminsAndTheMonitoringGroupReadHealthDetailsAndMetrics() throws Exception {
        for (String user : List.of("morgan", "admin", SCRAPER)) {
            assertThat(basic("GET", "/actuator/prometheus", user, user, null, null).statusCode()).as(user).isEqualTo(200);
            assertThat(basic("GET", "/actuator/metrics", user, user, null, null).statusCode()).as(user).isEqualTo(200);
            HttpResponse<String> health = basic("GET", "/actuator/health", user, user, null, null);
            assertThat(health.statusCode()).as(user).isEqualTo(200);
            assertThat(body(health)).as(user).containsKey("components");
        }
    }

    @Test
    void anonymousProbesAnswerTheStatusAndNothingElse() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(probe)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(body(answer)).as(probe).isEqualTo(Map.of("status", "UP"));
        }
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
        }
    }

    // ---- helpers ----

    private void moveClock(Duration by) {
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(by)));
    }

    private void lockAddress(String address) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            basic("GET", "/api/team", "nobody-" + attempt, "x", address, null);
        }
    }

    /** Locks {@code forwarded} as counted from an untrusted direct peer (whose own address is what counts). */
    private void lockAddress(String peer, String forwarded) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            rawGetFrom(peer, "/api/team", "nobody-" + attempt, "x", forwarded);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> basic(String method, String path, String user, String password, String forwardedFor,
                                       Map<String, String> headers) throws IOException, InterruptedException {
        return basic(method, path, user, password, forwardedFor, headers, null);
    }

    private HttpResponse<String> basic(String method, String path, String user, String password, String forwardedFor,
                                       Map<String, String> headers, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", authorization(user, password));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        (headers == null ? Map.<String, String>of() : headers).forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> deploy(String name, Map<String, String> headers) throws IOException, InterruptedException {
        String boundary = "edge" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note.txt\"; filename=\"note.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nnothing to run\r\n--" + boundary + "--\r\n";
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return basic("POST", "/engine-rest/deployment/create", "admin", "admin", null, all, body);
    }

    private List<Object> deployments(String name) throws IOException, InterruptedException {
        HttpResponse<String> answer = basic("GET", "/engine-rest/deployment?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                "admin", "admin", null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readValue(answer.body(), List.class);
    }

    private Map<String, Object> body(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Map.class);
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    /** A GET on a connection opened from {@code localAddress}, so the server sees a peer other than the trusted 127.0.0.1. */
    private int rawGetFrom(String localAddress, String path, String user, String password, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            } catch (IOException noSuchLoopbackAddress) {
                Assumptions.abort("cannot open a connection from " + localAddress + " on this machine");
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: " + authorization(user, password)
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                statusLine.write(b);
            }
            return Integer.parseInt(statusLine.toString(StandardCharsets.US_ASCII).split(" ")[1]);
        }
    }

    /** A browser session on the web apps: session and XSRF-TOKEN cookies, the token echoed as Camunda's script does. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        private final String forwardedFor;

        Browser(String forwardedFor) {
            this.forwardedFor = forwardedFor;
        }

        HttpResponse<String> login(String user, String password, String app) throws IOException, InterruptedException {
            HttpResponse<String> login = post("/camunda/api/admin/auth/user/default/login/" + app,
                    "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded", null);
            if (login.statusCode() == 200) {
                // Camunda starts a new session at login; the web app fetches the new session's token next.
                get("/camunda/api/admin/auth/user/default");
            }
            return login;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers)
                throws IOException, InterruptedException {
            if (token() == null) {
                get("/camunda/api/admin/auth/user/default");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", contentType)
                    .header("X-XSRF-TOKEN", token());
            (headers == null ? Map.<String, String>of() : headers).forEach(request::header);
            return send(request);
        }

        /** A JSON request as a page script sends it: the session cookie, and the CSRF token only when given. */
        HttpResponse<String> send(String method, String path, String body, String csrfToken, Map<String, String> headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (csrfToken != null) {
                request.header("X-XSRF-TOKEN", csrfToken);
            }
            headers.forEach(request::header);
            return send(request);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private String token() {
            List<HttpCookie> all = new ArrayList<>(cookies.getCookieStore().getCookies());
            return all.stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse(null);
        }
    }
}

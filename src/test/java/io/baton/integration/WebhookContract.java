package io.baton.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import io.baton.testing.ApiContract;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18: lead events leave through the outbox to signed webhooks, at least once, in order per lead,
 * retried with backoff, dead-lettered after {@code give-up-after}; a rolled-back change sends nothing.
 * A real HTTP receiver on 127.0.0.1 (listed in {@code baton.webhooks.allowed-targets}) takes the posts.
 * The scheduled dispatcher is off; the test runs it and moves the engine clock instead of waiting.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class WebhookContract extends ApiContract {

    private static final String SECRET = "a-very-secret-signing-key";

    record Received(String path, String eventId, String signature, String body, int answered) {
    }

    @Autowired
    protected WebhookDispatcher dispatcher;

    @Autowired
    private LeadIntake intake;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ManagementService managementService;

    private final ObjectMapper mapper = new ObjectMapper();
    protected final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** Status the receiver answers for its n-th request (0-based). */
    private volatile IntUnaryOperator answer = n -> 200;
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        ClockUtil.reset();
        jdbc.update("delete from baton_webhook");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger count = new AtomicInteger();
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer.applyAsInt(count.getAndIncrement());
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Baton-Event-Id"),
                    exchange.getRequestHeaders().getFirst("X-Baton-Signature"), body, status));
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/redirected");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        jdbc.update("delete from baton_webhook");
        ClockUtil.reset();
    }

    @Test
    void aFailedFirstDeliveryIsRetriedWithTheSameEventIdAndAValidSignature() throws Exception {
        answer = n -> n == 0 ? 500 : 200;
        String hook = register(List.of(Outbox.LEAD_CAPTURED, Outbox.LEAD_OWNER_CHANGED));
        double failedBefore = counter("failed");
        String lead = captureLead();

        dispatcher.dispatchDue();
        assertThat(received).as("the first post failed; the lead's next event waits behind it").hasSize(1);
        Received first = received.get(0);
        assertThat(event(first)).containsEntry("type", Outbox.LEAD_CAPTURED).containsEntry("leadId", lead);
        assertThat(counter("failed")).isEqualTo(failedBefore + 1);

        dispatcher.dispatchDue();
        assertThat(received).as("no retry before the backoff has passed").hasSize(1);
        Map delivery = deliveries(hook, "PENDING").get(0);
        assertThat(delivery).containsEntry("attempts", 1).containsEntry("lastError", "HTTP 500");

        ClockUtil.offset(Duration.ofSeconds(11).toMillis());
        dispatcher.dispatchDue();
        assertThat(received).hasSize(3);
        Received retry = received.get(1);
        assertThat(retry.eventId()).as("stable across retries").isEqualTo(first.eventId()).isEqualTo(event(first).get("id"));
        assertThat(retry.body()).isEqualTo(first.body());
        for (Received post : received) {
            assertThat(post.signature()).as("HMAC-SHA256 of the raw body").isEqualTo("sha256=" + hmac(SECRET, post.body()));
            assertThat(post.signature()).isNotEqualTo("sha256=" + hmac(SECRET + "x", post.body()));
        }
        Map owner = event(received.get(2));
        assertThat(owner).containsEntry("type", Outbox.LEAD_OWNER_CHANGED).containsEntry("leadId", lead);
        assertThat((Map) owner.get("data")).containsEntry("reason", "ROUTED").containsKey("owner");
        assertThat(deliveries(hook, "DELIVERED")).hasSize(2);
        assertThat(deliveries(hook, "PENDING")).isEmpty();
    }

    @Test
    void eachLeadsEventsArriveInOrderThroughFailuresAndChanges() throws Exception {
        // Every third post fails: the retries must not overtake the lead's later events.
        answer = n -> n % 3 == 1 ? 503 : 200;
        register(Outbox.EVENT_TYPES);
        String first = captureLead();
        String second = captureLead();
        dispatcher.dispatchDue();
        Map task = ((List<Map>) as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + first, List.class)).get(0);
        String other = "sam".equals(task.get("assignee")) ? "sofia" : "sam";
        ResponseEntity<String> moved = as("morgan").exchange("/engine-rest/task/" + task.get("id") + "/assignee", HttpMethod.POST,
                json("{\"userId\": \"" + other + "\"}"), String.class);
        assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("admin").postForEntity("/api/leads/" + first + "/lost", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("admin").postForEntity("/api/leads/" + second + "/lost", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int round = 1; round <= 10; round++) {
            dispatcher.dispatchDue();
            ClockUtil.offset(Duration.ofMinutes(5L * round).toMillis());
        }

        assertThat(deliveredTypes(first)).containsExactly(Outbox.LEAD_CAPTURED, Outbox.LEAD_OWNER_CHANGED, Outbox.LEAD_OWNER_CHANGED,
                Outbox.LEAD_CLOSED);
        assertThat(deliveredTypes(second)).containsExactly(Outbox.LEAD_CAPTURED, Outbox.LEAD_OWNER_CHANGED, Outbox.LEAD_CLOSED);
        Map closed = delivered(first).get(3);
        assertThat((Map) closed.get("data")).containsEntry("status", "LOST").containsEntry("owner", other);
        Map change = (Map) delivered(first).get(2).get("data");
        assertThat(change).containsEntry("owner", other).containsEntry("actor", "morgan").containsEntry("reason", "REASSIGNED");
        assertThat(received).as("some posts failed and were retried").anyMatch(post -> post.answered() == 503);
    }

    @Test
    void aChangeThatRollsBackSendsNothing() {
        register(Outbox.EVENT_TYPES);
        String email = "rolled-back-" + UUID.randomUUID() + "@example.com";
        Integer eventsBefore = jdbc.queryForObject("select count(*) from baton_outbox_event", Integer.class);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        try {
            transaction.executeWithoutResult(status -> {
                intake.capture(new LeadRequest(null, email, "Ann", null, "Acme GmbH", "DE", "web", 120));
                Integer inside = jdbc.queryForObject("select count(*) from baton_outbox_event", Integer.class);
                assertThat(inside).as("the intake wrote its events in this transaction").isGreaterThan(eventsBefore);
                throw new IllegalStateException("the change is refused after the outbox write");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("refused");
        }
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where email = ?", Integer.class, email)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from baton_outbox_event", Integer.class)).isEqualTo(eventsBefore);
        dispatcher.dispatchDue();
        assertThat(received).isEmpty();
    }

    @Test
    void aDeadLetterHoldsBackTheLeadsLaterEventsUntilRetriedOrSkipped() throws Exception {
        answer = n -> 500;
        String hook = register(Outbox.EVENT_TYPES);
        String skipped = captureLead();
        String retried = captureLead();
        dispatcher.dispatchDue();
        assertThat(received).hasSize(2);

        ClockUtil.offset(Duration.ofHours(24).plusMinutes(1).toMillis());
        dispatcher.dispatchDue();
        List<Map> dead = deliveries(hook, "DEAD");
        assertThat(dead).extracting(d -> d.get("leadId")).containsExactlyInAnyOrder(skipped, retried);
        assertThat(dead).allSatisfy(d -> assertThat(d).containsEntry("type", Outbox.LEAD_CAPTURED).containsEntry("lastError", "HTTP 500"));
        assertThat(meters.get("baton.webhook.dead.letters").gauge().value()).isEqualTo(2);

        answer = n -> 200;
        int before = received.size();
        dispatcher.dispatchDue();
        assertThat(received).as("later events of a lead with a dead letter are held back").hasSize(before);

        long skippedDelivery = ((Number) dead.stream().filter(d -> skipped.equals(d.get("leadId"))).findFirst().orElseThrow().get("id")).longValue();
        long retriedDelivery = ((Number) dead.stream().filter(d -> retried.equals(d.get("leadId"))).findFirst().orElseThrow().get("id")).longValue();
        assertThat(as("admin").postForEntity("/api/webhooks/" + hook + "/deliveries/" + skippedDelivery + "/skip", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        dispatcher.dispatchDue();
        assertThat(deliveredTypes(skipped)).as("the skipped event is never sent; the next one goes").containsExactly(Outbox.LEAD_OWNER_CHANGED);
        assertThat(deliveredTypes(retried)).isEmpty();

        assertThat(as("admin").postForEntity("/api/webhooks/" + hook + "/deliveries/" + retriedDelivery + "/retry", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        dispatcher.dispatchDue();
        assertThat(deliveredTypes(retried)).containsExactly(Outbox.LEAD_CAPTURED, Outbox.LEAD_OWNER_CHANGED);
        assertThat(deliveries(hook, "DEAD")).isEmpty();
        ResponseEntity<Map> again = as("admin").postForEntity("/api/webhooks/" + hook + "/deliveries/" + retriedDelivery + "/retry", null, Map.class);
        assertThat(again.getStatusCode()).as("only a dead letter can be retried").isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void handoffsAndEscalationsReachTheSubscriberWithWhoActed() throws Exception {
        register(List.of(Outbox.HANDOFF_ACCEPTED, Outbox.HANDOFF_REJECTED, Outbox.ESCALATION_OPENED, Outbox.ESCALATION_DECIDED));

        // A handoff the receiver rejects once and then accepts.
        String handed = captureLead();
        Map qualify = openTask(handed, LeadLifecycle.TASK_QUALIFY_LEAD);
        String sdr = (String) qualify.get("assignee");
        completeAs(sdr, qualify, "{\"qualified\": {\"value\": true}}");
        String checklist = "{\"contactVerified\": {\"value\": true}, \"needConfirmed\": {\"value\": true}, "
                + "\"budgetOrAuthorityIndicated\": {\"value\": true}, \"nextMeetingBooked\": {\"value\": true}, "
                + "\"contextSummary\": {\"value\": \"Pilot in Q3\"}}";
        completeAs(sdr, openTask(handed, HandoffProcess.TASK_PREPARE), checklist);
        Map accept = openTask(handed, HandoffProcess.TASK_ACCEPT);
        String receiver = (String) accept.get("assignee");
        completeAs(receiver, accept, "{\"accepted\": {\"value\": false}, \"rejectReason\": {\"value\": \"No budget owner named\"}}");
        completeAs(sdr, openTask(handed, HandoffProcess.TASK_PREPARE), checklist);
        completeAs(receiver, openTask(handed, HandoffProcess.TASK_ACCEPT), "{\"accepted\": {\"value\": true}}");

        // First touch lapses; the manager keeps the work with its owner for another day.
        String lapsed = captureLead();
        Map untouched = openTask(lapsed, LeadLifecycle.TASK_QUALIFY_LEAD);
        String owner = (String) untouched.get("assignee");
        String breach = managementService.createJobQuery().processInstanceId((String) untouched.get("processInstanceId")).activityId("timer_qualificationBreach")
                .singleResult().getId();
        managementService.executeJob(breach);
        Map review = openTask(lapsed, EscalationProcess.TASK_REVIEW);
        String manager = (String) review.get("assignee");
        completeAs(manager, review, "{\"decision\": {\"value\": \"keep\"}, \"extendBy\": {\"value\": \"P1D\"}}");

        dispatcher.dispatchDue();
        List<Map> handoff = delivered(handed);
        assertThat(handoff).extracting(e -> e.get("type")).containsExactly(Outbox.HANDOFF_REJECTED, Outbox.HANDOFF_ACCEPTED);
        assertThat((Map) handoff.get(0).get("data")).containsEntry("sender", sdr).containsEntry("receiver", receiver)
                .containsEntry("actor", receiver).containsEntry("reason", "No budget owner named").containsEntry("rejections", 1);
        assertThat((Map) handoff.get(1).get("data")).containsEntry("sender", sdr).containsEntry("receiver", receiver)
                .containsEntry("actor", receiver).doesNotContainKey("reason");
        List<Map> escalation = delivered(lapsed);
        assertThat(escalation).extracting(e -> e.get("type")).containsExactly(Outbox.ESCALATION_OPENED, Outbox.ESCALATION_DECIDED);
        assertThat((Map) escalation.get(0).get("data")).containsEntry("task", LeadLifecycle.TASK_QUALIFY_LEAD).containsEntry("level", 1)
                .containsEntry("lapsedBy", owner).containsEntry("reviewer", manager);
        assertThat((Map) escalation.get(1).get("data")).containsEntry("decision", "keep").containsEntry("extendBy", "P1D")
                .containsEntry("actor", manager).containsEntry("level", 1);
    }

    private Map openTask(String lead, String taskKey) {
        List<Map> tasks = as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + lead + "&taskDefinitionKey=" + taskKey, List.class);
        assertThat(tasks).as("open %s of lead %s", taskKey, lead).hasSize(1);
        return tasks.get(0);
    }

    private void completeAs(String user, Map task, String variables) {
        ResponseEntity<String> done = as(user).postForEntity("/engine-rest/task/" + task.get("id") + "/complete",
                json("{\"variables\": " + variables + "}"), String.class);
        assertThat(done.getStatusCode()).as("%s completes %s: %s", user, task.get("taskDefinitionKey"), done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void managersSeeAFailingSubscriptionBeforeItsEventsAreDeadLettered() throws Exception {
        answer = n -> 500;
        String hook = register(List.of(Outbox.LEAD_CAPTURED));
        assertThat(health(hook)).containsEntry("state", "ok").containsEntry("pending", 0);
        captureLead();
        dispatcher.dispatchDue();

        Map failing = health(hook);
        assertThat(failing).containsEntry("state", "retrying").containsEntry("retrying", 1).containsEntry("deadLetters", 0)
                .containsEntry("lastError", "HTTP 500").containsEntry("target", receiverUrl().replaceAll("\\?.*", ""));
        assertThat(failing.get("lastFailureAt")).isNotNull();
        assertThat(as("morgan").getForObject("/api/reports/webhooks", String.class)).doesNotContain(SECRET);
        assertThat(as("sam").getForEntity("/api/reports/webhooks", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ClockUtil.offset(Duration.ofHours(24).plusMinutes(1).toMillis());
        dispatcher.dispatchDue();
        assertThat(health(hook)).containsEntry("state", "dead-lettered").containsEntry("deadLetters", 1).containsEntry("retrying", 0);

        answer = n -> 200;
        long dead = ((Number) deliveries(hook, "DEAD").get(0).get("id")).longValue();
        as("admin").postForEntity("/api/webhooks/" + hook + "/deliveries/" + dead + "/retry", null, String.class);
        dispatcher.dispatchDue();
        Map healed = health(hook);
        assertThat(healed).containsEntry("state", "ok");
        assertThat(healed.get("lastError")).as("nothing failing any more").isNull();
        assertThat(healed.get("lastDeliveredAt")).isNotNull();
    }

    private Map health(String hook) {
        List<Map> hooks = as("morgan").getForObject("/api/reports/webhooks", List.class);
        return hooks.stream().filter(h -> hook.equals(h.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        answer = n -> n == 0 ? 302 : 200;
        String hook = register(List.of(Outbox.LEAD_CAPTURED));
        captureLead();
        dispatcher.dispatchDue();
        assertThat(received).hasSize(1);
        assertThat(received).noneMatch(post -> post.path().equals("/redirected"));
        assertThat(deliveries(hook, "PENDING").get(0).get("lastError").toString()).startsWith("HTTP 302");
    }

    @Test
    void webhooksPointOnlyAtPublicHttpTargetsUnlessAllowed() {
        for (String url : List.of("http://10.0.0.5/hook", "http://192.168.1.20/hook", "http://172.16.3.4/hook", "http://169.254.169.254/latest",
                "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://0.0.0.0/hook", "http://127.0.0.2/hook", "ftp://example.com/hook",
                "file:///etc/passwd", "not a url")) {
            ResponseEntity<Map> refused = registration("admin", "{\"url\": \"" + url + "\", \"events\": [\"lead.captured\"], \"secret\": \"" + SECRET + "\"}");
            assertThat(refused.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
            assertProblemNaming(refused, "url");
        }
        assertProblemNaming(registration("admin", "{\"url\": \"" + receiverUrl() + "\", \"events\": [\"lead.exploded\"], \"secret\": \"" + SECRET + "\"}"),
                "events");
        assertProblemNaming(registration("admin", "{\"url\": \"" + receiverUrl() + "\", \"events\": [], \"secret\": \"" + SECRET + "\"}"), "events");
        assertProblemNaming(registration("admin", "{\"url\": \"" + receiverUrl() + "\", \"events\": [\"lead.closed\"], \"secret\": \"short\"}"),
                "secret");
        assertProblemNaming(registration("admin", "{\"url\": \"" + receiverUrl() + "\", \"events\": [\"lead.closed\"]}"), "secret");
        assertThat(jdbc.queryForObject("select count(*) from baton_webhook", Integer.class)).isZero();

        String id = register(List.of(Outbox.LEAD_CLOSED));
        List<Map> hooks = as("admin").getForObject("/api/webhooks", List.class);
        assertThat(hooks).singleElement().satisfies(hook -> assertThat(hook).containsEntry("id", id)
                .containsEntry("url", receiverUrl()).containsEntry("paused", false).doesNotContainKey("secret"));
        assertThat(as("admin").getForObject("/api/webhooks", String.class)).doesNotContain(SECRET);
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String id = register(List.of(Outbox.LEAD_CLOSED));
        for (String user : List.of("morgan", "sam", "mara")) {
            assertThat(registration(user, "{\"url\": \"" + receiverUrl() + "\", \"events\": [\"lead.closed\"], \"secret\": \"" + SECRET + "\"}")
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(user).getForEntity("/api/webhooks", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(user).getForEntity("/api/webhooks/" + id + "/deliveries?status=DEAD", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(user).exchange("/api/webhooks/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(as("admin").exchange("/api/webhooks/" + id + "/paused", HttpMethod.PUT, json("{\"paused\": true}"), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("admin").exchange("/api/webhooks/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("admin").getForObject("/api/webhooks", List.class)).isEmpty();
    }

    @Test
    void aPausedWebhookHoldsItsDeliveriesUntilResumed() throws Exception {
        String hook = register(List.of(Outbox.LEAD_CAPTURED));
        as("admin").exchange("/api/webhooks/" + hook + "/paused", HttpMethod.PUT, json("{\"paused\": true}"), Map.class);
        String lead = captureLead();
        dispatcher.dispatchDue();
        assertThat(received).isEmpty();
        as("admin").exchange("/api/webhooks/" + hook + "/paused", HttpMethod.PUT, json("{\"paused\": false}"), Map.class);
        dispatcher.dispatchDue();
        assertThat(deliveredTypes(lead)).containsExactly(Outbox.LEAD_CAPTURED);
    }

    // --- helpers ---

    protected String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    protected String register(List<String> events) {
        String body = "{\"url\": \"" + receiverUrl() + "\", \"events\": " + events.stream().map(e -> "\"" + e + "\"").toList()
                + ", \"secret\": \"" + SECRET + "\"}";
        ResponseEntity<Map> created = registration("admin", body);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return (String) created.getBody().get("id");
    }

    private ResponseEntity<Map> registration(String user, String body) {
        return as(user).postForEntity("/api/webhooks", json(body), Map.class);
    }

    protected String captureLead() {
        ResponseEntity<Map> created = as("admin").postForEntity("/api/leads", json(lead(null, "hook-" + UUID.randomUUID() + "@example.com")), Map.class);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return (String) created.getBody().get("id");
    }

    protected List<Map> deliveries(String hook, String status) {
        ResponseEntity<List<Map>> answer = as("admin").exchange("/api/webhooks/" + hook + "/deliveries?status=" + status, HttpMethod.GET, null,
                new ParameterizedTypeReference<>() { });
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** The events of the lead the receiver accepted, in the order it accepted them. */
    private List<Map> delivered(String lead) throws Exception {
        List<Map> events = new ArrayList<>();
        for (Received post : List.copyOf(received)) {
            Map event = event(post);
            if (post.answered() == 200 && lead.equals(event.get("leadId"))) {
                events.add(event);
            }
        }
        return events;
    }

    private List<Object> deliveredTypes(String lead) throws Exception {
        return delivered(lead).stream().map(event -> event.get("type")).toList();
    }

    private Map event(Received post) throws Exception {
        Map event = mapper.readValue(post.body(), Map.class);
        assertThat(event).containsKeys("id", "type", "occurredAt", "leadId", "data");
        return event;
    }

    private double counter(String outcome) {
        var counter = meters.find("baton.webhook.deliveries").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertProblemNaming(ResponseEntity<Map> response, String field) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat((List<Map>) response.getBody().get("errors")).as(String.valueOf(response.getBody()))
                .anyMatch(error -> field.equals(error.get("field")));
    }
}

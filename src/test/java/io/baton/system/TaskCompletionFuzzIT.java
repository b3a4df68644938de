package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.support.PostgresApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile answers against task completion, for every task key of the lifecycle: generated variable
 * maps mixing the task's real answers with control data (owner, receiver, checklist form, levels…),
 * unknown names and every value type the REST API knows (Object, Bytes, File, Xml, Json, dates,
 * numbers, strings, null). Whatever arrives, the answer is a 204 or a 4xx problem naming a sent
 * variable, never a 500, and a refused completion leaves the task where it was. Seeded: replay with
 * {@code -Dfuzz.seed=…}.
 */
class TaskCompletionFuzzIT extends PostgresApiTest {

    private static final int CASES_PER_TASK = Integer.getInteger("fuzz.task-cases", 25);
    private static final List<String> CONTROL = List.of(LeadLifecycle.VAR_OWNER, HandoffProcess.VAR_RECEIVER, HandoffProcess.VAR_SENDER,
            HandoffProcess.VAR_CHECKLIST_FORM, HandoffProcess.VAR_CHECKLIST_COMPLETE, HandoffProcess.VAR_REJECTIONS, HandoffProcess.VAR_ARBITER,
            "escalationLevel", "reviewer", "lapsedBy", LeadLifecycle.VAR_LEAD_ID, LeadLifecycle.VAR_ROUTING_TEAM, "missingItems", "company");
    private static final Map<String, List<String>> ANSWERS = Map.ofEntries(
            Map.entry(LeadLifecycle.TASK_FIX_LEAD_DATA, List.of("email", "firstName", "lastName", "company", "country", "employees")),
            Map.entry(LeadLifecycle.TASK_QUALIFY_LEAD, List.of("qualified", "disqualifyReason")),
            Map.entry(HandoffProcess.TASK_PREPARE, List.of("contactVerified", "needConfirmed", "budgetOrAuthorityIndicated", "nextMeetingBooked", "contextSummary")),
            Map.entry(HandoffProcess.TASK_ACCEPT, List.of("accepted", "rejectReason")),
            Map.entry(LeadLifecycle.TASK_NEEDS_ANALYSIS, List.of("needsSummary", "estimatedValue")),
            Map.entry(LeadLifecycle.TASK_SEND_PROPOSAL, List.of("proposalReference", "proposalValue")),
            Map.entry(LeadLifecycle.TASK_NEGOTIATE, List.of("outcome", "negotiationNotes")),
            Map.entry(HandoffProcess.TASK_RESOLVE, List.of("resolution", "newOwner")),
            Map.entry(EscalationProcess.TASK_REVIEW, List.of("decision", "newOwner", "extendBy", "decisionNote")));
    private static final String[] TYPES = {"String", "Boolean", "Integer", "Long", "Double", "Short", "Date", "Json", "Object", "Bytes", "File", "Xml", "Null", null};

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    @Test
    void generatedAnswersForEveryTaskKeyNeverYield500NorMoveATaskTheyMayNot() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("TaskCompletionFuzzIT seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Integer> refused = new LinkedHashMap<>();
        for (String key : ANSWERS.keySet()) {
            Map<String, Object> task = taskOf(key);
            for (int i = 0; i < CASES_PER_TASK; i++) {
                ObjectNode variables = variables(random, key);
                String replay = "seed " + seed + ", " + key + " case " + i + ": " + variables;
                String path = "/engine-rest/task/" + task.get("id") + (random.nextBoolean() ? "/complete" : "/submit-form");
                HttpResponse<String> answer = send((String) task.get("assignee"), "POST", path, "{\"variables\": " + variables + "}");
                assertThat(answer.statusCode()).as(replay + " -> " + answer.body()).isIn(204, 400, 403, 409);
                if (answer.statusCode() == 204) {
                    assertThat(forbidden(variables)).as(replay + " was accepted").isFalse();
                    task = taskOf(key);
                    continue;
                }
                refused.merge(key, 1, Integer::sum);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(replay).startsWith("application/problem+json");
                JsonNode problem = json.readTree(answer.body());
                assertThat(problem.path("message").asText()).as(replay).isNotBlank();
                for (JsonNode error : problem.path("errors")) {
                    String field = error.path("field").asText();
                    assertThat(variables.has(field) || ANSWERS.get(key).contains(field))
                            .as(replay + " names a sent variable or a missing answer: " + answer.body()).isTrue();
                }
                Map<String, Object> still = admin("/engine-rest/task/" + task.get("id"));
                assertThat(still.get("assignee")).as(replay + " leaves the task where it was").isEqualTo(task.get("assignee"));
            }
        }
        System.out.println("TaskCompletionFuzzIT: refused per task " + refused);
        Map<String, Object> health = admin("/api/health/ownership");
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_VARIABLE where TYPE_ in ('object', 'bytes', 'file', 'xml')", Long.class))
                .as("no value a person sent can be deserialized into a class").isZero();
    }

    /** Mostly the task's answers with fitting values, salted with control data, unknown names and odd types. */
    private ObjectNode variables(Random random, String key) {
        ObjectNode variables = json.createObjectNode();
        List<String> answers = ANSWERS.get(key);
        for (int i = random.nextInt(4); i >= 0; i--) {
            String name = switch (random.nextInt(6)) {
                case 0 -> CONTROL.get(random.nextInt(CONTROL.size()));
                case 1 -> "x" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                default -> answers.get(random.nextInt(answers.size()));
            };
            String type = TYPES[random.nextInt(TYPES.length)];
            ObjectNode value = variables.putObject(name);
            if (type != null) {
                value.put("type", type);
            }
            switch (type == null ? "String" : type) {
                case "Boolean" -> value.put("value", random.nextBoolean());
                case "Integer", "Short" -> value.put("value", random.nextInt(100));
                case "Long" -> value.put("value", random.nextLong());
                case "Double" -> value.put("value", random.nextDouble() * 1000);
                case "Date" -> value.put("value", "2026-12-0" + (1 + random.nextInt(9)) + "T10:00:00.000+0000");
                case "Json" -> value.put("value", "{\"a\": [1, 2]}");
                case "Object" -> {
                    value.put("value", "{\"url\": \"jdbc:h2:mem:fuzz\"}");
                    value.putObject("valueInfo").put("objectTypeName", "org.springframework.jdbc.datasource.DriverManagerDataSource")
                            .put("serializationDataFormat", "application/json");
                }
                case "Bytes" -> value.put("value", Base64.getEncoder().encodeToString("bytes".getBytes(StandardCharsets.UTF_8)));
                case "File" -> {
                    value.put("value", Base64.getEncoder().encodeToString("file".getBytes(StandardCharsets.UTF_8)));
                    value.putObject("valueInfo").put("filename", "a.txt");
                }
                case "Xml" -> value.put("value", "<a/>");
                case "Null" -> value.putNull("value");
                default -> value.put("value", fitting(random, name));
            }
        }
        return variables;
    }

    private static String fitting(Random random, String name) {
        return switch (name) {
            case "outcome" -> random.nextBoolean() ? "won" : "lost";
            case "decision" -> List.of("keep", "reassign", "disqualify", "maybe").get(random.nextInt(4));
            case "resolution" -> List.of("accept", "reassign", "shrug").get(random.nextInt(3));
            case "newOwner" -> List.of("sofia", "ghost-nobody", "admin", "").get(random.nextInt(4));
            case "extendBy" -> List.of("P1D", "PT4H", "soon", "-P1D").get(random.nextInt(4));
            default -> random.nextInt(5) == 0 ? "" : "text " + random.nextInt(1000);
        };
    }

    /** Whether the answers carry anything no completion may accept: control data, unknown names or code-bearing types. */
    private static boolean forbidden(ObjectNode variables) {
        List<String> names = new ArrayList<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names.stream().anyMatch(name -> CONTROL.contains(name) && !Set.of("company").contains(name) || name.startsWith("x")
                || Set.of("Object", "Bytes", "File", "Xml").contains(variables.path(name).path("type").asText()));
    }

    // --- reaching a task of each key through the API, as its people would ----------------------

    private Map<String, Object> taskOf(String key) throws Exception {
        String lead = capture(!key.equals(LeadLifecycle.TASK_FIX_LEAD_DATA));
        if (key.equals(LeadLifecycle.TASK_FIX_LEAD_DATA)) {
            return single(lead, key);
        }
        if (key.equals(EscalationProcess.TASK_REVIEW)) {
            String instance = (String) single(lead, LeadLifecycle.TASK_QUALIFY_LEAD).get("processInstanceId");
            managementService.executeJob(managementService.createJobQuery().processInstanceId(instance)
                    .activityId("timer_qualificationBreach").singleResult().getId());
            return single(lead, key);
        }
        if (key.equals(LeadLifecycle.TASK_QUALIFY_LEAD)) {
            return single(lead, key);
        }
        completeOnly(lead, LeadLifecycle.TASK_QUALIFY_LEAD, "{\"qualified\": {\"value\": true}}");
        if (key.equals(HandoffProcess.TASK_PREPARE)) {
            return single(lead, key);
        }
        String checklist = """
                {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
                 "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot"}}""";
        completeOnly(lead, HandoffProcess.TASK_PREPARE, checklist);
        if (key.equals(HandoffProcess.TASK_ACCEPT)) {
            return single(lead, key);
        }
        if (key.equals(HandoffProcess.TASK_RESOLVE)) {
            for (int bounce = 0; bounce < 3; bounce++) {
                completeOnly(lead, HandoffProcess.TASK_ACCEPT, "{\"accepted\": {\"value\": false}, \"rejectReason\": {\"value\": \"not mine\"}}");
                if (bounce < 2) {
                    completeOnly(lead, HandoffProcess.TASK_PREPARE, checklist);
                }
            }
            return single(lead, key);
        }
        completeOnly(lead, HandoffProcess.TASK_ACCEPT, "{\"accepted\": {\"value\": true}}");
        if (key.equals(LeadLifecycle.TASK_NEEDS_ANALYSIS)) {
            return single(lead, key);
        }
        completeOnly(lead, LeadLifecycle.TASK_NEEDS_ANALYSIS, "{\"needsSummary\": {\"value\": \"CRM\"}}");
        if (key.equals(LeadLifecycle.TASK_SEND_PROPOSAL)) {
            return single(lead, key);
        }
        completeOnly(lead, LeadLifecycle.TASK_SEND_PROPOSAL, "{\"proposalReference\": {\"value\": \"P-1\"}}");
        return single(lead, key);
    }

    private String capture(boolean withCompany) throws Exception {
        String body = """
                {"email": "fuzz-%s@example.com", "firstName": "Fuzz", %s "country": "DE", "source": "web", "employees": 40}"""
                .formatted(UUID.randomUUID(), withCompany ? "\"company\": \"Fuzz Inc\"," : "");
        HttpResponse<String> created = send("mara", "POST", "/api/leads", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private Map<String, Object> single(String lead, String key) throws Exception {
        List<Map<String, Object>> tasks = json.readValue(send("admin", "GET", "/engine-rest/task?processInstanceBusinessKey=" + lead + "&taskDefinitionKey=" + key, null).body(),
                json.getTypeFactory().constructCollectionType(List.class, Map.class));
        assertThat(tasks).as("open %s of %s", key, lead).hasSize(1);
        return tasks.get(0);
    }

    private void completeOnly(String lead, String key, String variables) throws Exception {
        Map<String, Object> task = single(lead, key);
        HttpResponse<String> done = send((String) task.get("assignee"), "POST", "/engine-rest/task/" + task.get("id") + "/complete",
                "{\"variables\": " + variables + "}");
        assertThat(done.statusCode()).as("%s: %s", key, done.body()).isEqualTo(204);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> admin(String path) throws Exception {
        return json.readValue(send("admin", "GET", path, null).body(), Map.class);
    }

    private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

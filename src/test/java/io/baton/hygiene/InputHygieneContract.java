package io.baton.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input to Baton's intake and to the engine's doors: every attack is refused with a 4xx
 * problem naming what was wrong, and nothing is stored. Runs on H2 and PostgreSQL.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class InputHygieneContract {

    /** Invisible or reordering characters and controls a text field must refuse. */
    static final List<String> HOSTILE_CHARACTERS = List.of(
            "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF",                 // zero-width, word joiner, BOM
            "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",                 // bidi embeddings and overrides
            "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", // bidi isolates and marks
            "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B", "\u2028", "\u00AD", "\uFFFF");
    static final List<String> TEXT_FIELDS = List.of("externalId", "email", "firstName", "lastName", "company", "source");

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;

    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user);
    }

    static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> validLead() {
        String run = unique();
        return new HashMap<>(Map.of("externalId", "hyg-" + run, "email", "hyg-" + run + "@example.com", "firstName", "Jo",
                "lastName", "Doe", "company", "Acme", "country", "DE", "source", "web", "employees", 40));
    }

    long leadsStored() {
        return jdbc.queryForObject("select count(*) from baton_lead", Long.class);
    }

    long runningLifecycles(String leadId) {
        return jdbc.queryForObject("""
                select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
                where e.BUSINESS_KEY_ = ? and e.ID_ = e.PROC_INST_ID_ and d.KEY_ = ?""", Long.class, leadId, LeadLifecycle.KEY);
    }

    static List<String> fieldsNamed(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getBody().get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> (String) e.get("field")).toList();
    }

    @Test
    void bodyThatIsNotUtf8IsABadRequestAndStoresNothing() {
        long before = leadsStored();
        byte[] body = "{\"email\":\"jo@acme.example\",\"source\":\"web\",\"firstName\":\"J\u00FCrgen\"}".getBytes(StandardCharsets.ISO_8859_1);
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(body), Map.class);
        assertThat(fieldsNamed(response)).containsExactly("firstName");
        assertThat(response.getBody().get("detail").toString()).contains("UTF-8");
        // Outside any value the body as a whole is named.
        byte[] key = "{\"first\u00FC\":1}".getBytes(StandardCharsets.ISO_8859_1);
        ResponseEntity<Map> badKey = as("mara").postForEntity("/api/leads", json(key), Map.class);
        assertThat(badKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badKey.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // A lone continuation byte and a truncated sequence inside a value.
        for (byte[] broken : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            byte[] head = "{\"email\":\"jo@acme.example\",\"source\":\"web\",\"company\":\"A".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] whole = Arrays.copyOf(head, head.length + broken.length + tail.length);
            System.arraycopy(broken, 0, whole, head.length, broken.length);
            System.arraycopy(tail, 0, whole, head.length + broken.length, tail.length);
            assertThat(as("mara").postForEntity("/api/leads", json(whole), Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(leadsStored()).isEqualTo(before);
    }

    @Test
    void invisibleBidiAndControlCharactersInAnyTextFieldAreRefusedNamingTheField() {
        long before = leadsStored();
        for (String field : TEXT_FIELDS) {
            for (String hostile : HOSTILE_CHARACTERS) {
                Map<String, Object> lead = validLead();
                String value = (String) lead.get(field);
                // Inside the value: for the e-mail, inside the local part, where it would defeat duplicate detection.
                lead.put(field, value.substring(0, 2) + hostile + value.substring(2));
                ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(lead), Map.class);
                assertThat(fieldsNamed(response)).as("%s with U+%04X", field, (int) hostile.charAt(0)).contains(field);
            }
        }
        assertThat(leadsStored()).isEqualTo(before);
    }

    @Test
    void loneSurrogatesAreRefusedNamingTheField() {
        long before = leadsStored();
        for (String surrogate : List.of("\\ud800", "\\udfff", "\\udc00\\ud800")) {
            String body = "{\"email\":\"jo-%s@acme.example\",\"source\":\"web\",\"lastName\":\"Do%se\"}".formatted(unique(), surrogate);
            assertThat(fieldsNamed(as("mara").postForEntity("/api/leads", json(body), Map.class))).containsExactly("lastName");
        }
        // A proper pair (an emoji) is text like any other.
        String pair = "{\"email\":\"jo-%s@acme.example\",\"source\":\"web\",\"lastName\":\"Doe \\ud83d\\ude00\"}".formatted(unique());
        assertThat(as("mara").postForEntity("/api/leads", json(pair), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(leadsStored()).isEqualTo(before + 1);
    }

    @Test
    void fractionalOrQuotedEmployeesAreRefusedNamingEmployees() {
        long before = leadsStored();
        for (String employees : List.of("1.5", "1.0", "1e3", "\"12\"", "true", "99999999999")) {
            String body = "{\"email\":\"jo-%s@acme.example\",\"source\":\"web\",\"employees\":%s}".formatted(unique(), employees);
            assertThat(fieldsNamed(as("mara").postForEntity("/api/leads", json(body), Map.class))).as(employees).containsExactly("employees");
        }
        assertThat(leadsStored()).isEqualTo(before);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        long before = leadsStored();
        String run = unique();
        String body = "{\"email\":\"a-%1$s@acme.example\",\"source\":\"web\",\"email\":\"b-%1$s@acme.example\"}".formatted(run);
        assertThat(fieldsNamed(as("mara").postForEntity("/api/leads", json(body), Map.class))).containsExactly("email");
        assertThat(leadsStored()).isEqualTo(before);
    }

    @Test
    void importRowsGetTheSameRefusalsAndAFileThatIsNotUtf8IsRefusedWhole() throws Exception {
        long before = leadsStored();
        String run = unique();
        String rows = """
                {"email":"z-%1$s@acme.example","source":"web","firstName":"Jo\u200Bhn"}
                {"email":"d-%1$s@acme.example","source":"web","email":"e-%1$s@acme.example"}
                {"email":"f-%1$s@acme.example","source":"web","employees":1.5}
                {"email":"g-%1$s@acme.example","source":"we\u202Eb"}
                """.formatted(run);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        ResponseEntity<Map> accepted = as("mara").postForEntity("/api/leads/import", new HttpEntity<>(rows.getBytes(StandardCharsets.UTF_8), headers), Map.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String location = accepted.getHeaders().getLocation().getPath();
        Map<String, Object> report = Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> as("mara").getForObject(location, Map.class), r -> "DONE".equals(r.get("status")));
        assertThat(report).containsEntry("created", 0).containsEntry("rejected", 4);
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) ((Map<String, Object>) report.get("rejectedRows")).get("content");
        assertThat(rejected).extracting(r -> ((List<Map<String, Object>>) r.get("errors")).get(0).get("field"))
                .containsExactly("firstName", "email", "employees", "source");

        HttpHeaders csv = new HttpHeaders();
        csv.setContentType(MediaType.parseMediaType("text/csv; charset=UTF-8"));
        byte[] latin1 = ("email,source,firstName\nj-" + run + "@acme.example,web,J\u00FCrgen\n").getBytes(StandardCharsets.ISO_8859_1);
        ResponseEntity<Map> refused = as("mara").postForEntity("/api/leads/import", new HttpEntity<>(latin1, csv), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail").toString()).contains("UTF-8");
        assertThat(leadsStored()).isEqualTo(before);
    }

    @Test
    void secondLifecycleForALeadIsRefusedEvenForTheAdministrator() {
        Map<String, Object> lead = as("mara").postForObject("/api/leads", json(validLead()), Map.class);
        String leadId = (String) lead.get("id");
        Map<String, Object> again = Map.of("businessKey", leadId);
        ResponseEntity<Map> refused = as("admin").postForEntity("/engine-rest/process-definition/key/lead-lifecycle/start", json(again), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("message").toString()).contains(leadId, "already has a running");

        // Start instructions and skipCustomListeners are another way in: the same refusal.
        Map<String, Object> around = Map.of("businessKey", leadId, "skipCustomListeners", true, "skipIoMappings", true,
                "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", LeadLifecycle.TASK_QUALIFY_LEAD)));
        assertThat(as("admin").postForEntity("/engine-rest/process-definition/key/lead-lifecycle/start", json(around), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // No lead, no lifecycle.
        Map<String, Object> orphan = Map.of("businessKey", UUID.randomUUID().toString());
        assertThat(as("admin").postForEntity("/engine-rest/process-definition/key/lead-lifecycle/start", json(orphan), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(runningLifecycles(leadId)).isEqualTo(1);
        List<Map<String, Object>> tasks = as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
        assertThat(tasks).singleElement().satisfies(task -> assertThat(task).containsEntry("taskDefinitionKey", LeadLifecycle.TASK_QUALIFY_LEAD));
    }

    @Test
    void dataStewardCorrectionsObeyTheIntakeRulesAndARefusalLeavesTheTaskOpen() {
        Map<String, Object> withoutCompany = validLead();
        withoutCompany.remove("company");
        String leadId = (String) as("mara").postForObject("/api/leads", json(withoutCompany), Map.class).get("id");
        Map<String, Object> task = taskOf(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA);

        for (String company : List.of("Ac\u200Bme", "Ac\u202Eme", "Ac\u0000me")) {
            ResponseEntity<Map> refused = as((String) task.get("assignee")).postForEntity("/engine-rest/task/" + task.get("id") + "/complete",
                    json(Map.of("variables", Map.of(LeadLifecycle.VAR_COMPANY, Map.of("value", company)))), Map.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("message").toString()).contains("company");
        }

        assertThat(taskOf(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA)).containsEntry("id", task.get("id"));
        assertThat(as("admin").getForObject("/api/leads/" + leadId, Map.class)).doesNotContainKey("company");
    }

    @Test
    void completionsWithMadeUpValuesAddNoMetricSeries() {
        Set<String> madeUp = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            String leadId = (String) as("mara").postForObject("/api/leads", json(validLead()), Map.class).get("id");
            complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of(LeadLifecycle.VAR_QUALIFIED, true));
            complete(leadId, HandoffProcess.TASK_PREPARE, Map.of("contactVerified", true, "needConfirmed", true,
                    "budgetOrAuthorityIndicated", true, "nextMeetingBooked", true, "contextSummary", "Call booked"));
            String value = "made-up-" + unique();
            madeUp.add(value);
            Map<String, Object> task = taskOf(leadId, HandoffProcess.TASK_ACCEPT);
            ResponseEntity<String> answer = as((String) task.get("assignee")).postForEntity("/engine-rest/task/" + task.get("id") + "/complete",
                    json(Map.of("variables", Map.of(HandoffProcess.VAR_ACCEPTED, Map.of("value", true),
                            HandoffProcess.VAR_CHECKLIST_FORM, Map.of("value", value)))), String.class);
            // Refusing the control variable outright is as good as not counting it.
            assertThat(answer.getStatusCode().value()).isIn(204, 400);
            if (answer.getStatusCode().value() == 400) {
                ResponseEntity<String> honest = as((String) task.get("assignee")).postForEntity("/engine-rest/task/" + task.get("id") + "/complete",
                        json(Map.of("variables", Map.of(HandoffProcess.VAR_ACCEPTED, Map.of("value", true)))), String.class);
                assertThat(honest.getStatusCode().value()).as(honest.getBody()).isEqualTo(204);
            }
        }
        String scrape = as("admin").getForObject("/actuator/prometheus", String.class);
        madeUp.forEach(value -> assertThat(scrape).doesNotContain(value));
        Set<String> handoffTags = new HashSet<>();
        Matcher tag = Pattern.compile("^baton_\\w+\\{[^}]*handoff=\"([^\"]*)\"", Pattern.MULTILINE).matcher(scrape);
        while (tag.find()) {
            handoffTags.add(tag.group(1));
        }
        assertThat(handoffTags).as(scrape.lines().filter(l -> l.contains("handoff")).limit(20).toList().toString())
                .isNotEmpty().isSubsetOf("handoff-to-ae", "handoff-to-delivery", "other");
    }

    protected Map<String, Object> taskOf(String leadId, String key) {
        List<Map<String, Object>> tasks = as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
        return tasks.stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + key + " for lead " + leadId + ": " + tasks));
    }

    protected void complete(String leadId, String key, Map<String, Object> answers) {
        Map<String, Object> task = taskOf(leadId, key);
        Map<String, Object> variables = new HashMap<>();
        answers.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        ResponseEntity<String> done = as((String) task.get("assignee")).postForEntity("/engine-rest/task/" + task.get("id") + "/complete",
                json(Map.of("variables", variables)), String.class);
        assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);
    }

    /** A lead row whose lifecycle was never started, as a crashed intake of an older version could leave. */
    protected String leadWithoutLifecycle() {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into baton_lead (id, email, open_email, company, country, source, employees, status, stage, created_at, version)
                values (?, ?, ?, 'Acme', 'DE', 'web', 40, 'OPEN', 'captured', ?, 0)""",
                id, id + "@acme.example", id + "@acme.example", Timestamp.from(Instant.now()));
        return id;
    }
}

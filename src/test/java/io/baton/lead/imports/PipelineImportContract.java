package io.baton.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.testing.ApiContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 18 item 4 over HTTP: a manager or admin imports a live pipeline — leads standing at a stage
 * with the owner who holds them there — and each starts where it stands, owned in the ledger
 * ({@code IMPORTED}, actor = the importer) and in Tasklist, first due after the grace and spread over
 * the window; rows that name an unknown stage, an unknown owner or an owner of the wrong team are
 * rejected naming the column while the file's good rows are imported; marketing may not place leads.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
abstract class PipelineImportContract extends ApiContract {

    private static final Duration GRACE = Duration.ofHours(2);
    private static final Duration SPREAD = Duration.ofDays(1);
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Each importable stage with people who work it in the demo team. */
    private static final Map<String, List<String>> OWNERS = Map.of(
            LeadLifecycle.TASK_QUALIFY_LEAD, List.of("sam", "sofia", "eli"),
            LeadLifecycle.TASK_NEEDS_ANALYSIS, List.of("alex", "ava"),
            LeadLifecycle.TASK_SEND_PROPOSAL, List.of("ava", "alex"),
            LeadLifecycle.TASK_NEGOTIATE, List.of("alex", "ava"),
            LeadLifecycle.TASK_KICKOFF_ONBOARDING, List.of("dana", "devon"));
    private static final List<String> STAGES = List.of(LeadLifecycle.TASK_QUALIFY_LEAD, LeadLifecycle.TASK_NEEDS_ANALYSIS,
            LeadLifecycle.TASK_SEND_PROPOSAL, LeadLifecycle.TASK_NEGOTIATE, LeadLifecycle.TASK_KICKOFF_ONBOARDING);

    private record Placed(String leadId, String stage, String owner) {
    }

    @Test
    void aThousandLeadsStartAtTheirStagesWithTheirOwnersDueAfterTheGraceAndSpreadOverTheWindow() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("externalId,email,firstName,company,country,source,employees,owner,stage\n");
        Map<String, Placed> expected = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String stage = STAGES.get(i % STAGES.size());
            List<String> people = OWNERS.get(stage);
            String owner = people.get((i / STAGES.size()) % people.size());
            String externalId = "pipe-" + run + "-" + i;
            csv.append(externalId).append(",pipe-").append(run).append('-').append(i).append("@example.com,Ann,Acme ").append(i)
                    .append(",DE,crm,").append(10 + i).append(',').append(owner).append(',').append(stage).append('\n');
            expected.put(externalId, new Placed(null, stage, owner));
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Map<String, Object> report = importAs("morgan", "text/csv", csv.toString());
        Instant after = Instant.now();

        assertThat(report).containsEntry("status", "DONE").containsEntry("created", 1000).containsEntry("rejected", 0);
        List<Map<String, Object>> leads = jdbc.queryForList(
                "select id, external_id, owner, stage, status from baton_lead where external_id like ?", "pipe-" + run + "-%");
        assertThat(leads).hasSize(1000);
        Map<String, String> leadIdByExternalId = new HashMap<>();
        for (Map<String, Object> lead : leads) {
            Placed placed = expected.get((String) lead.get("external_id"));
            assertThat(lead.get("owner")).as("owner of %s", lead.get("external_id")).isEqualTo(placed.owner());
            assertThat(lead.get("stage")).as("stage of %s", lead.get("external_id")).isEqualTo(placed.stage());
            assertThat(lead.get("status")).isEqualTo("OPEN");
            leadIdByExternalId.put((String) lead.get("external_id"), (String) lead.get("id"));
        }

        // The engine: each lead's only open task is the stage it was imported at, assigned to its owner, due after the grace.
        List<Map<String, Object>> tasks = jdbc.queryForList("""
                select e.BUSINESS_KEY_ as lead_id, t.TASK_DEF_KEY_ as task_key, t.ASSIGNEE_ as assignee, t.DUE_DATE_ as due
                from ACT_RU_TASK t join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
                join baton_lead l on l.id = e.BUSINESS_KEY_ where l.external_id like ?""", "pipe-" + run + "-%");
        assertThat(tasks).as("one open task per lead").hasSize(1000);
        Map<String, Placed> byLead = expected.entrySet().stream().collect(Collectors.toMap(
                e -> leadIdByExternalId.get(e.getKey()), e -> new Placed(leadIdByExternalId.get(e.getKey()), e.getValue().stage(), e.getValue().owner())));
        List<Instant> dues = new ArrayList<>();
        for (Map<String, Object> task : tasks) {
            Placed placed = byLead.get((String) task.get("lead_id"));
            assertThat(task.get("task_key")).as("task of lead %s", placed.leadId()).isEqualTo(placed.stage());
            assertThat(task.get("assignee")).as("assignee at lead %s", placed.leadId()).isEqualTo(placed.owner());
            dues.add(((java.sql.Timestamp) task.get("due")).toInstant());
        }
        Instant first = dues.stream().min(Instant::compareTo).orElseThrow();
        Instant last = dues.stream().max(Instant::compareTo).orElseThrow();
        assertThat(first).as("no first deadline before now + grace").isAfterOrEqualTo(before.plus(GRACE));
        assertThat(last).as("every first deadline within grace + spread").isBeforeOrEqualTo(after.plus(GRACE).plus(SPREAD));
        assertThat(Duration.between(first, last)).as("deadlines spread over the window")
                .isGreaterThanOrEqualTo(SPREAD.multipliedBy(99).dividedBy(100));
        // Evenly, not in a lump: no hour of the window holds more than a few percent of them.
        Map<Long, Long> perHour = dues.stream().collect(Collectors.groupingBy(d -> Duration.between(first, d).toHours(), Collectors.counting()));
        assertThat(perHour.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThanOrEqualTo(50);

        // The breach timers wait for the same deadlines: nothing lapses during the grace.
        assertThat(jdbc.queryForObject("""
                select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION e on e.PROC_INST_ID_ = j.PROCESS_INSTANCE_ID_ and e.ID_ = e.PROC_INST_ID_
                join baton_lead l on l.id = e.BUSINESS_KEY_ where l.external_id like ? and j.DUEDATE_ < ?""",
                Long.class, "pipe-" + run + "-%", java.sql.Timestamp.from(before.plus(GRACE).minus(GRACE.dividedBy(2)))))
                .as("timers due in the first hour after the import").isZero();

        // The ledger: one open period per lead, IMPORTED by the manager who imported it.
        assertThat(jdbc.queryForObject("""
                select count(*) from baton_ownership_period p join baton_lead l on l.id = p.lead_id
                where l.external_id like ? and p.valid_to is null and p.reason = 'IMPORTED' and p.actor = 'morgan' and p.owner = l.owner""",
                Long.class, "pipe-" + run + "-%")).isEqualTo(1000);
        assertThat(jdbc.queryForObject("""
                select count(*) from baton_ownership_period p join baton_lead l on l.id = p.lead_id where l.external_id like ?""",
                Long.class, "pipe-" + run + "-%")).as("no other period").isEqualTo(1000);

        // As people see it: the owner's Tasklist (engine REST) and the ledger API, for a sample of every stage and owner.
        for (int i = 0; i < 1000; i += 23) {
            String externalId = "pipe-" + run + "-" + i;
            Placed placed = byLead.get(leadIdByExternalId.get(externalId));
            List<Map<String, Object>> visible = as(placed.owner())
                    .getForObject("/engine-rest/task?processInstanceBusinessKey=" + placed.leadId(), List.class);
            assertThat(visible).as("%s's Tasklist for lead %s", placed.owner(), placed.leadId()).hasSize(1);
            assertThat(visible.get(0)).containsEntry("taskDefinitionKey", placed.stage()).containsEntry("assignee", placed.owner());
            Instant due = OffsetDateTime.parse((String) visible.get(0).get("due"), ENGINE_DATE).toInstant();
            assertThat(due).isAfterOrEqualTo(before.plus(GRACE));

            List<Map<String, Object>> ledger = as("morgan").getForObject("/api/leads/" + placed.leadId() + "/ownership", List.class);
            assertThat(ledger).hasSize(1);
            assertThat(ledger.get(0)).containsEntry("owner", placed.owner()).containsEntry("reason", "IMPORTED")
                    .containsEntry("actor", "morgan");
            assertThat(ledger.get(0).get("to")).as("open").isNull();
            Map<String, Object> view = as("morgan").getForObject("/api/leads/" + placed.leadId(), Map.class);
            assertThat(view).containsEntry("owner", placed.owner()).containsEntry("stage", placed.stage());
            assertThat((Map<String, Object>) view.get("routing")).containsEntry("reason", "IMPORTED");
        }
        assertOwnershipHealthy();
    }

    @Test
    void rowsWithAnUnknownStageUnknownOwnerOrOwnerOfAnotherTeamAreRejectedNamingTheColumnAndTheGoodRowsAreImported() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "externalId,email,company,source,owner,stage\n"
                + row(run, 1, "sofia", "") // owner alone: at qualification
                + row(run, 2, "alex", "closeDeal") // not a stage
                + row(run, 3, "nobody", "needsAnalysis") // not a person
                + row(run, 4, "sam", "negotiate") // an SDR at an AE stage
                + row(run, 5, "", "sendProposal") // a stage needs its owner
                + row(run, 6, "dana", "qualifyLead") // delivery does not qualify
                + row(run, 7, "devon", "kickoffOnboarding")
                + "pipe-" + run + "-8,not-an-email,Acme,crm,ava,negotiate\n" // the lead's own fields still count
                + row(run, 9, "ava", "negotiate");

        Map<String, Object> report = importAs("admin", "text/csv", csv);

        assertThat(report).containsEntry("status", "DONE").containsEntry("created", 3).containsEntry("rejected", 6);
        Map<Integer, List<Object>> rejected = ((List<Map<String, Object>>) ((Map<String, Object>) report.get("rejectedRows")).get("content"))
                .stream().collect(Collectors.toMap(r -> (Integer) r.get("line"),
                        r -> ((List<Map<String, Object>>) r.get("errors")).stream().map(e -> e.get("field")).toList()));
        assertThat(rejected).containsOnlyKeys(3, 4, 5, 6, 7, 9);
        assertThat(rejected.get(3)).containsExactly("stage");
        assertThat(rejected.get(4)).containsExactly("owner");
        assertThat(rejected.get(5)).containsExactly("owner");
        assertThat(rejected.get(6)).containsExactly("owner");
        assertThat(rejected.get(7)).containsExactly("owner");
        assertThat(rejected.get(9)).containsExactly("email");

        assertThat(placedAt(run, 1)).containsEntry("owner", "sofia").containsEntry("stage", LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(placedAt(run, 7)).containsEntry("owner", "devon").containsEntry("stage", LeadLifecycle.TASK_KICKOFF_ONBOARDING);
        assertThat(placedAt(run, 9)).containsEntry("owner", "ava").containsEntry("stage", LeadLifecycle.TASK_NEGOTIATE);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where external_id in (?, ?, ?, ?, ?, ?)", Long.class,
                "pipe-" + run + "-2", "pipe-" + run + "-3", "pipe-" + run + "-4", "pipe-" + run + "-5", "pipe-" + run + "-6",
                "pipe-" + run + "-8")).as("rejected rows store nothing").isZero();
        assertOwnershipHealthy();
    }

    @Test
    void marketingMayImportPlainLeadsButNotOwnersOrStages() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long importsBefore = jdbc.queryForObject("select count(*) from baton_import", Long.class);

        ResponseEntity<Map> withColumns = post("mara", "text/csv", "externalId,email,source,owner,stage\n" + row(run, 1, "sam", "qualifyLead"));
        assertForbiddenNaming(withColumns, "owner", "stage");
        ResponseEntity<Map> ownerOnly = post("mara", "text/csv", "email,source,owner\npipe-" + run + "-2@example.com,crm,sam\n");
        assertForbiddenNaming(ownerOnly, "owner");
        ResponseEntity<Map> jsonStage = post("mara", "application/x-ndjson",
                "{\"email\":\"pipe-" + run + "-3@example.com\",\"source\":\"crm\"}\n"
                        + "{\"email\":\"pipe-" + run + "-4@example.com\",\"source\":\"crm\",\"stage\":\"negotiate\"}\n");
        assertForbiddenNaming(jsonStage, "stage");
        assertThat(jdbc.queryForObject("select count(*) from baton_import", Long.class)).as("nothing stored").isEqualTo(importsBefore);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where email like ?", Long.class, "pipe-" + run + "-%")).isZero();

        Map<String, Object> plain = importAs("mara", "text/csv", "email,company,source\npipe-" + run + "-5@example.com,Acme,crm\n");
        assertThat(plain).containsEntry("created", 1);
        Map<String, Object> routed = jdbc.queryForMap("select owner, stage, routing_reason from baton_lead where email = ?",
                "pipe-" + run + "-5@example.com");
        assertThat(routed).containsEntry("stage", LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(routed.get("routing_reason")).isNotEqualTo("IMPORTED");
        assertThat(jdbc.queryForObject("select reason from baton_ownership_period p join baton_lead l on l.id = p.lead_id where l.email = ?",
                String.class, "pipe-" + run + "-5@example.com")).isEqualTo("ROUTED");
    }

    @Test
    void aLeadImportedAsJsonLinesAtNegotiationWorksOnFromThere() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"externalId\":\"pipe-" + run + "-1\",\"email\":\"pipe-" + run + "-1@example.com\",\"company\":\"Acme\","
                + "\"source\":\"crm\",\"owner\":\"alex\",\"stage\":\"negotiate\"}\n"
                + "{\"externalId\":\"pipe-" + run + "-2\",\"email\":\"pipe-" + run + "-2@example.com\",\"source\":\"crm\",\"owner\":7}\n";
        Map<String, Object> report = importAs("hana", "application/x-ndjson", body);
        assertThat(report).containsEntry("created", 1).containsEntry("rejected", 1);
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) ((Map<String, Object>) report.get("rejectedRows")).get("content");
        assertThat(((List<Map<String, Object>>) rejected.get(0).get("errors")).get(0)).containsEntry("field", "owner");

        String leadId = (String) placedAt(run, 1).get("id");
        List<Map<String, Object>> tasks = as("alex").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0)).containsEntry("taskDefinitionKey", LeadLifecycle.TASK_NEGOTIATE).containsEntry("assignee", "alex");
        ResponseEntity<String> completed = as("alex").postForEntity("/engine-rest/task/" + tasks.get(0).get("id") + "/complete",
                json("{\"variables\": {\"outcome\": {\"value\": \"lost\"}}}"), String.class);
        assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(as("hana").getForObject("/api/leads/" + leadId, Map.class)).containsEntry("status", "LOST");
        List<Map<String, Object>> ledger = as("hana").getForObject("/api/leads/" + leadId + "/ownership", List.class);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0)).containsEntry("owner", "alex").containsEntry("reason", "IMPORTED").containsEntry("actor", "hana");
        assertThat(ledger.get(0).get("to")).isNotNull();
        assertOwnershipHealthy();
    }

    private static String row(String run, int i, String owner, String stage) {
        return "pipe-" + run + "-" + i + ",pipe-" + run + "-" + i + "@example.com,Acme " + i + ",crm," + owner + "," + stage + "\n";
    }

    private Map<String, Object> placedAt(String run, int i) {
        return jdbc.queryForMap("select id, owner, stage from baton_lead where external_id = ?", "pipe-" + run + "-" + i);
    }

    private ResponseEntity<Map> post(String user, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return as(user).postForEntity("/api/leads/import", new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), Map.class);
    }

    private Map<String, Object> importAs(String user, String contentType, String body) {
        ResponseEntity<Map> accepted = post(user, contentType, body);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) accepted.getBody().get("id");
        return Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> (Map<String, Object>) as(user).getForObject("/api/imports/" + id + "?size=1000", Map.class),
                        report -> !"QUEUED".equals(report.get("status")) && !"RUNNING".equals(report.get("status")));
    }

    private static void assertForbiddenNaming(ResponseEntity<Map> response, String... fields) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(((List<Map<String, Object>>) response.getBody().get("errors")).stream().map(e -> e.get("field")))
                .containsExactlyInAnyOrder((Object[]) fields);
    }

    private void assertOwnershipHealthy() {
        Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }
}

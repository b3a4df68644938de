package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ApiContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 17, items 3 and 4 over HTTP: the owner logs contact attempts (the first is the lead's first
 * touch), the owner or their manager marks the lead "waiting on customer", and the pause ends by
 * {@code POST .../resume} or by the {@code LeadReplied} message sent to Camunda's REST API.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class AttemptsContract extends ApiContract {

    @Autowired
    MeterRegistry registry;

    /** A captured lead as marketing sees it, with its routed owner. */
    private Map<String, Object> capturedLead() {
        ResponseEntity<Map> created = as("mara").postForEntity("/api/leads",
                json(lead(null, "attempts-" + UUID.randomUUID() + "@example.com")), Map.class);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("owner")).isNotNull();
        return created.getBody();
    }

    private ResponseEntity<Map> attempt(String user, String leadId, String body) {
        return as(user).postForEntity("/api/leads/" + leadId + "/attempts", json(body), Map.class);
    }

    private ResponseEntity<Map> pause(String user, String leadId, String reason, Object resumeBy) {
        String body = "{\"reason\": " + (reason == null ? "null" : "\"" + reason + "\"") + ", \"resumeBy\": "
                + (resumeBy == null ? "null" : "\"" + resumeBy + "\"") + "}";
        return as(user).postForEntity("/api/leads/" + leadId + "/pause", json(body), Map.class);
    }

    private Map<String, Object> view(String user, String leadId) {
        return as(user).getForObject("/api/leads/" + leadId, Map.class);
    }

    private static List<String> fields(ResponseEntity<Map> response) {
        return ((List<Map<String, Object>>) response.getBody().get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }

    private static void assertProblem(ResponseEntity<Map> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(fields(response)).contains(field);
    }

    @Test
    void theOwnersFirstAttemptIsTheLeadsFirstTouchAndTheViewListsEveryAttempt() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        assertThat(view(owner, id)).doesNotContainKey("firstTouchAt").containsEntry("attempts", List.of()).containsEntry("pausedSeconds", 0);

        ResponseEntity<Map> first = attempt(owner, id, "{\"channel\": \"call\", \"note\": \"Voicemail, will try again\"}");
        assertThat(first.getStatusCode()).as(String.valueOf(first.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(attempt(owner, id, "{\"channel\": \"email\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        Map<String, Object> seen = view("morgan", id);
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) seen.get("attempts");
        assertThat(attempts).extracting(a -> a.get("channel")).containsExactly("call", "email");
        assertThat(attempts.get(0)).containsEntry("note", "Voicemail, will try again").containsEntry("by", owner);
        assertThat(seen.get("firstTouchAt")).isEqualTo(attempts.get(0).get("at"));
        assertThat(jdbc.queryForObject("select count(*) from baton_lead_attempt where lead_id = ?", Long.class, id)).isEqualTo(2);

        // Time to first attempt, per segment (lead source) and owner; only the first attempt counts.
        Timer lag = registry.find("baton.first.attempt.lag").tags("owner", owner, "segment", "web").timer();
        assertThat(lag).as("baton_first_attempt_lag_seconds{owner=%s,segment=web}", owner).isNotNull();
        assertThat(lag.count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onlyTheOwnerLogsAttempts() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        // The owner's manager and an administrator read the lead but do not contact its customer for the owner.
        assertProblem(attempt("morgan", id, "{\"channel\": \"call\"}"), HttpStatus.FORBIDDEN, "owner");
        assertProblem(attempt("admin", id, "{\"channel\": \"call\"}"), HttpStatus.FORBIDDEN, "owner");
        String otherRep = "sam".equals(lead.get("owner")) ? "sofia" : "sam";
        assertThat(attempt(otherRep, id, "{\"channel\": \"call\"}").getStatusCode()).as("a rep who may not read the lead")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead_attempt where lead_id = ?", Long.class, id)).isZero();
    }

    @Test
    void aBadChannelOrAnOverlongNoteIsA400NamingTheField() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        assertProblem(attempt(owner, id, "{\"channel\": \"pigeon\"}"), HttpStatus.BAD_REQUEST, "channel");
        assertProblem(attempt(owner, id, "{\"note\": \"no channel\"}"), HttpStatus.BAD_REQUEST, "channel");
        assertProblem(attempt(owner, id, "{\"channel\": \"call\", \"note\": \"" + "x".repeat(1001) + "\"}"), HttpStatus.BAD_REQUEST, "note");
        assertThat(jdbc.queryForObject("select count(*) from baton_lead_attempt where lead_id = ?", Long.class, id)).isZero();
    }

    @Test
    void aClosedLeadTakesNoAttemptsAndNoPause() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        assertThat(as("admin").postForEntity("/api/leads/" + id + "/lost", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(attempt(owner, id, "{\"channel\": \"meeting\"}"), HttpStatus.CONFLICT, "status");
        assertProblem(pause(owner, id, "Contract with legal", Instant.now().plus(Duration.ofDays(1))), HttpStatus.CONFLICT, "status");
    }

    @Test
    void aPauseNeedsAReasonAndAResumeByWithinThirtyDays() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        assertProblem(pause(owner, id, "Waiting for the NDA", Instant.now().minus(Duration.ofMinutes(5))), HttpStatus.BAD_REQUEST, "resumeBy");
        assertProblem(pause(owner, id, "Waiting for the NDA", Instant.now().plus(Duration.ofDays(31))), HttpStatus.BAD_REQUEST, "resumeBy");
        assertProblem(pause(owner, id, "Waiting for the NDA", "next tuesday"), HttpStatus.BAD_REQUEST, "resumeBy");
        assertProblem(pause(owner, id, " ", Instant.now().plus(Duration.ofDays(1))), HttpStatus.BAD_REQUEST, "reason");
        assertProblem(pause(owner, id, "x".repeat(501), Instant.now().plus(Duration.ofDays(1))), HttpStatus.BAD_REQUEST, "reason");
        String otherRep = "sam".equals(owner) ? "sofia" : "sam";
        assertThat(pause(otherRep, id, "Not mine", Instant.now().plus(Duration.ofDays(1))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(view(owner, id)).doesNotContainKey("paused");
        assertThat(jdbc.queryForObject("select count(*) from baton_lead_pause where lead_id = ?", Long.class, id)).isZero();
    }

    @Test
    void theOwnerPausesTheViewShowsItAndLeadRepliedThroughCamundasRestApiResumes() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        Instant resumeBy = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ResponseEntity<Map> paused = pause(owner, id, "Waiting for the signed NDA", resumeBy);
        assertThat(paused.getStatusCode()).as(String.valueOf(paused.getBody())).isEqualTo(HttpStatus.OK);
        Map<String, Object> pause = (Map<String, Object>) view(owner, id).get("paused");
        assertThat(pause).containsEntry("reason", "Waiting for the signed NDA").containsEntry("by", owner).containsKey("since");
        assertThat(Instant.parse((String) pause.get("resumeBy"))).isEqualTo(resumeBy);
        assertProblem(pause(owner, id, "Again", resumeBy), HttpStatus.CONFLICT, "paused");

        // The owner still sees the lead's task: a pause hides nothing.
        List<Map<String, Object>> tasks = as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + id, List.class);
        assertThat(tasks).anySatisfy(task -> assertThat(task.get("assignee")).isEqualTo(owner));

        ResponseEntity<String> replied = as("admin").postForEntity("/engine-rest/message",
                json("{\"messageName\": \"LeadReplied\", \"businessKey\": \"" + id + "\"}"), String.class);
        assertThat(replied.getStatusCode().is2xxSuccessful()).as(String.valueOf(replied.getBody())).isTrue();
        Map<String, Object> after = view(owner, id);
        assertThat(after).doesNotContainKey("paused");
        assertThat(((Number) after.get("pausedSeconds")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(jdbc.queryForObject("select resumed_how from baton_lead_pause where lead_id = ?", String.class, id)).isEqualTo("REPLIED");
        assertProblem(as(owner).postForEntity("/api/leads/" + id + "/resume", null, Map.class), HttpStatus.CONFLICT, "paused");
    }

    @Test
    void pausedTimeStandsApartInTheLedgerAndInTheOwnersReport() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        String owner = (String) lead.get("owner");
        assertThat(pause(owner, id, "Waiting for the budget call", Instant.now().plus(Duration.ofDays(2))).getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> ownerRow = ownerRow(owner);
        assertThat(((Number) ownerRow.get("pausedLeads")).longValue()).as("paused now").isPositive();
        // The customer took three hours to answer: the pause ends three hours after it began.
        assertThat(as(owner).postForEntity("/api/leads/" + id + "/resume", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        jdbc.update("update baton_lead_pause set resumed_at = since + interval '3' hour where lead_id = ?", id);

        List<Map<String, Object>> ledger = as(owner).getForObject("/api/leads/" + id + "/ownership", List.class);
        Map<String, Object> current = ledger.get(ledger.size() - 1);
        assertThat(current.get("owner")).isEqualTo(owner);
        assertThat(((Number) current.get("pausedSeconds")).longValue()).isEqualTo(3 * 3600);
        assertThat(((Number) ownerRow(owner).get("pausedSeconds")).longValue()).isGreaterThanOrEqualTo(3 * 3600);
    }

    private Map<String, Object> ownerRow(String owner) {
        List<Map<String, Object>> owners = as("morgan").getForObject("/api/reports/owners", List.class);
        return owners.stream().filter(row -> owner.equals(row.get("owner"))).findFirst().orElseThrow();
    }

    @Test
    void theOwnersManagerPausesAndResumes() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        assertThat(pause("morgan", id, "Customer on holiday", Instant.now().plus(Duration.ofDays(10))).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("select paused_by from baton_lead_pause where lead_id = ?", String.class, id)).isEqualTo("morgan");
        ResponseEntity<Map> resumed = as("morgan").postForEntity("/api/leads/" + id + "/resume", null, Map.class);
        assertThat(resumed.getStatusCode()).as(String.valueOf(resumed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(resumed.getBody()).doesNotContainKey("paused");
        assertThat(jdbc.queryForObject("select resumed_how from baton_lead_pause where lead_id = ?", String.class, id)).isEqualTo("RESUMED");
    }

    @Test
    void aPauseSentToCamundasRestApiIsCheckedThere() {
        Map<String, Object> lead = capturedLead();
        String id = (String) lead.get("id");
        // Camunda's REST API carries no process variables into Baton's processes, so LeadPaused arrives there
        // without its reason and resume-by: the diagram's step refuses it and nothing stops.
        ResponseEntity<Map> bare = as("admin").postForEntity("/engine-rest/message",
                json("{\"messageName\": \"LeadPaused\", \"businessKey\": \"" + id + "\"}"), Map.class);
        assertProblem(bare, HttpStatus.BAD_REQUEST, "resumeBy");
        assertThat(fields(bare)).contains("reason");
        ResponseEntity<Map> carried = as("admin").postForEntity("/engine-rest/message", json("""
                {"messageName": "LeadPaused", "businessKey": "%s", "processVariables": {
                  "pauseReason": {"value": "Parked", "type": "String"},
                  "resumeBy": {"value": "%s", "type": "String"}}}""".formatted(id, Instant.now().plus(Duration.ofDays(90)))), Map.class);
        assertThat(carried.getStatusCode()).as(String.valueOf(carried.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead_pause where lead_id = ?", Long.class, id)).isZero();
        assertThat(view("admin", id)).doesNotContainKey("paused");
    }
}

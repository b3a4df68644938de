package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.handoff.HandoffProcess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Baton's API and Camunda's REST API over HTTP, as integrations and Tasklist use them. Runs on the
 * embedded H2 and on PostgreSQL through the subclasses.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class LeadApiContract {

    private static final List<String> SDRS = List.of("sam", "sofia");

    @Autowired
    protected TestRestTemplate http;

    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user);
    }

    protected static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    protected static String newLead(String externalId, String email) {
        return """
                {"externalId": %s, "email": "%s", "firstName": "Zoë", "lastName": "O'Hara \\"Q\\"", "company": "Acme GmbH",
                 "country": "de", "source": "web", "employees": 120}""".formatted(externalId == null ? "null" : "\"" + externalId + "\"", email);
    }

    protected static String uniqueEmail() {
        return "it-" + UUID.randomUUID() + "@example.com";
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> capture(String body) {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(body), Map.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> ownershipOf(String leadId) {
        return as("admin").getForObject("/api/leads/" + leadId + "/ownership", List.class);
    }

    @Test
    void capturedLeadIsStoredAndItsQualifyLeadTaskGoesToANamedSdr() {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(newLead(null, uniqueEmail())), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) response.getBody().get("id");
        assertThat(response.getHeaders().getLocation()).hasPath("/api/leads/" + id);
        assertThat(response.getBody()).containsEntry("status", "OPEN").containsEntry("country", "DE");
        String owner = (String) response.getBody().get("owner");
        assertThat(SDRS).contains(owner);

        assertThat(tasksOf(id)).singleElement().satisfies(task -> {
            assertThat(task).containsEntry("taskDefinitionKey", LeadLifecycle.TASK_QUALIFY_LEAD).containsEntry("assignee", owner);
            assertThat(task.get("due")).isNotNull();
        });
        Map<String, Object> stored = as(owner).getForObject("/api/leads/" + id, Map.class);
        assertThat(stored).containsEntry("owner", owner).containsEntry("lastName", "O'Hara \"Q\"").containsEntry("firstName", "Zoë");
        assertThat(ownershipOf(id)).singleElement().satisfies(period -> {
            assertThat(period).containsEntry("owner", owner).containsEntry("reason", "ROUTED");
            assertThat(period.get("to")).isNull();
        });
        Map<String, Object> form = as(owner).getForObject("/engine-rest/task/" + tasksOf(id).get(0).get("id") + "/deployed-form", Map.class);
        assertThat(form).containsEntry("id", "qualify-lead");
    }

    @Test
    void retryWithTheSameExternalIdAnswersTheExistingLead() {
        String externalId = "crm-" + UUID.randomUUID();
        Map<String, Object> first = capture(newLead(externalId, uniqueEmail()));
        ResponseEntity<Map> again = as("mara").postForEntity("/api/leads", json(newLead(externalId, uniqueEmail())), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("id")).isEqualTo(first.get("id"));
        assertThat(tasksOf((String) first.get("id"))).hasSize(1);
    }

    @Test
    void sameEmailAsAnOpenLeadAnswersTheExistingLead() {
        String email = uniqueEmail();
        Map<String, Object> first = capture(newLead(null, email));
        ResponseEntity<Map> again = as("mara").postForEntity("/api/leads", json(newLead(null, email.toUpperCase())), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void invalidLeadIsRejectedNamingEachBadField() {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads",
                json("{\"email\": \"not-an-email\", \"country\": \"XX\", \"source\": \"\", \"employees\": -3}"), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, String>>) response.getBody().get("errors")).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("email", "country", "source", "employees");
    }

    @Test
    void unknownFieldsMalformedJsonAndWrongContentTypeAreProblems() {
        ResponseEntity<Map> unknown = as("mara").postForEntity("/api/leads",
                json("{\"email\": \"a@b.co\", \"source\": \"web\", \"budget\": 5}"), Map.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").toString()).contains("budget");

        // A key of only a line break is named as JSON writes it, never as a blank field.
        ResponseEntity<Map> blankKey = as("mara").postForEntity("/api/leads",
                json("{\"\\n\": 1, \"email\": \"a@b.co\", \"source\": \"web\"}"), Map.class);
        assertThat(blankKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, Object>>) blankKey.getBody().get("errors"))
                .singleElement().satisfies(error -> assertThat(error.get("field")).isEqualTo("\"\\n\""));

        ResponseEntity<Map> malformed = as("mara").postForEntity("/api/leads", json("{\"email\": "), Map.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<Map> wrongType = as("mara").postForEntity("/api/leads", new HttpEntity<>("email=a@b.co", headers), Map.class);
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(wrongType.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownLeadIsNotFound() {
        ResponseEntity<Map> response = as("sam").getForEntity("/api/leads/" + UUID.randomUUID(), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requestsWithoutValidCredentialsAreUnauthorized() {
        for (String path : List.of("/api/leads", "/engine-rest/task", "/actuator/prometheus", "/api/health/ownership")) {
            assertThat(http.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(http.withBasicAuth("nobody", "nobody").getForEntity(path, String.class).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        // One wrong password only: Camunda delays and then locks a user after repeated failures.
        assertThat(http.withBasicAuth("hana", "wrong").getForEntity("/api/leads", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity("/api/leads", json(newLead(null, uniqueEmail())), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void healthShowsTheClockCheckAgainstTheDatabase() {
        Map<String, Object> health = as("admin").getForObject("/actuator/health", Map.class);
        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> clock = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("clock");
        assertThat(clock).containsEntry("status", "UP");
        assertThat(((Number) ((Map<String, Object>) clock.get("details")).get("skewMillis")).longValue()).isBetween(-2000L, 2000L);
    }

    @Test
    void leadsAreListedByOwnerAndStatus() {
        Map<String, Object> lead = capture(newLead(null, uniqueEmail()));
        Map<String, Object> page = as("morgan").getForObject("/api/leads?owner=" + lead.get("owner") + "&status=OPEN&size=500", Map.class);
        assertThat((List<Map<String, Object>>) page.get("content")).extracting(l -> l.get("id")).contains(lead.get("id"));
        assertThat((List<Map<String, Object>>) page.get("content")).allSatisfy(l -> assertThat(l.get("owner")).isEqualTo(lead.get("owner")));
        assertThat(as("sam").getForEntity("/api/leads?status=SLEEPING", Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void unsubscribeStopsTheLeadAndCancelsItsWork() {
        Map<String, Object> lead = capture(newLead(null, uniqueEmail()));
        String id = (String) lead.get("id");
        ResponseEntity<Map> stopped = as("mara").postForEntity("/api/leads/" + id + "/unsubscribe", null, Map.class);
        assertThat(stopped.getBody()).containsEntry("status", "UNSUBSCRIBED");
        assertThat(tasksOf(id)).isEmpty();
        assertThat(ownershipOf(id)).allSatisfy(p -> assertThat(p.get("to")).isNotNull());
        assertThat(ownershipOf(id)).last().satisfies(p -> assertThat(p)
                .containsEntry("closedReason", "CLOSED_UNSUBSCRIBED").containsEntry("closedBy", "mara"));
    }

    @Test
    void ownershipHealthIsMeasured() {
        capture(newLead(null, uniqueEmail()));
        Map<String, Object> health = as("morgan").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsKeys("openLeads", "leadsWithoutOwner", "unassignedTasks", "ownerMismatches");
        assertThat(((Number) health.get("openLeads")).longValue()).isPositive();
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }

    @Test
    void leadIsWalkedThroughTasklistsRestApiFromCaptureToOnboarding() {
        String id = (String) capture(newLead(null, uniqueEmail())).get("id");
        String sdr = completeOnly(id, LeadLifecycle.TASK_QUALIFY_LEAD, "{\"qualified\": {\"value\": true}}");
        assertThat(owner(id)).isEqualTo(sdr);
        completeOnly(id, HandoffProcess.TASK_PREPARE, """
                {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
                 "nextMeetingBooked": {"value": false}, "contextSummary": {"value": "Pilot in Q3"}}""");
        Map<String, Object> back = single(id, HandoffProcess.TASK_PREPARE);
        Map<String, Object> missing = as(sdr).getForObject("/engine-rest/task/" + back.get("id") + "/variables/missingItems", Map.class);
        assertThat(missing.get("value")).isEqualTo("nextMeetingBooked");
        completeOnly(id, HandoffProcess.TASK_PREPARE, """
                {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
                 "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot in Q3"}}""");
        assertThat(owner(id)).as("sender owns until acceptance").isEqualTo(sdr);
        String ae = completeOnly(id, HandoffProcess.TASK_ACCEPT, "{\"accepted\": {\"value\": true}}");
        assertThat(owner(id)).isEqualTo(ae);
        completeOnly(id, LeadLifecycle.TASK_NEEDS_ANALYSIS, "{\"needsSummary\": {\"value\": \"CRM hygiene\"}}");
        completeOnly(id, LeadLifecycle.TASK_SEND_PROPOSAL, "{\"proposalReference\": {\"value\": \"P-7\"}}");
        completeOnly(id, LeadLifecycle.TASK_NEGOTIATE, "{\"outcome\": {\"value\": \"won\"}}");
        completeOnly(id, HandoffProcess.TASK_PREPARE, """
                {"contractSigned": {"value": true}, "scopeDocumented": {"value": true}, "kickoffContactNamed": {"value": true},
                 "billingDetailsComplete": {"value": true}, "contextSummary": {"value": "50 seats"}}""");
        String delivery = completeOnly(id, HandoffProcess.TASK_ACCEPT, "{\"accepted\": {\"value\": true}}");
        assertThat(owner(id)).isEqualTo(delivery);
        assertThat(single(id, LeadLifecycle.TASK_KICKOFF_ONBOARDING)).containsEntry("assignee", delivery);
        completeOnly(id, LeadLifecycle.TASK_KICKOFF_ONBOARDING, "{\"kickoffDate\": {\"value\": \"2026-12-01\"}}");

        Map<String, Object> lead = as("admin").getForObject("/api/leads/" + id, Map.class);
        assertThat(lead.get("status")).isEqualTo("WON");
        List<Map<String, Object>> ledger = ownershipOf(id);
        assertThat(ledger.stream().map(p -> (Object) p.get("owner")).toList()).containsExactly(sdr, ae, delivery);
        assertThat(ledger.stream().map(p -> (Object) p.get("actor")).toList()).as("who caused each move")
                .containsExactly("mara", ae, delivery);
        for (int i = 1; i < ledger.size(); i++) {
            assertThat(ledger.get(i).get("from")).isEqualTo(ledger.get(i - 1).get("to"));
        }
        assertThat(ledger.get(2).get("to")).isNotNull();
        List<?> handoffs = as("admin").getForObject("/api/leads/" + id + "/handoffs", List.class);
        assertThat(handoffs.stream().map(h -> (Object) ((Map<String, Object>) h).get("kind")).toList())
                .containsExactly("CHECKLIST_INCOMPLETE", "CHECKLIST_COMPLETE", "ACCEPTED", "CHECKLIST_COMPLETE", "ACCEPTED");
    }

    @Test
    void offboardingMovesEveryOpenLeadAndTaskToTheSuccessor() {
        String id = (String) capture(newLead(null, uniqueEmail())).get("id");
        String owner = owner(id);
        String successor = owner.equals("sam") ? "sofia" : "sam";
        ResponseEntity<Map> forbidden = as(successor).postForEntity("/api/team/" + owner + "/offboard", json("{\"successor\": \"" + successor + "\"}"), Map.class);
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> unknown = as("morgan").postForEntity("/api/team/" + owner + "/offboard", json("{\"successor\": \"ghost\"}"), Map.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").toString()).contains("successor");
        ResponseEntity<Map> self = as("morgan").postForEntity("/api/team/" + owner + "/offboard", json("{\"successor\": \"" + owner + "\"}"), Map.class);
        assertThat(self.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(owner(id)).as("nothing changed by refused requests").isEqualTo(owner);

        ResponseEntity<Map> done = as("morgan").postForEntity("/api/team/" + owner + "/offboard", json("{\"successor\": \"" + successor + "\"}"), Map.class);
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(owner(id)).isEqualTo(successor);
        assertThat(single(id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("assignee", successor);
        assertThat(ownershipOf(id)).last().satisfies(p -> assertThat(p).containsEntry("reason", "OFFBOARDED").containsEntry("actor", "morgan"));
        Map<String, Object> next = capture(newLead(null, uniqueEmail()));
        assertThat(next.get("owner")).as("the offboarded person gets no new work").isNotEqualTo(owner);
        Map<String, Object> health = as("morgan").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("ownerMismatches", 0).containsEntry("unassignedTasks", 0);
        // Give the person back to the team so other tests keep two SDRs.
        as("admin").put("/api/team/" + owner + "/availability", json("{\"available\": true}"));
        restore(owner);
    }

    @Test
    void engineQueriesAreBoundedWhileUnpagedContractQueriesKeepAnswering() {
        String leadId = leadOwnedBy("sam");
        assertThat(as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class))
                .as("unpaged query of the contract").hasSize(1);
        assertThat(as("admin").getForObject("/engine-rest/task?maxResults=2000", List.class)).isNotEmpty();
        ResponseEntity<Map> tooMany = as("admin").getForEntity("/engine-rest/task?firstResult=0&maxResults=2001", Map.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(tooMany.getBody().get("message"))).contains("2000");
        assertThat(as("admin").getForObject("/engine-rest/user", List.class)).as("unpaged list as admin").isNotEmpty();
    }

    @Test
    void repsSeeAndActOnlyOnTheirOwnWorkWhileManagersAndAdminsSeeAll() {
        String samLead = leadOwnedBy("sam");
        String sofiaLead = leadOwnedBy("sofia");
        Map<String, Object> sofiasTask = single(sofiaLead, LeadLifecycle.TASK_QUALIFY_LEAD);

        List<Map<String, Object>> samTasks = as("sam").getForObject("/engine-rest/task?maxResults=1000", List.class);
        assertThat(samTasks).isNotEmpty().allSatisfy(t -> assertThat(t).containsEntry("assignee", "sam"));
        assertThat(as("sam").getForObject("/engine-rest/task?processInstanceBusinessKey=" + sofiaLead, List.class)).isEmpty();
        ResponseEntity<String> foreign = as("sam").exchange("/engine-rest/task/" + sofiasTask.get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": {\"qualified\": {\"value\": false}}}"), String.class);
        assertThat(foreign.getStatusCode().value()).as(foreign.getBody()).isIn(403, 404);
        assertThat(single(sofiaLead, LeadLifecycle.TASK_QUALIFY_LEAD)).as("sofia's work is untouched").containsEntry("assignee", "sofia");

        assertThat(as("sam").getForEntity("/api/leads/" + samLead, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("sam").getForEntity("/api/leads/" + sofiaLead, Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as("sam").getForEntity("/api/leads/" + sofiaLead + "/ownership", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, Object> samsList = as("sam").getForObject("/api/leads?owner=sofia&size=500", Map.class);
        assertThat((List<Map<String, Object>>) samsList.get("content")).allSatisfy(l -> assertThat(l).containsEntry("owner", "sam"));
        assertThat(as("sam").getForEntity("/api/health/ownership", Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        for (String overseer : List.of("morgan", "admin")) {
            assertThat(as(overseer).getForEntity("/api/leads/" + sofiaLead, Map.class).getStatusCode()).as(overseer).isEqualTo(HttpStatus.OK);
            assertThat(as(overseer).getForObject("/engine-rest/task?processInstanceBusinessKey=" + sofiaLead, List.class)).as(overseer).hasSize(1);
        }
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "rogue");
        parts.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
            @Override
            public String getFilename() {
                return "rogue.bpmn";
            }
        });
        for (String nonAdmin : List.of("sam", "morgan")) {
            ResponseEntity<String> deploy = as(nonAdmin).postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, multipart), String.class);
            assertThat(deploy.getStatusCode()).as("%s deploys: %s", nonAdmin, deploy.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    /** Captures leads until one is routed to {@code user}; routing is round-robin, so this is short. */
    private String leadOwnedBy(String user) {
        for (int i = 0; i < 10; i++) {
            Map<String, Object> lead = capture(newLead(null, uniqueEmail()));
            if (user.equals(lead.get("owner"))) {
                return (String) lead.get("id");
            }
        }
        throw new AssertionError("no lead was routed to " + user);
    }

    protected abstract void restore(String userId);

    private String owner(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("owner");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> single(String leadId, String key) {
        List<Map<String, Object>> tasks = tasksOf(leadId).stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(tasks).as("open %s", key).hasSize(1);
        return tasks.get(0);
    }

    /** Completes the lead's only task of that key as its assignee, like Tasklist does; returns the assignee. */
    private String completeOnly(String leadId, String key, String variables) {
        Map<String, Object> task = single(leadId, key);
        String assignee = (String) task.get("assignee");
        ResponseEntity<String> response = as(assignee).exchange("/engine-rest/task/" + task.get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": " + variables + "}"), String.class);
        assertThat(response.getStatusCode()).as("completing %s: %s", key, response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        return assignee;
    }
}

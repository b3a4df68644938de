package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, item 6: returning reps are not flooded, and cover is real. Routing weighs the open work
 * people hold now; a cover named by the manager takes the absent rep's tasks as recorded transfers,
 * and on return the tasks still where the cover received them go back.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class CoverContract extends ApiContract {

    @BeforeEach
    @AfterEach
    void bothRepsPresent() {
        for (String rep : List.of("sam", "sofia")) {
            ResponseEntity<Map> back = availability("admin", rep, "{\"available\": true}");
            assertThat(back.getStatusCode()).as(String.valueOf(back.getBody())).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void aRepBackFromAbsenceGetsTheNextLeadsUntilTheSharesEvenOutThenTheirNormalShare() {
        evenOut();
        assertThat(availability("sofia", "sofia", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int i = 0; i < 6; i++) {
            assertThat(capture()).as("sofia is away").isEqualTo("sam");
        }
        assertThat(availability("sofia", "sofia", "{\"available\": true}").getStatusCode()).isEqualTo(HttpStatus.OK);

        List<String> catchingUp = new ArrayList<>();
        while (openTasks("sofia") < openTasks("sam") && catchingUp.size() < 20) {
            catchingUp.add(capture());
        }
        assertThat(catchingUp).as("sofia, back, gets the new leads until her share is even")
                .hasSizeBetween(5, 8).containsOnly("sofia");
        List<String> normal = List.of(capture(), capture(), capture(), capture());
        assertThat(normal).as("then her normal share").containsExactlyInAnyOrder("sam", "sam", "sofia", "sofia");
        assertThat(Math.abs(openTasks("sam") - openTasks("sofia"))).isLessThanOrEqualTo(1);
    }

    @Test
    void aRepBackFromAbsenceIsNotFloodedWithWorkTheOthersAlreadyFinished() {
        evenOut();
        assertThat(availability("morgan", "sofia", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> whileAway = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            whileAway.add(captureId("sam"));
        }
        // Sam works through them all: what he holds now is what he held before sofia left.
        for (String lead : whileAway) {
            complete("sam", single(lead, LeadLifecycle.TASK_QUALIFY_LEAD),
                    "{\"qualified\": {\"value\": false}, \"disqualifyReason\": {\"value\": \"no budget\"}}");
        }
        assertThat(availability("morgan", "sofia", "{\"available\": true}").getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            next.add(capture());
        }
        assertThat(next).as("sofia, back, gets her normal share, not the six she missed")
                .containsExactlyInAnyOrder("sam", "sam", "sofia", "sofia");
    }

    @Test
    void concurrentIntakesSeeEachOthersDecisions() throws Exception {
        long before = openTasks("sam") - openTasks("sofia");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> owners = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                owners.add(pool.submit(this::capture));
            }
            for (Future<String> owner : owners) {
                assertThat(owner.get(120, TimeUnit.SECONDS)).isIn("sam", "sofia");
            }
        } finally {
            pool.shutdownNow();
        }
        long after = Math.abs(openTasks("sam") - openTasks("sofia"));
        assertThat(after).as("difference %d before eight concurrent intakes", before)
                .isLessThanOrEqualTo(Math.max(1, Math.abs(before) - 8));
    }

    @Test
    void aRepMayMarkThemselvesAwayButNotNameTheirCover() {
        ResponseEntity<Map> refused = availability("sam", "sam", "{\"available\": false, \"cover\": \"sofia\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertProblemNaming(refused, "cover");
        assertThat(member("sam")).as("nothing changed").containsEntry("available", true);
        ResponseEntity<Map> peer = availability("sofia", "sam", "{\"available\": false, \"cover\": \"sofia\"}");
        assertThat(peer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(member("sam")).containsEntry("available", true);

        ResponseEntity<Map> away = availability("sam", "sam", "{\"available\": false}");
        assertThat(away.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(away.getBody()).containsEntry("available", false).containsEntry("tasksMoved", 0);
    }

    @Test
    void aCoverIsAnActivePresentMemberOfTheSameTeam() {
        for (String cover : List.of("alex", "ghost-nobody", "sam", "", "morgan")) {
            ResponseEntity<Map> invalid = availability("morgan", "sam", "{\"available\": false, \"cover\": \"" + cover + "\"}");
            assertThat(invalid.getStatusCode()).as(cover).isEqualTo(HttpStatus.BAD_REQUEST);
            assertProblemNaming(invalid, "cover");
        }
        assertThat(availability("morgan", "sofia", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> awayCover = availability("morgan", "sam", "{\"available\": false, \"cover\": \"sofia\"}");
        assertThat(awayCover.getStatusCode()).as("a cover who is away").isEqualTo(HttpStatus.BAD_REQUEST);
        assertProblemNaming(awayCover, "cover");
        assertThat(availability("morgan", "sofia", "{\"available\": true}").getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> returning = availability("morgan", "sam", "{\"available\": true, \"cover\": \"sofia\"}");
        assertThat(returning.getStatusCode()).as("a cover only when going away").isEqualTo(HttpStatus.BAD_REQUEST);
        assertProblemNaming(returning, "cover");
        assertThat(member("sam")).as("nothing changed").containsEntry("available", true);

        ResponseEntity<Map> unknown = availability("morgan", "ghost-nobody", "{\"available\": false}");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ResponseEntity<Map> noBoolean = availability("morgan", "sam", "{\"cover\": \"sofia\"}");
        assertThat(noBoolean.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(member("sam")).containsEntry("available", true);
    }

    @Test
    void theManagersCoverTakesTheAbsentRepsTasksAndTheUntouchedOnesGoBackOnReturn() {
        // Three leads of sam's own, one of them qualified and so at its handoff checklist.
        assertThat(availability("morgan", "sofia", "{\"available\": false}").getStatusCode()).isEqualTo(HttpStatus.OK);
        String untouched = captureId("sam");
        String advanced = captureId("sam");
        String preparing = captureId("sam");
        assertThat(availability("morgan", "sofia", "{\"available\": true}").getStatusCode()).isEqualTo(HttpStatus.OK);
        complete("sam", single(preparing, LeadLifecycle.TASK_QUALIFY_LEAD), "{\"qualified\": {\"value\": true}}");
        Map<String, Object> checklist = single(preparing, HandoffProcess.TASK_PREPARE);
        assertThat(checklist).containsEntry("assignee", "sam");
        Map<String, Object> samsTask = single(untouched, LeadLifecycle.TASK_QUALIFY_LEAD);
        long samsOpen = openTasks("sam");

        ResponseEntity<Map> covered = availability("morgan", "sam", "{\"available\": false, \"cover\": \"sofia\"}");
        assertThat(covered.getStatusCode()).as(String.valueOf(covered.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(covered.getBody()).containsEntry("available", false).containsEntry("cover", "sofia")
                .containsEntry("tasksMoved", (int) samsOpen);
        assertThat(openTasks("sam")).as("every open task of sam moved").isZero();
        for (String lead : List.of(untouched, advanced, preparing)) {
            assertThat(tasksOf(lead)).allSatisfy(t -> assertThat(t).containsEntry("assignee", "sofia"));
            assertThat(owner(lead)).isEqualTo("sofia");
            assertThat(ownership(lead)).last().satisfies(p -> assertThat(p)
                    .containsEntry("owner", "sofia").containsEntry("reason", "COVER").containsEntry("actor", "morgan").doesNotContainKey("to"));
        }
        ResponseEntity<String> samCompletes = as("sam").exchange("/engine-rest/task/" + samsTask.get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": {\"qualified\": {\"value\": false}, \"disqualifyReason\": {\"value\": \"no budget\"}}}"), String.class);
        assertThat(samCompletes.getStatusCode().value()).as(samCompletes.getBody()).isIn(403, 404);
        assertThat(single(untouched, LeadLifecycle.TASK_QUALIFY_LEAD)).as("still open, with the cover").containsEntry("assignee", "sofia");
        assertThat(capture()).as("sam is away: new leads go to sofia").isEqualTo("sofia");
        assertHealthy();

        // The cover advances one lead; the other two stay where she received them.
        complete("sofia", single(advanced, LeadLifecycle.TASK_QUALIFY_LEAD), "{\"qualified\": {\"value\": true}}");
        assertThat(single(advanced, HandoffProcess.TASK_PREPARE)).containsEntry("assignee", "sofia");
        assertHealthy();

        ResponseEntity<Map> back = availability("sam", "sam", "{\"available\": true}");
        assertThat(back.getStatusCode()).as(String.valueOf(back.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(back.getBody()).containsEntry("available", true).containsEntry("tasksKept", 1)
                .containsEntry("tasksReturned", (int) samsOpen - 1);
        for (String lead : List.of(untouched, preparing)) {
            assertThat(tasksOf(lead)).allSatisfy(t -> assertThat(t).containsEntry("assignee", "sam"));
            assertThat(owner(lead)).isEqualTo("sam");
            assertThat(ownership(lead)).last().satisfies(p -> assertThat(p)
                    .containsEntry("owner", "sam").containsEntry("reason", "COVER_RETURN").containsEntry("actor", "sam"));
        }
        assertThat(single(untouched, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("id", samsTask.get("id"));
        assertThat(single(preparing, HandoffProcess.TASK_PREPARE)).containsEntry("id", checklist.get("id"));
        assertThat(owner(advanced)).as("work the cover advanced stays with her").isEqualTo("sofia");
        assertThat(single(advanced, HandoffProcess.TASK_PREPARE)).containsEntry("assignee", "sofia");
        assertThat(ownership(advanced)).last().satisfies(p -> assertThat(p).containsEntry("owner", "sofia").containsEntry("reason", "COVER"));
        assertThat(jdbc.queryForList("select outcome from baton_cover_move where lead_id = ?", String.class, advanced)).containsExactly("KEPT");
        assertThat(jdbc.queryForList("select outcome from baton_cover_move where lead_id = ?", String.class, untouched)).containsExactly("RETURNED");

        ResponseEntity<String> sofiaCompletes = as("sofia").exchange("/engine-rest/task/" + samsTask.get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": {\"qualified\": {\"value\": true}}}"), String.class);
        assertThat(sofiaCompletes.getStatusCode().value()).as("the cover lets go on return: " + sofiaCompletes.getBody()).isIn(403, 404);
        complete("sam", single(untouched, LeadLifecycle.TASK_QUALIFY_LEAD), "{\"qualified\": {\"value\": true}}");
        assertHealthy();
    }

    /** New leads go to whichever rep holds less open work, until they hold about the same. */
    private void evenOut() {
        for (int i = 0; i < 60 && Math.abs(openTasks("sam") - openTasks("sofia")) > 1; i++) {
            String lighter = openTasks("sam") < openTasks("sofia") ? "sam" : "sofia";
            assertThat(capture()).as("the rep holding less open work").isEqualTo(lighter);
        }
    }

    private ResponseEntity<Map> availability(String caller, String userId, String body) {
        return as(caller).exchange("/api/team/" + userId + "/availability", HttpMethod.PUT, json(body), Map.class);
    }

    private Map<String, Object> member(String userId) {
        List<Map<String, Object>> everyone = as("admin").getForObject("/api/team", List.class);
        return everyone.stream().filter(m -> userId.equals(m.get("userId"))).findFirst().orElseThrow();
    }

    /** A new SDR lead with a domain of its own (no account match); returns its routed owner. */
    private String capture() {
        return (String) captureLead().get("owner");
    }

    private String captureId(String expectedOwner) {
        Map<String, Object> lead = captureLead();
        assertThat(lead.get("owner")).isEqualTo(expectedOwner);
        return (String) lead.get("id");
    }

    private Map<String, Object> captureLead() {
        String email = "cover@" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(lead(null, email)), Map.class);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private long openTasks(String user) {
        Map<String, Object> count = as("admin").getForObject("/engine-rest/task/count?assignee=" + user, Map.class);
        return ((Number) count.get("count")).longValue();
    }

    private List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    private Map<String, Object> single(String leadId, String key) {
        List<Map<String, Object>> tasks = tasksOf(leadId).stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(tasks).as("open %s of %s", key, leadId).hasSize(1);
        return tasks.get(0);
    }

    private void complete(String user, Map<String, Object> task, String variables) {
        ResponseEntity<String> response = as(user).exchange("/engine-rest/task/" + task.get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": " + variables + "}"), String.class);
        assertThat(response.getStatusCode()).as("%s completes %s: %s", user, task.get("taskDefinitionKey"), response.getBody())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    private String owner(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("owner");
    }

    private List<Map<String, Object>> ownership(String leadId) {
        return as("morgan").getForObject("/api/leads/" + leadId + "/ownership", List.class);
    }

    private void assertHealthy() {
        Map<String, Object> health = as("morgan").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }

    private static void assertProblemNaming(ResponseEntity<Map> response, String field) {
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, Object>>) response.getBody().get("errors")).extracting(e -> e.get("field")).contains(field);
    }
}

package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.testing.ApiContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 13, items 5 and 6 as the attacks a hostile user sends: duplicates that would reveal someone
 * else's lead, closing a lead one does not own, directory changes outside one's reporting line, and a
 * rep rewriting their own Camunda user. Each test checks the refusal and that nothing changed.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class LeadAuthorityContract extends ApiContract {

    private static String uniqueEmail() {
        return "authority-" + UUID.randomUUID() + "@example.com";
    }

    private Map<String, Object> capture(String body) {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(body), Map.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
        return response.getBody();
    }

    /** Captures leads until one is routed to {@code user}; routing is round-robin, so this is short. */
    private Map<String, Object> leadOwnedBy(String user, String externalId) {
        for (int i = 0; i < 10; i++) {
            Map<String, Object> lead = capture(lead(externalId == null ? null : externalId + "-" + i, uniqueEmail()));
            if (user.equals(lead.get("owner"))) {
                return lead;
            }
        }
        throw new AssertionError("no lead was routed to " + user);
    }

    private Map<String, Object> leadAsAdmin(String id) {
        return as("admin").getForObject("/api/leads/" + id, Map.class);
    }

    private List<Map<String, Object>> ledger(String id) {
        return as("admin").getForObject("/api/leads/" + id + "/ownership", List.class);
    }

    private List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    private long leadsWithEmail(String email) {
        return jdbc.queryForObject("select count(*) from baton_lead where lower(email) = ?", Long.class, email.toLowerCase());
    }

    private void assertOwnershipHealthy() {
        Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }

    /** A problem+json body that carries nothing of the lead: no id, owner, status text or e-mail. */
    private static void assertNoLeadData(ResponseEntity<Map> response, Map<String, Object> lead) {
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).doesNotContainKeys("id", "owner", "email", "stage", "externalId");
        String body = String.valueOf(response.getBody());
        assertThat(body).doesNotContain((String) lead.get("id")).doesNotContain((String) lead.get("email"))
                .doesNotContain((String) lead.get("owner"));
    }

    // --- item 5: a duplicate tells nothing to someone who may not read the original ---------------

    @Test
    void repPostingAnotherRepsExternalIdGets409WithoutLeadDataAndNothingIsStored() {
        Map<String, Object> sofias = leadOwnedBy("sofia", "crm-" + UUID.randomUUID());
        String probeEmail = uniqueEmail();

        ResponseEntity<Map> probe = as("sam").postForEntity("/api/leads", json(lead((String) sofias.get("externalId"), probeEmail)), Map.class);

        assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertNoLeadData(probe, sofias);
        assertThat((List<Map<String, Object>>) probe.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("externalId");
        assertThat(leadsWithEmail(probeEmail)).as("nothing stored").isZero();
        assertThat(tasksOf((String) sofias.get("id"))).as("no second process").hasSize(1);
    }

    @Test
    void repPostingAnotherRepsOpenLeadEmailGets409WithoutLeadData() {
        Map<String, Object> sofias = leadOwnedBy("sofia", null);
        String email = (String) sofias.get("email");

        ResponseEntity<Map> probe = as("alex").postForEntity("/api/leads", json(lead(null, email.toUpperCase())), Map.class);

        assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertNoLeadData(probe, sofias);
        assertThat((List<Map<String, Object>>) probe.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("email");
        assertThat(leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void ownerAndManagerPostingADuplicateStillGetTheExistingLead() {
        String externalId = "crm-" + UUID.randomUUID();
        Map<String, Object> sams = leadOwnedBy("sam", externalId);
        for (String reader : List.of("sam", "morgan", "hana", "admin")) {
            ResponseEntity<Map> again = as(reader).postForEntity("/api/leads", json(lead((String) sams.get("externalId"), uniqueEmail())), Map.class);
            assertThat(again.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(again.getBody()).as(reader).containsEntry("id", sams.get("id")).containsEntry("owner", "sam");
        }
    }

    @Test
    void unsubscribedContactIsNotCapturedAgainAndOnlyReadersLearnItsLead() {
        Map<String, Object> lead = capture(lead(null, uniqueEmail()));
        String id = (String) lead.get("id");
        assertThat(as("mara").postForEntity("/api/leads/" + id + "/unsubscribe", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> again = as("mara").postForEntity("/api/leads", json(lead(null, ((String) lead.get("email")).toUpperCase())), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("id", id).containsEntry("status", "UNSUBSCRIBED");
        ResponseEntity<Map> stranger = as("alex").postForEntity("/api/leads", json(lead("new-" + UUID.randomUUID(), (String) lead.get("email"))), Map.class);
        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertNoLeadData(stranger, lead);

        assertThat(leadsWithEmail((String) lead.get("email"))).as("captured once").isEqualTo(1);
        assertThat(tasksOf(id)).as("nothing started").isEmpty();
    }

    @Test
    void repImportingAnotherRepsLeadSeesTheRowAsDuplicateWithoutItsIdWhileAManagerSeesIt() {
        Map<String, Object> sofias = leadOwnedBy("sofia", "imp-" + UUID.randomUUID());
        String csv = "externalId,email,source\n" + sofias.get("externalId") + "," + uniqueEmail() + ",web\n";
        String imported = importAs("sam", csv);

        ResponseEntity<Map> samsView = as("sam").getForEntity("/api/imports/" + imported + "/rows?outcome=DUPLICATE", Map.class);
        assertThat(samsView.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) samsView.getBody().get("content");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("outcome", "DUPLICATE").doesNotContainKey("leadId"));
        assertThat(String.valueOf(samsView.getBody())).doesNotContain((String) sofias.get("id")).doesNotContain("sofia");
        assertThat(String.valueOf(as("sam").getForObject("/api/imports/" + imported, Map.class))).doesNotContain((String) sofias.get("id"));

        List<Map<String, Object>> managersRows = (List<Map<String, Object>>) as("morgan")
                .getForObject("/api/imports/" + imported + "/rows?outcome=DUPLICATE", Map.class).get("content");
        assertThat(managersRows).singleElement().satisfies(row -> assertThat(row).containsEntry("leadId", sofias.get("id")));
    }

    @Test
    void repReadingAnotherRepsImportIsToldItDoesNotExist() {
        String imported = importAs("sam", "externalId,email,source\nimp-" + UUID.randomUUID() + "," + uniqueEmail() + ",web\n");
        for (String path : List.of("/api/imports/" + imported, "/api/imports/" + imported + "/rows")) {
            ResponseEntity<Map> foreign = as("sofia").getForEntity(path, Map.class);
            assertThat(foreign.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(foreign.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(String.valueOf(foreign.getBody())).doesNotContain("sam");
            ResponseEntity<Map> marketing = as("mara").getForEntity(path, Map.class);
            assertThat(marketing.getStatusCode()).as("mara " + path).isEqualTo(HttpStatus.NOT_FOUND);
        }
        for (String reader : List.of("sam", "morgan", "admin")) {
            assertThat(as(reader).getForEntity("/api/imports/" + imported, Map.class).getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
        }
    }

    private String importAs(String user, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<Map> accepted = as(user).postForEntity("/api/leads/import", new HttpEntity<>(csv, headers), Map.class);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) accepted.getBody().get("id");
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(user).getForObject("/api/imports/" + id, Map.class).get("status"), status -> "DONE".equals(status));
        return id;
    }

    // --- item 6: closing needs authority ----------------------------------------------------------

    @Test
    void formerOwnerAfterAnAcceptedHandoffCannotMarkTheLeadLost() {
        String id = (String) capture(lead(null, uniqueEmail())).get("id");
        String sdr = completeOnly(id, LeadLifecycle.TASK_QUALIFY_LEAD, "{\"qualified\": {\"value\": true}}");
        completeOnly(id, HandoffProcess.TASK_PREPARE, """
                {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
                 "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot in Q3"}}""");
        String ae = completeOnly(id, HandoffProcess.TASK_ACCEPT, "{\"accepted\": {\"value\": true}}");
        assertThat(leadAsAdmin(id)).containsEntry("owner", ae);
        List<Map<String, Object>> ledgerBefore = ledger(id);
        List<Map<String, Object>> tasksBefore = tasksOf(id);

        for (String stop : List.of("lost", "unsubscribe")) {
            ResponseEntity<Map> refused = as(sdr).postForEntity("/api/leads/" + id + "/" + stop, null, Map.class);
            assertThat(refused.getStatusCode().value()).as(stop).isIn(403, 404);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }

        assertThat(leadAsAdmin(id)).containsEntry("status", "OPEN").containsEntry("owner", ae);
        assertThat(ledger(id)).isEqualTo(ledgerBefore);
        assertThat(tasksOf(id)).isEqualTo(tasksBefore);
        assertOwnershipHealthy();
    }

    @Test
    void repWhoDoesNotOwnTheLeadCannotMarkItLostOrUnsubscribeIt() {
        String id = (String) leadOwnedBy("sam", null).get("id");
        List<Map<String, Object>> ledgerBefore = ledger(id);
        for (String stranger : List.of("sofia", "alex", "dana")) {
            for (String stop : List.of("lost", "unsubscribe")) {
                ResponseEntity<Map> refused = as(stranger).postForEntity("/api/leads/" + id + "/" + stop, null, Map.class);
                assertThat(refused.getStatusCode()).as(stranger + " " + stop).isEqualTo(HttpStatus.NOT_FOUND);
            }
        }
        assertThat(leadAsAdmin(id)).containsEntry("status", "OPEN").containsEntry("owner", "sam");
        assertThat(ledger(id)).isEqualTo(ledgerBefore);
        assertThat(tasksOf(id)).hasSize(1);
    }

    @Test
    void managerOutsideTheOwnersLineCannotMarkItLost() {
        // dana reports to hana; morgan is hana's report, not dana's manager.
        String id = (String) leadOwnedBy("sam", null).get("id");
        jdbc.update("update baton_lead set owner = 'dana' where id = ?", id);
        try {
            ResponseEntity<Map> refused = as("morgan").postForEntity("/api/leads/" + id + "/lost", null, Map.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(leadAsAdmin(id)).containsEntry("status", "OPEN");
        } finally {
            jdbc.update("update baton_lead set owner = 'sam' where id = ?", id);
        }
    }

    @Test
    void marketingMayUnsubscribeButNotMarkLost() {
        String id = (String) leadOwnedBy("sam", null).get("id");
        List<Map<String, Object>> ledgerBefore = ledger(id);

        ResponseEntity<Map> lost = as("mara").postForEntity("/api/leads/" + id + "/lost", null, Map.class);
        assertThat(lost.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(lost.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(leadAsAdmin(id)).containsEntry("status", "OPEN");
        assertThat(ledger(id)).isEqualTo(ledgerBefore);

        ResponseEntity<Map> unsubscribed = as("mara").postForEntity("/api/leads/" + id + "/unsubscribe", null, Map.class);
        assertThat(unsubscribed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unsubscribed.getBody()).containsEntry("status", "UNSUBSCRIBED");
    }

    @Test
    void ownerAndManagersUpTheOwnersLineMayMarkLost() {
        for (String closer : List.of("sam", "morgan", "hana", "admin")) {
            String id = (String) leadOwnedBy("sam", null).get("id");
            ResponseEntity<Map> lost = as(closer).postForEntity("/api/leads/" + id + "/lost", null, Map.class);
            assertThat(lost.getStatusCode()).as(closer).isEqualTo(HttpStatus.OK);
            assertThat(lost.getBody()).as(closer).containsEntry("status", "LOST");
            assertThat(tasksOf(id)).as(closer).isEmpty();
            assertThat(ledger(id)).as(closer).allSatisfy(period -> assertThat(period.get("to")).isNotNull());
        }
        assertOwnershipHealthy();
    }

    // --- item 6: people changes need authority ----------------------------------------------------

    @Test
    void managerCannotOffboardHisOwnManagerOrTheAdministrator() {
        Map<String, Object> hanaBefore = member("hana");
        for (String target : List.of("hana", "admin", "morgan", "dana")) {
            ResponseEntity<Map> refused = as("morgan").postForEntity("/api/team/" + target + "/offboard", json("{\"successor\": \"sam\"}"), Map.class);
            assertThat(refused.getStatusCode()).as(target).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<Map> handOut = as("morgan").postForEntity("/api/team/sam/offboard", json("{\"successor\": \"dana\"}"), Map.class);
        assertThat(handOut.getStatusCode()).as("work handed outside the line").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(member("hana")).isEqualTo(hanaBefore);
        assertThat(member("sam")).containsEntry("offboarded", false);
    }

    @Test
    void managerCannotChangeOrClearHisOwnManagerNorPullSomeoneFromOutsideHisLine() {
        Map<String, Object> morganBefore = member("morgan");
        Map<String, Object> danaBefore = member("dana");
        List<String> attacks = List.of(
                "/api/team/morgan|{\"team\": \"managers\", \"managerId\": null, \"capacity\": 1}",
                "/api/team/morgan|{\"team\": \"managers\", \"managerId\": \"sam\", \"capacity\": 1}",
                "/api/team/dana|{\"team\": \"delivery\", \"managerId\": \"morgan\", \"capacity\": 1}",
                "/api/team/hana|{\"team\": \"managers\", \"managerId\": \"morgan\", \"capacity\": 1}",
                "/api/team/sam|{\"team\": \"sdr\", \"managerId\": \"hana\", \"capacity\": 1}",
                "/api/team/dana/availability|{\"available\": false}");
        for (String attack : attacks) {
            String[] request = attack.split("\\|");
            ResponseEntity<Map> refused = as("morgan").exchange(request[0], HttpMethod.PUT, json(request[1]), Map.class);
            assertThat(refused.getStatusCode()).as(attack).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(member("morgan")).isEqualTo(morganBefore);
        assertThat(member("dana")).isEqualTo(danaBefore);
        assertThat(member("sam")).containsEntry("managerId", "morgan");

        // Inside the line it works; hana manages morgan and through him sam.
        assertThat(as("morgan").exchange("/api/team/sam", HttpMethod.PUT, json("{\"team\": \"sdr\", \"managerId\": \"morgan\", \"capacity\": 1}"),
                Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("hana").exchange("/api/team/morgan", HttpMethod.PUT, json("{\"team\": \"managers\", \"managerId\": \"hana\", \"capacity\": 1}"),
                Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("hana").exchange("/api/team/sam/availability", HttpMethod.PUT, json("{\"available\": true}"), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> cycle = as("hana").exchange("/api/team/morgan", HttpMethod.PUT,
                json("{\"team\": \"managers\", \"managerId\": \"sam\", \"capacity\": 1}"), Map.class);
        assertThat(cycle.getStatusCode()).as("a reporting cycle").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, Object>>) cycle.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("managerId");
        assertThat(member("morgan")).isEqualTo(morganBefore);
    }

    private Map<String, Object> member(String userId) {
        List<Map<String, Object>> everyone = as("admin").getForObject("/api/team", List.class);
        return everyone.stream().filter(m -> userId.equals(m.get("userId"))).findFirst().orElseThrow();
    }

    @Test
    void repCannotRenameOrDeleteHisOwnCamundaUser() {
        Map<String, Object> before = as("admin").getForObject("/engine-rest/user/sam/profile", Map.class);
        ResponseEntity<String> rename = as("sam").exchange("/engine-rest/user/sam/profile", HttpMethod.PUT,
                json("{\"id\": \"sam\", \"firstName\": \"Nobody\", \"lastName\": \"Left\", \"email\": \"sam@evil.example\"}"), String.class);
        assertThat(rename.getStatusCode()).as(rename.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> delete = as("sam").exchange("/engine-rest/user/sam", HttpMethod.DELETE, null, String.class);
        assertThat(delete.getStatusCode()).as(delete.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> credentials = as("sam").exchange("/engine-rest/user/sam/credentials", HttpMethod.PUT,
                json("{\"password\": \"a-new-secret\", \"authenticatedUserPassword\": \"sam\"}"), String.class);
        assertThat(credentials.getStatusCode()).as(credentials.getBody()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(as("admin").getForObject("/engine-rest/user/sam/profile", Map.class)).isEqualTo(before);
        assertThat(as("sam").getForEntity("/api/leads", Map.class).getStatusCode()).as("sam:sam still logs in").isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("""
                select count(*) from act_ru_authorization where resource_type_ = 1 and user_id_ = resource_id_ and perms_ <> 2""", Long.class))
                .as("every own-user grant is READ").isZero();
    }

    @Test
    void passwordChangeNeedsTheOldPasswordAndAStrongNewOneAndRetiresTheOld() {
        String user = "pw" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ResponseEntity<String> created = as("admin").postForEntity("/engine-rest/user/create", json("""
                {"profile": {"id": "%s", "firstName": "Pat", "lastName": "Word", "email": "%s@example.com"},
                 "credentials": {"password": "first-password-1"}}""".formatted(user, user)), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        TestRestTemplate withOld = http.withBasicAuth(user, "first-password-1");

        ResponseEntity<Map> wrongOld = withOld.exchange("/api/me/password", HttpMethod.PUT,
                json("{\"oldPassword\": \"guess-1234\", \"newPassword\": \"second-password-2\"}"), Map.class);
        assertThat(wrongOld.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, Object>>) wrongOld.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("oldPassword");
        liftLoginDelay(user);
        for (String weak : List.of("short", user + "-123")) {
            ResponseEntity<Map> refused = withOld.exchange("/api/me/password", HttpMethod.PUT,
                    json("{\"oldPassword\": \"first-password-1\", \"newPassword\": \"" + weak + "\"}"), Map.class);
            assertThat(refused.getStatusCode()).as(weak).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((List<Map<String, Object>>) refused.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("newPassword");
        }
        assertThat(withOld.getForEntity("/api/leads", Map.class).getStatusCode()).as("refusals changed nothing").isEqualTo(HttpStatus.OK);

        ResponseEntity<String> changed = withOld.exchange("/api/me/password", HttpMethod.PUT,
                json("{\"oldPassword\": \"first-password-1\", \"newPassword\": \"second-password-2\"}"), String.class);
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(http.withBasicAuth(user, "second-password-2").getForEntity("/api/leads", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withOld.getForEntity("/api/leads", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        liftLoginDelay(user);
        ResponseEntity<String> selfDelete = http.withBasicAuth(user, "second-password-2")
                .exchange("/engine-rest/user/" + user, HttpMethod.DELETE, null, String.class);
        assertThat(selfDelete.getStatusCode()).as("a new user's own record is READ too").isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** Camunda delays the next login after a wrong password; the test lifts that delay instead of waiting it out. */
    private void liftLoginDelay(String user) {
        jdbc.update("update act_id_user set attempts_ = 0, lock_exp_time_ = null where id_ = ?", user);
    }

    /** Completes the lead's only task of that key as its assignee, like Tasklist does; returns the assignee. */
    private String completeOnly(String leadId, String key, String variables) {
        List<Map<String, Object>> tasks = tasksOf(leadId).stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(tasks).as("open %s", key).hasSize(1);
        String assignee = (String) tasks.get(0).get("assignee");
        ResponseEntity<String> response = as(assignee).exchange("/engine-rest/task/" + tasks.get(0).get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": " + variables + "}"), String.class);
        assertThat(response.getStatusCode()).as("completing %s: %s", key, response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        return assignee;
    }
}

package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ApiContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, item 5: stop conditions are remembered. An unsubscribed contact comes back only through a
 * recorded re-consent by marketing, a manager or an admin, and then as a new lead linked to the old
 * one; a lost contact captured again starts a new lifecycle linked to the lost lead.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class ReconsentContract extends ApiContract {

    private static String uniqueEmail() {
        return "consent-" + UUID.randomUUID() + "@example.com";
    }

    private static String evidence(String text) {
        return "{\"evidence\": \"" + text + "\"}";
    }

    private ResponseEntity<Map> post(String user, String body) {
        return as(user).postForEntity("/api/leads", json(body), Map.class);
    }

    private Map<String, Object> created(String body) {
        ResponseEntity<Map> response = post("mara", body);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private ResponseEntity<Map> reconsent(String user, String leadId, String body) {
        return as(user).postForEntity("/api/leads/" + leadId + "/reconsent", json(body), Map.class);
    }

    /** A captured lead, unsubscribed by marketing; returns it as it is now. */
    private Map<String, Object> unsubscribedLead() {
        String id = (String) created(lead(null, uniqueEmail())).get("id");
        ResponseEntity<Map> unsubscribed = as("mara").postForEntity("/api/leads/" + id + "/unsubscribe", null, Map.class);
        assertThat(unsubscribed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unsubscribed.getBody()).containsEntry("status", "UNSUBSCRIBED");
        return unsubscribed.getBody();
    }

    private Map<String, Object> lostLead(String externalId) {
        String id = (String) created(lead(externalId, uniqueEmail())).get("id");
        ResponseEntity<Map> lost = as("admin").postForEntity("/api/leads/" + id + "/lost", null, Map.class);
        assertThat(lost.getStatusCode()).isEqualTo(HttpStatus.OK);
        return lost.getBody();
    }

    private Map<String, Object> leadAsAdmin(String id) {
        return as("admin").getForObject("/api/leads/" + id, Map.class);
    }

    private List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    private List<Map<String, Object>> consents(String leadId) {
        return jdbc.queryForList("select actor, evidence, email from baton_consent where lead_id = ? order by id", leadId);
    }

    private long leadsWithEmail(String email) {
        return jdbc.queryForObject("select count(*) from baton_lead where lower(email) = ?", Long.class, email.toLowerCase());
    }

    /** The unsubscribed contact is still turned away: re-capture answers with the old lead and starts nothing. */
    private void assertStillSuppressed(Map<String, Object> unsubscribed) {
        String id = (String) unsubscribed.get("id");
        String email = (String) unsubscribed.get("email");
        ResponseEntity<Map> again = post("mara", lead(null, email));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("id", id).containsEntry("status", "UNSUBSCRIBED");
        assertThat(leadsWithEmail(email)).as("captured once").isEqualTo(1);
        assertThat(tasksOf(id)).as("nothing started").isEmpty();
    }

    private void assertOwnershipHealthy() {
        Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }

    private static List<Object> errorFields(ResponseEntity<Map> response) {
        return ((List<Map<String, Object>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }

    // --- the unsubscribed contact stays out ---------------------------------------------------------

    @Test
    void unsubscribedContactCapturedAgainWithANewExternalIdGetsTheUnsubscribedLeadAndNothingStarts() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        ResponseEntity<Map> again = post("mara", lead("crm-" + UUID.randomUUID(), ((String) unsubscribed.get("email")).toUpperCase()));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("id", unsubscribed.get("id")).containsEntry("status", "UNSUBSCRIBED");
        assertStillSuppressed(unsubscribed);
    }

    @Test
    void importingAnUnsubscribedContactIsADuplicateRowAndStartsNothing() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        String imported = importAs("morgan", "externalId,email,source\nimp-" + UUID.randomUUID() + "," + unsubscribed.get("email") + ",web\n");

        List<Map<String, Object>> rows = (List<Map<String, Object>>) as("morgan")
                .getForObject("/api/imports/" + imported + "/rows", Map.class).get("content");
        assertThat(rows).singleElement().satisfies(row ->
                assertThat(row).containsEntry("outcome", "DUPLICATE").containsEntry("leadId", unsubscribed.get("id")));
        assertStillSuppressed(unsubscribed);
    }

    // --- re-consent is the way back ------------------------------------------------------------------

    @Test
    void marketingReconsentLiftsTheSuppressionRecordsWhoAndWhyAndLeavesTheOldLeadClosed() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        String id = (String) unsubscribed.get("id");

        ResponseEntity<Map> reconsented = reconsent("mara", id, evidence("Replied to the webinar invite on 2026-12-01, asked to hear from us again"));

        assertThat(reconsented.getStatusCode()).as(String.valueOf(reconsented.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(reconsented.getBody()).containsEntry("id", id).containsEntry("status", "UNSUBSCRIBED").doesNotContainKey("owner")
                .containsEntry("closedAt", unsubscribed.get("closedAt"));
        assertThat((Map<String, Object>) reconsented.getBody().get("reconsent")).containsEntry("by", "mara").containsKey("at");
        assertThat((Map<String, Object>) leadAsAdmin(id).get("reconsent")).containsEntry("by", "mara")
                .containsEntry("evidence", "Replied to the webinar invite on 2026-12-01, asked to hear from us again");
        assertThat(consents(id)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("actor", "mara").containsEntry("email", unsubscribed.get("email"))
                .containsEntry("evidence", "Replied to the webinar invite on 2026-12-01, asked to hear from us again"));
        assertThat(tasksOf(id)).as("the old lead is not reopened").isEmpty();
        assertThat(leadAsAdmin(id)).containsEntry("status", "UNSUBSCRIBED").containsEntry("stage", "closed");
    }

    @Test
    void afterReconsentTheSameEmailStartsANewLeadWithItsOwnLifecycleLinkedToTheUnsubscribedOne() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        String oldId = (String) unsubscribed.get("id");
        assertThat(reconsent("morgan", oldId, evidence("Signed consent form, ticket 4711")).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> captured = post("mara", lead(null, ((String) unsubscribed.get("email")).toUpperCase()));

        assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String newId = (String) captured.getBody().get("id");
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(captured.getBody()).containsEntry("status", "OPEN").containsEntry("previousLeadId", oldId);
        assertThat(captured.getBody().get("owner")).isNotNull();
        assertThat(tasksOf(newId)).as("a new lifecycle").singleElement()
                .satisfies(task -> assertThat(task).containsEntry("assignee", captured.getBody().get("owner")));
        assertThat(leadAsAdmin(newId)).containsEntry("previousLeadId", oldId);
        assertThat(leadAsAdmin(oldId)).containsEntry("status", "UNSUBSCRIBED");
        assertThat(tasksOf(oldId)).isEmpty();

        ResponseEntity<Map> retry = post("mara", lead(null, (String) unsubscribed.get("email")));
        assertThat(retry.getStatusCode()).as("the new lead holds the contact now").isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody()).containsEntry("id", newId);
        assertOwnershipHealthy();
    }

    @Test
    void managersAndAdminsMayReconsentToo() {
        for (String user : List.of("morgan", "hana", "admin")) {
            String id = (String) unsubscribedLead().get("id");
            ResponseEntity<Map> reconsented = reconsent(user, id, evidence("Opted in again at the trade fair"));
            assertThat(reconsented.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(consents(id)).as(user).extracting(row -> row.get("actor")).containsExactly(user);
        }
    }

    @Test
    void repReconsentingAnUnsubscribedContactIsRefusedAndTheContactStaysSuppressed() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        String id = (String) unsubscribed.get("id");

        for (String rep : List.of("sam", "sofia", "alex", "dana", "devon")) {
            ResponseEntity<Map> refused = reconsent(rep, id, evidence("I talked to them, they are fine with it"));
            assertThat(refused.getStatusCode()).as(rep).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).as(rep).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }

        assertThat(consents(id)).as("nothing recorded").isEmpty();
        assertThat(leadAsAdmin(id)).doesNotContainKey("reconsent").containsEntry("status", "UNSUBSCRIBED");
        assertStillSuppressed(unsubscribed);
    }

    @Test
    void reconsentWithoutUsableEvidenceIs400NamingEvidenceAndChangesNothing() {
        Map<String, Object> unsubscribed = unsubscribedLead();
        String id = (String) unsubscribed.get("id");

        for (String body : List.of("{}", "{\"evidence\": null}", evidence("   "), evidence("x".repeat(2001)),
                evidence("consent\u200Bgiven"), evidence("consent \u202Egiven"))) {
            ResponseEntity<Map> refused = reconsent("mara", id, body);
            assertThat(refused.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(errorFields(refused)).as(body).containsExactly("evidence");
        }
        ResponseEntity<Map> unknownField = reconsent("mara", id, "{\"evidence\": \"ok\", \"status\": \"OPEN\"}");
        assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(consents(id)).isEmpty();
        assertStillSuppressed(unsubscribed);

        // The longest evidence allowed, with line breaks, is kept as sent.
        String longest = "a\\n" + "b".repeat(1998);
        assertThat(reconsent("mara", id, evidence(longest)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(consents(id)).singleElement().satisfies(row -> assertThat(row.get("evidence")).isEqualTo("a\n" + "b".repeat(1998)));
    }

    @Test
    void reconsentOfALeadThatIsNotUnsubscribedIs409NamingStatusAndChangesNothing() {
        Map<String, Object> open = created(lead(null, uniqueEmail()));
        Map<String, Object> lost = lostLead(null);

        for (Map<String, Object> lead : List.of(open, lost)) {
            String id = (String) lead.get("id");
            ResponseEntity<Map> refused = reconsent("mara", id, evidence("They asked us to call"));
            assertThat(refused.getStatusCode()).as(id).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(errorFields(refused)).containsExactly("status");
            assertThat(consents(id)).isEmpty();
        }
        assertThat(leadAsAdmin((String) open.get("id"))).containsEntry("status", "OPEN").containsEntry("owner", open.get("owner"));
        assertThat(tasksOf((String) open.get("id"))).hasSize(1);
        assertThat(leadAsAdmin((String) lost.get("id"))).containsEntry("status", "LOST");
    }

    @Test
    void secondReconsentOfTheSameLeadIs409AndRecordsNothingMore() {
        String id = (String) unsubscribedLead().get("id");
        assertThat(reconsent("mara", id, evidence("First call")).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> again = reconsent("morgan", id, evidence("Second call"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errorFields(again)).containsExactly("status");
        assertThat(consents(id)).extracting(row -> row.get("actor")).containsExactly("mara");
    }

    @Test
    void reconsentOfAnUnknownLeadIs404() {
        ResponseEntity<Map> missing = reconsent("mara", UUID.randomUUID().toString(), evidence("Whoever this is"));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ResponseEntity<Map> repProbe = reconsent("sam", UUID.randomUUID().toString(), evidence("Whoever this is"));
        assertThat(repProbe.getStatusCode()).as("a rep learns nothing about which leads exist").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void reconsentLiftsEveryLeadThatHeldTheSameSuppressedAddress() {
        // Two unsubscribed leads of one contact, as rows unsubscribed before suppression was kept per lead can be.
        Map<String, Object> first = unsubscribedLead();
        Map<String, Object> second = lostLead(null);
        jdbc.update("update baton_lead set status = 'UNSUBSCRIBED', email = ?, suppressed_email = ?, contact_email = ? where id = ?",
                first.get("email"), first.get("email"), first.get("email"), second.get("id"));

        assertThat(reconsent("mara", (String) first.get("id"), evidence("Asked for a demo by phone")).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> captured = post("mara", lead(null, (String) first.get("email")));
        assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(captured.getBody().get("previousLeadId")).isIn(first.get("id"), second.get("id"));
    }

    // --- a lost contact comes back as a new lifecycle ------------------------------------------------

    @Test
    void lostContactCapturedAgainWithoutExternalIdStartsANewLifecycleLinkedToTheLostLead() {
        Map<String, Object> lost = lostLead("crm-" + UUID.randomUUID());
        String lostId = (String) lost.get("id");

        ResponseEntity<Map> captured = post("mara", lead(null, (String) lost.get("email")));

        assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String newId = (String) captured.getBody().get("id");
        assertThat(captured.getBody()).containsEntry("status", "OPEN").containsEntry("previousLeadId", lostId);
        assertThat(tasksOf(newId)).hasSize(1);
        assertThat(leadAsAdmin(lostId)).containsEntry("status", "LOST").doesNotContainKey("previousLeadId");
        assertThat(tasksOf(lostId)).isEmpty();
        assertOwnershipHealthy();
    }

    @Test
    void lostContactCapturedAgainWithANewExternalIdStartsANewLifecycleAndEachLifecycleLinksToTheOneBefore() {
        Map<String, Object> lost = lostLead("crm-" + UUID.randomUUID());
        String email = (String) lost.get("email");

        Map<String, Object> second = created(lead("crm-" + UUID.randomUUID(), email));
        assertThat(second).containsEntry("previousLeadId", lost.get("id"));
        assertThat(as("admin").postForEntity("/api/leads/" + second.get("id") + "/lost", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> third = created(lead("crm-" + UUID.randomUUID(), email));

        assertThat(third).containsEntry("previousLeadId", second.get("id"));
        assertThat(tasksOf((String) third.get("id"))).hasSize(1);
        assertThat(leadsWithEmail(email)).isEqualTo(3);
    }

    @Test
    void lostContactCapturedAgainWithTheSameExternalIdAnswersTheLostLeadAndStartsNothing() {
        String externalId = "crm-" + UUID.randomUUID();
        Map<String, Object> lost = lostLead(externalId);

        ResponseEntity<Map> again = post("mara", lead(externalId, (String) lost.get("email")));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("id", lost.get("id")).containsEntry("status", "LOST");
        assertThat(tasksOf((String) lost.get("id"))).isEmpty();
        assertThat(leadsWithEmail((String) lost.get("email"))).isEqualTo(1);
    }

    @Test
    void aContactsFirstLeadLinksToNothing() {
        assertThat(created(lead(null, uniqueEmail()))).doesNotContainKeys("previousLeadId", "reconsent");
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
}

package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.testing.ApiContract;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 18, item 3: stops propagate and are importable. The suppression list is exported to
 * marketing, managers and admins; an imported address or domain stops its contacts' open leads as an
 * unsubscribe does and keeps them from being captured until it is lifted.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class SuppressionContract extends ApiContract {

    @Autowired
    private ObjectMapper json;

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A domain of its own per test, under the reserved {@code .example}: no account routing joins the leads. */
    private static String uniqueDomain() {
        return "sup-" + tag() + ".example";
    }

    private static String uniqueEmail() {
        return "stop-" + tag() + "@" + uniqueDomain();
    }

    private Map<String, Object> captured(String email) {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(lead(null, email)), Map.class);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private ResponseEntity<Map> capture(String email) {
        return as("mara").postForEntity("/api/leads", json(lead(null, email)), Map.class);
    }

    private ResponseEntity<Map> importAs(String user, String body) {
        return as(user).postForEntity("/api/suppressions", json(body), Map.class);
    }

    private Map<String, Object> imported(String body) {
        ResponseEntity<Map> response = importAs("mara", body);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static String entries(String... entries) {
        return "{\"entries\": [" + String.join(", ", entries) + "]}";
    }

    private static String email(String email) {
        return "{\"email\": \"" + email + "\"}";
    }

    private static String domain(String domain) {
        return "{\"domain\": \"" + domain + "\"}";
    }

    private List<Map<String, Object>> exported(String user) {
        ResponseEntity<List> response = as(user).getForEntity("/api/suppressions", List.class);
        assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<Map> lift(String user, String query) {
        return as(user).exchange("/api/suppressions?" + query, HttpMethod.DELETE, null, Map.class);
    }

    private Map<String, Object> leadAsAdmin(String id) {
        return as("admin").getForObject("/api/leads/" + id, Map.class);
    }

    private List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    private List<Map<String, Object>> ledgerOf(String leadId) {
        return as("admin").getForObject("/api/leads/" + leadId + "/ownership", List.class);
    }

    /** What the outbox holds for the lead's close: the {@code data} of each {@code lead.closed} event. */
    private List<Map<String, Object>> closedEvents(String leadId) {
        return jdbc.queryForList("select payload from baton_outbox_event where lead_id = ? and type = 'lead.closed' order by seq",
                String.class, leadId).stream().map(payload -> {
                    try {
                        return (Map<String, Object>) json.readValue(payload, Map.class).get("data");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private Map<String, Object> ownershipHealth() {
        Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
        health.remove("openLeads");
        return health;
    }

    private long storedSuppressions() {
        return jdbc.queryForObject("select count(*) from baton_suppression", Long.class);
    }

    private long leadsWithEmail(String email) {
        return jdbc.queryForObject("select count(*) from baton_lead where lower(email) = ?", Long.class, email.toLowerCase(Locale.ROOT));
    }

    private static List<Object> errorFields(ResponseEntity<Map> response) {
        // A field may break several rules at once (bidi text that is no address either); it is named each time.
        return ((List<Map<String, Object>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).distinct().toList();
    }

    /** Stopped exactly as an unsubscribe stops a lead: status, no task, no running instance, ledger closed, event out. */
    private void assertStoppedAsUnsubscribed(String leadId, String actor) {
        assertThat(leadAsAdmin(leadId)).containsEntry("status", "UNSUBSCRIBED").containsEntry("stage", "closed").doesNotContainKey("owner");
        assertThat(tasksOf(leadId)).as("no open task").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_EXECUTION where BUSINESS_KEY_ = ?", Long.class, leadId))
                .as("no running instance, so no timer").isZero();
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ in "
                + "(select ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ = ?)", Long.class, leadId)).as("timers").isZero();
        assertThat(ledgerOf(leadId)).allSatisfy(period -> assertThat(period.get("to")).isNotNull());
        assertThat(ledgerOf(leadId)).last().satisfies(period -> assertThat(period)
                .containsEntry("closedReason", "CLOSED_UNSUBSCRIBED").containsEntry("closedBy", actor));
        assertThat(closedEvents(leadId)).singleElement().satisfies(data -> assertThat(data)
                .containsEntry("status", "UNSUBSCRIBED").containsEntry("actor", actor).containsKey("owner"));
    }

    private void assertStillOpen(Map<String, Object> lead) {
        String id = (String) lead.get("id");
        assertThat(leadAsAdmin(id)).containsEntry("status", "OPEN").containsEntry("owner", lead.get("owner"));
        assertThat(tasksOf(id)).singleElement().satisfies(task -> assertThat(task).containsEntry("assignee", lead.get("owner")));
        assertThat(closedEvents(id)).isEmpty();
    }

    // --- export ------------------------------------------------------------------------------------

    @Test
    void exportShowsAnUnsubscribedContactUntilItIsReconsented() {
        String email = "Ann." + tag() + "@" + uniqueDomain();
        String id = (String) captured(email).get("id");
        Map<String, Object> unsubscribed = as("mara").postForObject("/api/leads/" + id + "/unsubscribe", null, Map.class);

        for (String user : List.of("mara", "morgan", "hana", "admin")) {
            assertThat(exported(user)).as(user).filteredOn(entry -> email.toLowerCase(Locale.ROOT).equals(entry.get("email")))
                    .singleElement().satisfies(entry -> assertThat(entry)
                            .containsEntry("domain", null).containsEntry("source", "unsubscribed").containsEntry("actor", "mara")
                            .containsEntry("since", unsubscribed.get("closedAt")).doesNotContainKey("reason"));
        }
        ResponseEntity<String> csv = as("mara").getForEntity("/api/suppressions?format=csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(csv.getBody()).startsWith("email,domain,since,source,actor,reason\r\n")
                .contains(email.toLowerCase(Locale.ROOT) + ",," + unsubscribed.get("closedAt") + ",unsubscribed,mara,\r\n");

        ResponseEntity<Map> reconsented = as("mara").postForEntity("/api/leads/" + id + "/reconsent",
                json("{\"evidence\": \"Asked to hear from us again\"}"), Map.class);
        assertThat(reconsented.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exported("mara")).extracting(entry -> entry.get("email")).doesNotContain(email.toLowerCase(Locale.ROOT));
    }

    // --- import stops the contact's open leads ------------------------------------------------------

    @Test
    void importingAnEmailStopsThatContactsOpenLeadAsAnUnsubscribeWould() {
        String email = "Jo." + tag() + "@" + uniqueDomain();
        Map<String, Object> lead = captured(email);
        Map<String, Object> bystander = captured(uniqueEmail());
        Map<String, Object> healthBefore = ownershipHealth();

        Map<String, Object> result = imported(entries("{\"email\": \"" + email.toUpperCase(Locale.ROOT) + "\", \"reason\": \"Opted out in the CRM\"}"));

        assertThat(result).containsEntry("stored", 1).containsEntry("alreadySuppressed", 0)
                .containsEntry("stoppedLeads", List.of(lead.get("id")));
        assertStoppedAsUnsubscribed((String) lead.get("id"), "mara");
        assertStillOpen(bystander);
        assertThat(ownershipHealth()).as("the invariant holds as before").isEqualTo(healthBefore)
                .containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
        assertThat(exported("morgan")).filteredOn(entry -> email.toLowerCase(Locale.ROOT).equals(entry.get("email")))
                .as("held by the import, listed once").singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("domain", null).containsEntry("source", "imported").containsEntry("actor", "mara")
                        .containsEntry("reason", "Opted out in the CRM").containsKey("since"));
    }

    @Test
    void importingADomainStopsEveryOpenLeadAtThatDomainAndOnlyThose() {
        String domain = uniqueDomain();
        Map<String, Object> first = captured("ann@" + domain);
        Map<String, Object> second = captured("bob@EU." + domain.toUpperCase(Locale.ROOT));
        Map<String, Object> otherDomain = captured("cy@" + uniqueDomain());
        Map<String, Object> lookalike = captured("dee@x" + domain);
        Map<String, Object> lookalikeParent = captured("eve@" + domain + ".example");
        String lostId = (String) captured("fay@" + domain).get("id");
        assertThat(as("admin").postForEntity("/api/leads/" + lostId + "/lost", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> healthBefore = ownershipHealth();

        Map<String, Object> result = imported(entries(domain(domain.toUpperCase(Locale.ROOT))));

        assertThat(result).containsEntry("stored", 1);
        assertThat((List<Object>) result.get("stoppedLeads")).containsExactlyInAnyOrder(first.get("id"), second.get("id"));
        assertStoppedAsUnsubscribed((String) first.get("id"), "mara");
        assertStoppedAsUnsubscribed((String) second.get("id"), "mara");
        for (Map<String, Object> untouched : List.of(otherDomain, lookalike, lookalikeParent)) {
            assertStillOpen(untouched);
        }
        assertThat(leadAsAdmin(lostId)).as("a closed lead stays as it was").containsEntry("status", "LOST");
        assertThat(closedEvents(lostId)).extracting(data -> data.get("status")).containsExactly("LOST");
        assertThat(ownershipHealth()).isEqualTo(healthBefore);
        assertThat(exported("admin")).filteredOn(entry -> domain.equals(entry.get("domain"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("email", null).containsEntry("source", "imported")
                        .containsEntry("actor", "mara"));
    }

    // --- capture afterwards ---------------------------------------------------------------------------

    @Test
    void captureOfASuppressedAddressOrAnAddressInASuppressedDomainIsRefusedWithoutLeadData() {
        String email = uniqueEmail();
        String domain = uniqueDomain();
        imported(entries(email(email), domain(domain)));

        for (String refused : List.of(email.toUpperCase(Locale.ROOT), "new@" + domain, "new@mail." + domain)) {
            ResponseEntity<Map> response = capture(refused);
            assertThat(response.getStatusCode()).as(refused).isEqualTo(HttpStatus.CONFLICT);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(errorFields(response)).as(refused).containsExactly("email");
            assertThat(response.getBody()).doesNotContainKeys("id", "owner", "stage", "leadId", "previousLeadId").containsEntry("status", 409);
            assertThat(leadsWithEmail(refused)).as("nothing stored").isZero();
        }
        assertThat(capture("new@other" + domain).getStatusCode()).as("another domain").isEqualTo(HttpStatus.CREATED);

        // Bulk import goes through the same intake: the row is rejected naming the e-mail.
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<Map> accepted = as("morgan").postForEntity("/api/leads/import",
                new HttpEntity<>("email,source,company\nrow@" + domain + ",web,Acme\n", headers), Map.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String importId = (String) accepted.getBody().get("id");
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> as("morgan").getForObject("/api/imports/" + importId, Map.class).get("status"), "DONE"::equals);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) as("morgan")
                .getForObject("/api/imports/" + importId + "/rows", Map.class).get("content");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("outcome", "REJECTED"));
        assertThat(leadsWithEmail("row@" + domain)).isZero();
    }

    // --- who may ---------------------------------------------------------------------------------------

    @Test
    void aRepMayNeitherExportNorImportNorLift() {
        Map<String, Object> lead = captured(uniqueEmail());
        String email = (String) lead.get("email");
        long before = storedSuppressions();

        ResponseEntity<Map> export = as("sam").getForEntity("/api/suppressions", Map.class);
        ResponseEntity<Map> csv = as("sam").getForEntity("/api/suppressions?format=csv", Map.class);
        ResponseEntity<Map> importing = importAs("sam", entries(email(email)));
        ResponseEntity<Map> lifting = lift("sam", "email=" + email);

        for (ResponseEntity<Map> refused : List.of(export, csv, importing, lifting)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(storedSuppressions()).isEqualTo(before);
        assertStillOpen(lead);
    }

    @Test
    void managersAndAdminsMayImportAndExportToo() {
        for (String user : List.of("morgan", "hana", "admin")) {
            Map<String, Object> lead = captured(uniqueEmail());
            ResponseEntity<Map> response = importAs(user, entries(email((String) lead.get("email"))));
            assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertStoppedAsUnsubscribed((String) lead.get("id"), user);
            assertThat(exported(user)).filteredOn(entry -> lead.get("email").equals(entry.get("email"))).singleElement()
                    .satisfies(entry -> assertThat(entry).containsEntry("actor", user).containsEntry("source", "imported"));
        }
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> csv = as("admin").exchange("/api/suppressions", HttpMethod.GET, new HttpEntity<>(accept), String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getBody()).startsWith("email,domain,since,source,actor,reason\r\n").contains(",imported,admin,");
    }

    // --- validation -------------------------------------------------------------------------------------

    @Test
    void aBadEntryIs400NamingItsFieldAndNothingIsStoredOrStopped() {
        Map<String, Object> lead = captured(uniqueEmail());
        long before = storedSuppressions();

        ResponseEntity<Map> refused = importAs("mara", entries(
                email((String) lead.get("email")),
                email("not-an-email"),
                domain("@acme.example"),
                "{\"email\": \"a@b.example\", \"domain\": \"b.example\"}",
                "{\"reason\": \"no value\"}",
                domain("com"),
                email("x\u200B@y.example"),
                domain("acme\u202E.example"),
                domain("co.uk"),
                domain("10.0.0.1"),
                "{\"email\": \"ok@fine.example\", \"reason\": \"" + "r".repeat(501) + "\"}",
                email("")));

        assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errorFields(refused)).containsExactly("entries[1].email", "entries[2].domain", "entries[3].domain",
                "entries[4].email", "entries[5].domain", "entries[6].email", "entries[7].domain", "entries[8].domain",
                "entries[9].domain", "entries[10].reason", "entries[11].email");
        assertThat(storedSuppressions()).as("all or nothing").isEqualTo(before);
        assertStillOpen(lead);

        for (String body : List.of("{}", "{\"entries\": null}", "{\"entries\": []}")) {
            ResponseEntity<Map> empty = importAs("mara", body);
            assertThat(empty.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(errorFields(empty)).as(body).containsExactly("entries");
        }
        assertThat(importAs("mara", entries("{\"mail\": \"x@y.example\"}")).getStatusCode()).as("unknown field")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(storedSuppressions()).isEqualTo(before);
    }

    // --- idempotence -------------------------------------------------------------------------------------

    @Test
    void importingTheSameSuppressionTwiceStoresItOnce() {
        String email = uniqueEmail();
        String domain = uniqueDomain();
        Map<String, Object> lead = captured(email);

        Map<String, Object> first = imported(entries(email(email), email(email.toUpperCase(Locale.ROOT)), domain(domain),
                domain(domain + ".")));
        Map<String, Object> second = imported(entries(email(email), domain(domain.toUpperCase(Locale.ROOT))));

        assertThat(first).containsEntry("stored", 2).containsEntry("alreadySuppressed", 0)
                .containsEntry("stoppedLeads", List.of(lead.get("id")));
        assertThat(second).containsEntry("stored", 0).containsEntry("alreadySuppressed", 2).containsEntry("stoppedLeads", List.of());
        assertThat(jdbc.queryForObject("select count(*) from baton_suppression where email = ?", Long.class, email)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from baton_suppression where domain = ?", Long.class, domain)).isEqualTo(1);
        assertThat(closedEvents((String) lead.get("id"))).hasSize(1);
        assertThat(exported("mara")).filteredOn(entry -> email.equals(entry.get("email")) || domain.equals(entry.get("domain"))).hasSize(2);
    }

    // --- lifting ------------------------------------------------------------------------------------------

    @Test
    void liftingAnImportedSuppressionLetsTheContactBeCapturedAgainAndIsRecorded() {
        String email = uniqueEmail();
        String stoppedId = (String) captured(email).get("id");
        String domain = uniqueDomain();
        imported(entries(email(email), domain(domain)));
        assertThat(capture(email).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(capture("someone@" + domain).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        ResponseEntity<Map> reconsent = as("mara").postForEntity("/api/leads/" + stoppedId + "/reconsent",
                json("{\"evidence\": \"They called\"}"), Map.class);
        assertThat(reconsent.getStatusCode()).as("the import holds the contact, not the lead").isEqualTo(HttpStatus.CONFLICT);
        assertThat(errorFields(reconsent)).containsExactly("status");

        assertThat(lift("morgan", "email=" + email.toUpperCase(Locale.ROOT)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(jdbc.queryForList("select actor, lifted_by, lifted_at from baton_suppression_lifted where email = ?", email))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("actor", "mara").containsEntry("lifted_by", "morgan")
                        .satisfies(r -> assertThat(r.get("lifted_at")).isNotNull()));

        ResponseEntity<Map> again = capture(email);
        assertThat(again.getStatusCode()).as(String.valueOf(again.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody()).containsEntry("status", "OPEN").containsEntry("previousLeadId", stoppedId);
        assertThat(tasksOf((String) again.getBody().get("id"))).hasSize(1);
        assertThat(exported("mara")).extracting(entry -> entry.get("email")).doesNotContain(email);

        assertThat(lift("admin", "domain=" + domain).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(capture("someone@" + domain).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<Map> notListed = lift("mara", "domain=" + domain);
        assertThat(notListed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(errorFields(notListed)).containsExactly("domain");
        ResponseEntity<Map> neither = lift("mara", "");
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFields(neither)).containsExactly("email");
        assertThat(lift("mara", "domain=@" + domain).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anUnsubscribedContactIsLiftedByReconsentNotByDelete() {
        String email = uniqueEmail();
        String id = (String) captured(email).get("id");
        as("mara").postForEntity("/api/leads/" + id + "/unsubscribe", null, Map.class);

        ResponseEntity<Map> refused = lift("mara", "email=" + email);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errorFields(refused)).containsExactly("email");
        assertThat(exported("mara")).extracting(entry -> entry.get("email")).contains(email);
        assertThat(capture(email).getBody()).as("still turned away as before").containsEntry("id", id).containsEntry("status", "UNSUBSCRIBED");
    }
}

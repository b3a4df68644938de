package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Account-aware routing over HTTP: one company, one rep, and the lead's {@code routing} saying why.
 * Companies get a fresh domain per test ({@code acme-<run>.com}); filler leads use a reserved
 * domain, which forms no account. Demo team: sdr = sam, sofia; sdr-enterprise = eli.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class AccountRoutingContract extends ApiContract {

    private static final List<String> SDRS = List.of("sam", "sofia");

    @AfterEach
    void everyoneBack() {
        jdbc.update("update baton_team_member set available = true where user_id in ('sam', 'sofia', 'eli')");
    }

    private static String company() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
    }

    private static String contact(String name, String domain, int employees) {
        return """
                {"email": "%s-%s@%s", "firstName": "%s", "company": "Acme", "country": "DE", "source": "web", "employees": %d}"""
                .formatted(name, UUID.randomUUID().toString().substring(0, 6), domain, name, employees);
    }

    private Map<String, Object> capture(String body) {
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(body), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private Map<String, Object> read(String leadId, String as) {
        ResponseEntity<Map> response = as(as).getForEntity("/api/leads/" + leadId, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static Map<String, Object> routing(Map<String, Object> lead) {
        return (Map<String, Object>) lead.get("routing");
    }

    private static Map<String, Object> account(Map<String, Object> lead) {
        return (Map<String, Object>) routing(lead).get("account");
    }

    private long openTasks(String user) {
        return ((Number) as("admin").getForObject("/engine-rest/task/count?assignee=" + user, Map.class).get("count")).longValue();
    }

    private void setAvailable(String user, boolean available) {
        ResponseEntity<Map> response = as("admin").exchange("/api/team/" + user + "/availability", HttpMethod.PUT,
                json("{\"available\": " + available + "}"), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static String other(String sdr) {
        return SDRS.stream().filter(s -> !s.equals(sdr)).findFirst().orElseThrow();
    }

    /** Gives {@code busy} strictly more open work than the other SDR, so usual routing would pick the other. */
    private void makeBusier(String busy) {
        String idle = other(busy);
        setAvailable(idle, false);
        try {
            while (openTasks(busy) <= openTasks(idle)) {
                assertThat(capture(contact("filler", "filler.example", 120))).containsEntry("owner", busy);
            }
        } finally {
            setAvailable(idle, true);
        }
    }

    @Test
    void secondLeadOfACompanyGoesToTheFirstLeadsOwnerEvenWhenAnotherRepHasLessWork() {
        String domain = company();
        Map<String, Object> first = capture(contact("ann", domain, 120));
        String owner = (String) first.get("owner");
        assertThat(SDRS).contains(owner);
        makeBusier(owner);

        // A subdomain of the company is the same account.
        Map<String, Object> second = capture(contact("bob", "eu." + domain, 120));

        assertThat(second).containsEntry("owner", owner);
        Map<String, Object> seen = read((String) second.get("id"), owner);
        assertThat(routing(seen)).containsEntry("reason", "ACCOUNT_MATCH").containsEntry("team", "sdr")
                .containsEntry("rule", "rule_emea");
        assertThat(account(seen)).containsEntry("domain", domain).containsEntry("owner", owner)
                .containsEntry("leadId", first.get("id"));
        assertThat(tasksOf((String) second.get("id"))).singleElement().satisfies(task -> assertThat(task).containsEntry("assignee", owner));
        // Without the account, the same lead would have gone to the less busy rep.
        assertThat(capture(contact("cat", "plain.example", 120))).containsEntry("owner", other(owner));
    }

    @Test
    void withTheAccountsOwnerAwayRoutingRunsAsUsualAndNamesTheOwner() {
        String domain = company();
        Map<String, Object> first = capture(contact("ann", domain, 120));
        String owner = (String) first.get("owner");
        setAvailable(owner, false);

        Map<String, Object> second = capture(contact("bob", domain, 120));

        assertThat(second).containsEntry("owner", other(owner));
        Map<String, Object> seen = read((String) second.get("id"), "morgan");
        assertThat(routing(seen)).containsEntry("reason", "ACCOUNT_OWNER_AWAY").containsEntry("team", "sdr");
        assertThat(account(seen)).containsEntry("domain", domain).containsEntry("owner", owner)
                .containsEntry("leadId", first.get("id"));
    }

    @Test
    void freeMailLeadsNeverMatchEachOther() {
        String local = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> first = capture("""
                {"email": "ann.%s@gmail.com", "company": "Acme", "country": "DE", "source": "web", "employees": 120}""".formatted(local));
        String owner = (String) first.get("owner");
        makeBusier(owner);

        Map<String, Object> second = capture("""
                {"email": "bob.%s@GMail.com", "company": "Acme", "country": "DE", "source": "web", "employees": 120}""".formatted(local));

        assertThat(second).containsEntry("owner", other(owner));
        Map<String, Object> seen = read((String) second.get("id"), "morgan");
        assertThat(routing(seen)).containsEntry("reason", "RULE").doesNotContainKey("account");
        assertThat(seen).doesNotContainKey("accountLeads");
    }

    @Test
    void aLeadTheRoutingTableSendsToAnotherTeamDoesNotGoToTheSdrOwner() {
        String domain = company();
        Map<String, Object> first = capture(contact("ann", domain, 120));
        String sdrOwner = (String) first.get("owner");

        Map<String, Object> enterprise = capture(contact("bob", domain, 5000));

        assertThat(enterprise).containsEntry("owner", "eli");
        Map<String, Object> seen = read((String) enterprise.get("id"), "eli");
        assertThat(routing(seen)).containsEntry("reason", "ACCOUNT_OWNER_OTHER_TEAM").containsEntry("team", "sdr-enterprise")
                .containsEntry("rule", "rule_enterprise");
        assertThat(account(seen)).containsEntry("domain", domain).containsEntry("owner", sdrOwner);
    }

    @Test
    void theLeadViewListsTheAccountsOtherOpenLeadsOnlyToCallersWhoMayReadThem() {
        String domain = company();
        Map<String, Object> first = capture(contact("ann", domain, 120));
        String owner = (String) first.get("owner");
        String colleague = other(owner);
        Map<String, Object> second = capture(contact("bob", domain, 120));
        assertThat(second).containsEntry("owner", owner);
        setAvailable(owner, false);
        Map<String, Object> third = capture(contact("cat", domain, 120));
        assertThat(third).containsEntry("owner", colleague);
        setAvailable(owner, true);

        assertThat((List<Map<String, Object>>) read((String) second.get("id"), owner).get("accountLeads"))
                .extracting(l -> l.get("id")).containsExactly(first.get("id"));
        Map<String, Object> colleagueSees = read((String) third.get("id"), colleague);
        assertThat((List<Map<String, Object>>) colleagueSees.get("accountLeads")).isEmpty();
        // The colleague learns who holds the company, not the lead they may not read.
        assertThat(account(colleagueSees)).containsEntry("owner", owner).doesNotContainKey("leadId");
        Map<String, Object> managerSees = read((String) third.get("id"), "morgan");
        assertThat((List<Map<String, Object>>) managerSees.get("accountLeads")).extracting(l -> l.get("id"))
                .containsExactly(first.get("id"), second.get("id"));
        assertThat(account(managerSees)).containsEntry("leadId", first.get("id"));
        assertThat(as("eli").getForEntity("/api/leads/" + third.get("id"), Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPlainLeadSaysWhichRuleAndSegmentRoutedIt() {
        Map<String, Object> lead = capture(contact("ann", company(), 120));
        Map<String, Object> seen = read((String) lead.get("id"), (String) lead.get("owner"));
        assertThat(routing(seen)).containsEntry("reason", "RULE").containsEntry("team", "sdr")
                .containsEntry("rule", "rule_emea").containsEntry("segment", "EMEA territory");
        assertThat(account(seen)).doesNotContainKey("owner");
        assertThat((List<?>) seen.get("accountLeads")).isEmpty();

        Map<String, Object> elsewhere = capture("""
                {"email": "jo-%s@plain.example", "company": "Acme", "source": "web"}""".formatted(UUID.randomUUID()));
        assertThat(routing(read((String) elsewhere.get("id"), "morgan"))).containsEntry("reason", "RULE")
                .containsEntry("rule", "rule_fallback").containsEntry("segment", "Everything else, including leads without a country");

        Map<String, Object> noCompany = capture("""
                {"email": "jo-%s@plain.example", "source": "web"}""".formatted(UUID.randomUUID()));
        assertThat(routing(read((String) noCompany.get("id"), "morgan"))).containsEntry("reason", "DATA_STEWARD")
                .containsEntry("team", "marketing").doesNotContainKey("rule");
    }

    @Test
    void leadsOfOneNewCompanyCapturedAtTheSameMomentLandWithOneRep() throws Exception {
        int companies = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int c = 0; c < companies; c++) {
                String domain = company();
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Map<String, Object>>> both = new ArrayList<>();
                for (String name : List.of("ann", "bob")) {
                    both.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return capture(contact(name, domain, 120));
                    }, pool));
                }
                Map<String, Object> a = both.get(0).get(60, TimeUnit.SECONDS);
                Map<String, Object> b = both.get(1).get(60, TimeUnit.SECONDS);
                assertThat(b.get("owner")).as("owners of %s", domain).isEqualTo(a.get("owner"));
                List<Object> reasons = List.of(routing(read((String) a.get("id"), "morgan")).get("reason"),
                        routing(read((String) b.get("id"), "morgan")).get("reason"));
                assertThat(reasons).containsExactlyInAnyOrder("RULE", "ACCOUNT_MATCH");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }
}

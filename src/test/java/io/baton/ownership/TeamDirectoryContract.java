package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.testing.ApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 16, item 7: the team without API calls. An administrator adds a person to a team's group
 * the way Camunda Admin does (through {@code /engine-rest}); from then on they are routed work with
 * the default capacity, report to the team's manager, reach Tasklist and see the team's filters. A
 * group made later becomes a team of its own. Managers change capacity and manager inside their
 * reporting line only.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class TeamDirectoryContract extends ApiContract {

    @Autowired
    TeamGroups teamGroups;
    @Autowired
    Routing routing;

    @Test
    void aUserAddedToSdrInAdminIsRoutedLeadsAndWorksThemInTasklist() {
        String rep = newUser("nia");
        assertThat(as("admin").exchange("/engine-rest/group/sdr/members/" + rep, HttpMethod.PUT, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        String lead = routedTo(rep);

        Map<String, Object> listed = member(rep);
        assertThat(listed).containsEntry("team", "sdr").containsEntry("capacity", 1).containsEntry("available", true)
                .containsEntry("reportsTo", "morgan").containsEntry("inTeamGroup", true).containsEntry("name", "New " + rep.substring(0, 3));
        List<Map<String, Object>> tasks = as(rep).getForObject("/engine-rest/task?assignee=" + rep, List.class);
        assertThat(tasks).extracting(t -> t.get("taskDefinitionKey")).containsExactly(LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(tasks.get(0)).containsEntry("processInstanceId", instanceOf(lead));
        assertThat(authorized(rep, "tasklist")).as("Tasklist access through the sdr group").isTrue();
        assertThat(filterNames(rep)).contains("My leads", "Overdue", "Handoffs awaiting my acceptance");
        assertThat(teamFilterOf("morgan")).as("morgan's \"My team's work\"").contains(rep);

        ResponseEntity<String> done = as(rep).exchange("/engine-rest/task/" + tasks.get(0).get("id") + "/complete", HttpMethod.POST,
                json("{\"variables\": {\"qualified\": {\"value\": false}, \"disqualifyReason\": {\"value\": \"no budget\"}}}"), String.class);
        assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("admin").getForObject("/api/leads/" + lead, Map.class)).containsEntry("status", "DISQUALIFIED");
    }

    @Test
    void someoneTakenOutOfTheGroupGetsNoNewLeadsButKeepsTheirOpenWork() {
        String rep = newUser("rui");
        as("admin").put("/engine-rest/group/sdr/members/" + rep, null);
        String lead = routedTo(rep);

        assertThat(as("admin").exchange("/engine-rest/group/sdr/members/" + rep, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        for (int i = 0; i < 4; i++) {
            assertThat(capture().get("owner")).as("%s left sdr", rep).isNotEqualTo(rep);
        }
        assertThat(as("admin").getForObject("/api/leads/" + lead, Map.class)).as("their open lead stays theirs").containsEntry("owner", rep);
        assertThat(openTasks(rep)).isEqualTo(1);
        assertThat(member(rep)).containsEntry("inTeamGroup", false).containsEntry("offboarded", false);
    }

    @Test
    void aGroupCreatedInAdminBecomesATeamOnceAManagerIsInItAndItsMembersGetTasklist() {
        String team = "emea-" + suffix();
        String rep = newUser("emi");
        createGroup(team);
        as("admin").put("/engine-rest/group/" + team + "/members/" + rep, null);

        as("admin").getForObject("/api/team", List.class);
        assertThat(authorized(rep, "tasklist")).as("a WORKFLOW group's members reach Tasklist at once").isTrue();
        assertThat(filterNames(rep)).contains("My leads");
        assertThat(directoryIds()).as("no manager in the group yet: no team, nobody routed").doesNotContain(rep);

        as("admin").put("/engine-rest/group/" + team + "/members/morgan", null);
        assertThat(member(rep)).containsEntry("team", team).containsEntry("capacity", 1).containsEntry("reportsTo", "morgan");
        assertThat(jdbc.queryForObject("select manager_id from baton_team where name = ?", String.class, team)).isEqualTo("morgan");
        assertThat(member("morgan")).as("the manager keeps their own team").containsEntry("team", "managers");
        assertThat(teamFilterOf("morgan")).contains(rep);
        assertThat(routing.nextOwner(team)).isEqualTo(rep);
        assertThat(tasklistGrants(team)).isEqualTo(1);
    }

    @Test
    void routingJoinsATeamGroupMadeSinceTheLastReconcileAndTwoNodesJoinItOnce() throws Exception {
        String team = "nord-" + suffix();
        String rep = newUser("nor");
        createGroup(team);
        as("admin").put("/engine-rest/group/" + team + "/members/" + rep, null);
        as("admin").put("/engine-rest/group/" + team + "/members/hana", null);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                work.add(() -> routing.nextOwner(team));
                work.add(() -> teamGroups.reconcile());
            }
            for (Future<Object> result : pool.invokeAll(work)) {
                Object value = result.get(60, TimeUnit.SECONDS);
                if (value instanceof String owner) {
                    assertThat(owner).isEqualTo(rep);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from baton_team_member where user_id = ?", Integer.class, rep)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select manager_id from baton_team where name = ?", String.class, team)).isEqualTo("hana");
        assertThat(tasklistGrants(team)).isEqualTo(1);
        assertThat(member(rep)).containsEntry("reportsTo", "hana");
    }

    @Test
    void managersChangeCapacityAndManagerInsideTheirLineWithValidInputOnly() {
        try {
            ResponseEntity<Map> changed = patch("morgan", "sofia", "{\"capacity\": 3}");
            assertThat(changed.getStatusCode()).as(String.valueOf(changed.getBody())).isEqualTo(HttpStatus.OK);
            assertThat(changed.getBody()).containsEntry("capacity", 3).containsEntry("team", "sdr");
            assertThat(member("sofia")).containsEntry("capacity", 3);

            for (String body : List.of("{\"capacity\": 0}", "{\"capacity\": 101}", "{\"capacity\": 2.5}", "{\"capacity\": \"3\"}", "{}")) {
                assertProblem(patch("morgan", "sofia", body), HttpStatus.BAD_REQUEST, "capacity");
            }
            assertProblem(patch("morgan", "sofia", "{\"managerId\": \"ghost\"}"), HttpStatus.BAD_REQUEST, "managerId");
            assertProblem(patch("morgan", "sofia", "{\"managerId\": \"sofia\"}"), HttpStatus.BAD_REQUEST, "managerId");
            assertProblem(patch("morgan", "sofia", "{\"managerId\": \"hana\"}"), HttpStatus.FORBIDDEN, "managerId");
            assertProblem(patch("morgan", "dana", "{\"capacity\": 2}"), HttpStatus.FORBIDDEN, "userId");
            assertThat(patch("sam", "sofia", "{\"capacity\": 1}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(patch("sofia", "sofia", "{\"capacity\": 9}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(patch("morgan", "ghost", "{\"capacity\": 2}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(member("sofia")).as("refusals change nothing").containsEntry("capacity", 3).containsEntry("reportsTo", "morgan");

            ResponseEntity<Map> byHana = patch("hana", "sofia", "{\"managerId\": \"morgan\", \"capacity\": 2}");
            assertThat(byHana.getStatusCode()).as(String.valueOf(byHana.getBody())).isEqualTo(HttpStatus.OK);
            assertThat(member("sofia")).containsEntry("capacity", 2).containsEntry("managerId", "morgan").containsEntry("reportsTo", "morgan");
            assertThat(patch("admin", "dana", "{\"capacity\": 2}").getStatusCode()).isEqualTo(HttpStatus.OK);
        } finally {
            patch("admin", "sofia", "{\"capacity\": 1}");
            patch("admin", "dana", "{\"capacity\": 1}");
        }
    }

    /** Captures SDR leads until one is routed to {@code rep} (a newcomer holds the least work, so this is quick). */
    private String routedTo(String rep) {
        for (int i = 0; i < 12; i++) {
            Map<String, Object> lead = capture();
            if (rep.equals(lead.get("owner"))) {
                return (String) lead.get("id");
            }
        }
        throw new AssertionError(rep + " was routed no lead");
    }

    private Map<String, Object> capture() {
        String email = "team@" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
        ResponseEntity<Map> response = as("mara").postForEntity("/api/leads", json(lead(null, email)), Map.class);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private String newUser(String prefix) {
        String id = prefix + suffix();
        ResponseEntity<String> created = as("admin").postForEntity("/engine-rest/user/create", json("""
                {"profile": {"id": "%s", "firstName": "New", "lastName": "%s", "email": "%s@baton.local"}, "credentials": {"password": "%s"}}"""
                .formatted(id, prefix, id, id)), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        return id;
    }

    private void createGroup(String id) {
        ResponseEntity<String> created = as("admin").postForEntity("/engine-rest/group/create",
                json("{\"id\": \"" + id + "\", \"name\": \"Team " + id + "\", \"type\": \"WORKFLOW\"}"), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    }

    private Map<String, Object> member(String userId) {
        List<Map<String, Object>> everyone = as("admin").getForObject("/api/team", List.class);
        return everyone.stream().filter(m -> userId.equals(m.get("userId"))).findFirst()
                .orElseThrow(() -> new AssertionError(userId + " is not in the directory"));
    }

    private List<Object> directoryIds() {
        List<Map<String, Object>> everyone = as("admin").getForObject("/api/team", List.class);
        return everyone.stream().map(m -> m.get("userId")).toList();
    }

    private String instanceOf(String lead) {
        List<Map<String, Object>> instances = as("admin").getForObject("/engine-rest/process-instance?businessKey=" + lead
                + "&processDefinitionKey=" + LeadLifecycle.KEY, List.class);
        assertThat(instances).hasSize(1);
        return (String) instances.get(0).get("id");
    }

    private boolean authorized(String user, String application) {
        Map<String, Object> check = as(user).getForObject("/engine-rest/authorization/check?permissionName=ACCESS"
                + "&resourceName=application&resourceType=0&resourceId=" + application, Map.class);
        return Boolean.TRUE.equals(check.get("authorized"));
    }

    private List<Object> filterNames(String user) {
        List<Map<String, Object>> filters = as(user).getForObject("/engine-rest/filter?resourceType=Task", List.class);
        return filters.stream().map(f -> f.get("name")).toList();
    }

    /** The people morgan's (or another manager's) "My team's work" filter lists. */
    private String teamFilterOf(String manager) {
        List<Map<String, Object>> filters = as(manager).getForObject("/engine-rest/filter?resourceType=Task&owner=" + manager, List.class);
        return filters.stream().filter(f -> "My team's work".equals(f.get("name")))
                .map(f -> String.valueOf(((Map<String, Object>) f.get("properties")).get("batonTeam")))
                .findFirst().orElseThrow(() -> new AssertionError(manager + " has no team filter"));
    }

    private Integer tasklistGrants(String group) {
        return jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION where GROUP_ID_ = ? and RESOURCE_TYPE_ = 0 and RESOURCE_ID_ = 'tasklist'",
                Integer.class, group);
    }

    private long openTasks(String user) {
        Map<String, Object> count = as("admin").getForObject("/engine-rest/task/count?assignee=" + user, Map.class);
        return ((Number) count.get("count")).longValue();
    }

    private ResponseEntity<Map> patch(String caller, String userId, String body) {
        return as(caller).exchange("/api/team/" + userId, HttpMethod.PATCH, json(body), Map.class);
    }

    private static void assertProblem(ResponseEntity<Map> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((List<Map<String, Object>>) response.getBody().get("errors")).as(String.valueOf(response.getBody()))
                .extracting(e -> e.get("field")).contains(field);
    }
}

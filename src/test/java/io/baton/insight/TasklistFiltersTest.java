package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadIntake;
import io.baton.lead.LeadRequest;
import io.baton.ownership.TeamDirectory;
import java.util.List;

import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:insight-engine;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
@AutoConfigureObservability
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class TasklistFiltersTest {

    @Autowired
    TasklistFilters filters;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    TaskService taskService;
    @Autowired
    TeamDirectory directory;
    @Autowired
    LeadIntake intake;

    @Test
    void everyoneSharesOneMyLeadsFilterThatListsOnlyTheViewersOwnTasksAndOpensFirst() {
        filters.reconcile();
        capture();
        capture();

        List<Filter> shared = baton().stream().filter(f -> f.getOwner() == null).toList();
        assertThat(shared).extracting(Filter::getName).containsExactlyInAnyOrder(TasklistFilters.MY_LEADS, TasklistFilters.OVERDUE,
                TasklistFilters.AWAITING_ACCEPTANCE, TasklistFilters.ESCALATIONS);
        Filter myLeads = shared.stream().filter(f -> f.getName().equals(TasklistFilters.MY_LEADS)).findFirst().orElseThrow();
        int lowest = baton().stream().mapToInt(f -> ((Number) f.getProperties().get("priority")).intValue()).min().orElseThrow();
        assertThat(((Number) myLeads.getProperties().get("priority")).intValue()).isEqualTo(lowest);

        for (String rep : List.of("sam", "sofia")) {
            identityService.setAuthentication(rep, List.of("sdr"));
            try {
                List<Task> listed = filterService.listPage(myLeads.getId(), 0, 500);
                assertThat(listed).isNotEmpty().allSatisfy(task -> assertThat(task.getAssignee()).isEqualTo(rep));
                assertThat(listed).hasSize((int) taskService.createTaskQuery().taskAssignee(rep).count());
            } finally {
                identityService.clearAuthentication();
            }
        }
    }

    @Test
    void eachManagerOwnsATeamFilterOverThePeopleTheyManage() {
        filters.reconcile();

        assertThat(team("morgan")).contains("alex", "ava", "mara", "sam", "sofia").doesNotContain("dana", "devon", "morgan", "hana");
        assertThat(team("hana")).contains("dana", "devon", "morgan").doesNotContain("sam", "hana");
        assertThat(baton()).filteredOn(f -> "sam".equals(f.getOwner())).isEmpty();
    }

    @Test
    void reconcileIsIdempotent() {
        filters.reconcile();
        int before = baton().size();

        assertThat(filters.reconcile()).isEqualTo(new TasklistFilters.Result(0, 0, 0));
        assertThat(baton()).hasSize(before);
    }

    @Test
    void filtersAreCreatedForPeopleAddedAfterStartUpAndFollowDirectoryChanges() {
        filters.reconcile();
        String manager = "quinn" + suffix();
        String report = "rory" + suffix();
        user(manager, "managers");
        user(report, null);
        directory.putTeam("solutions" + manager, manager);
        directory.put(report, "solutions" + manager, null, 1);

        assertThat(filters.reconcile().created()).isEqualTo(1);
        Filter team = teamFilterOf(manager);
        assertThat(team.getName()).isEqualTo(TasklistFilters.TEAM);
        assertThat(team.getProperties().get("batonTeam")).isEqualTo(report);
        // The newcomer without a team of their own reads the shared filters through the grant to everyone.
        for (Filter shared : baton().stream().filter(f -> f.getOwner() == null && !f.getName().equals(TasklistFilters.ESCALATIONS)).toList()) {
            assertThat(authorizationService.isUserAuthorized(report, List.of(), Permissions.READ, Resources.FILTER, shared.getId()))
                    .as(shared.getName()).isTrue();
        }
        Filter escalations = baton().stream().filter(f -> f.getName().equals(TasklistFilters.ESCALATIONS)).findFirst().orElseThrow();
        assertThat(authorizationService.isUserAuthorized(manager, List.of("managers"), Permissions.READ, Resources.FILTER, escalations.getId()))
                .isTrue();

        directory.put(report, "solutions" + manager, "morgan", 1);
        assertThat(filters.reconcile().updated()).isEqualTo(2);
        assertThat(teamFilterOf(manager).getProperties().get("batonTeam")).isEqualTo("");
        assertThat((String) teamFilterOf("morgan").getProperties().get("batonTeam")).contains(report);
    }

    private List<Filter> baton() {
        return filterService.createFilterQuery().list().stream()
                .filter(f -> f.getProperties() != null && f.getProperties().containsKey(TasklistFilters.MARKER)).toList();
    }

    private List<String> team(String manager) {
        return List.of(((String) teamFilterOf(manager).getProperties().get("batonTeam")).split(","));
    }

    private Filter teamFilterOf(String manager) {
        List<Filter> owned = baton().stream().filter(f -> manager.equals(f.getOwner())).toList();
        assertThat(owned).hasSize(1);
        return owned.get(0);
    }

    private void user(String id, String group) {
        User user = identityService.newUser(id);
        user.setPassword(id);
        identityService.saveUser(user);
        if (group != null) {
            identityService.createMembership(id, group);
        }
    }

    private void capture() {
        intake.capture(new LeadRequest(null, "f-" + suffix() + "@example.com", "F", "L", "Firm", "DE", "web", 10));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}

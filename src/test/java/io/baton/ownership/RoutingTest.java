package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ProcessTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing weighs the open work people hold now. Each routed decision here gives the chosen person an
 * open task in the same transaction, the way a lead's routing gives its owner the qualification task.
 */
class RoutingTest extends ProcessTestSupport {

    @Autowired
    Routing routing;
    @Autowired
    TeamDirectory directory;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void equalCapacitiesStayBalancedWithinOne() {
        String team = team(Map.of("a", 1, "b", 1, "c", 1));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 1; i <= 31; i++) {
            counts.merge(route(team), 1, Integer::sum);
            int max = counts.values().stream().max(Integer::compare).orElse(0);
            int min = counts.size() < 3 ? 0 : counts.values().stream().min(Integer::compare).orElse(0);
            assertThat(max - min).as("after %d leads: %s", i, counts).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void capacityWeightsAreHonoured() {
        String team = team(Map.of("big", 3, "small", 1));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            counts.merge(route(team), 1, Integer::sum);
        }
        assertThat(counts).containsEntry(member(team, "big"), 30).containsEntry(member(team, "small"), 10);
    }

    @Test
    void peopleWhoAreAwayOrOffboardedAreSkipped() {
        String team = team(Map.of("a", 1, "b", 1, "c", 1));
        inTransaction(() -> directory.setAvailable(member(team, "a"), false));
        inTransaction(() -> directory.markOffboarded(member(team, "b")));
        for (int i = 0; i < 5; i++) {
            assertThat(route(team)).isEqualTo(member(team, "c"));
        }
        inTransaction(() -> directory.setAvailable(member(team, "a"), true));
        assertThat(List.of(route(team), route(team))).containsOnly(member(team, "a"));
    }

    @Test
    void someoneBackFromAbsenceGetsNewWorkUntilTheSharesEvenOutThenTheirNormalShare() {
        String team = team(Map.of("a", 1, "b", 1));
        String a = member(team, "a");
        String b = member(team, "b");
        inTransaction(() -> directory.setAvailable(a, false));
        for (int i = 0; i < 6; i++) {
            assertThat(route(team)).isEqualTo(b);
        }
        inTransaction(() -> directory.setAvailable(a, true));
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            next.add(route(team));
        }
        assertThat(next.subList(0, 6)).as("a holds less open work until the shares are even").containsOnly(a);
        assertThat(next.subList(6, 10)).as("then the normal share").containsExactly(b, a, b, a);
    }

    @Test
    void finishedWorkNoLongerCounts() {
        String team = team(Map.of("a", 1, "b", 1));
        String a = member(team, "a");
        String b = member(team, "b");
        for (int i = 0; i < 4; i++) {
            route(team);
        }
        // b finishes everything: the next leads go to b until b holds as much as a.
        inTransaction(() -> taskService.createTaskQuery().taskAssignee(b).list().forEach(t -> taskService.deleteTask(t.getId(), true)));
        assertThat(List.of(route(team), route(team))).containsOnly(b);
        assertThat(route(team)).as("tie: whoever was routed to least recently").isEqualTo(a);
    }

    @Test
    void decisionsOfOneTransactionCountBeforeItCommits() {
        String team = team(Map.of("a", 1, "b", 1));
        List<String> owners = new TransactionTemplate(transactionManager).execute(status -> {
            List<String> routed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // No task yet: the tickets alone are the work in flight.
                routed.add(routing.nextOwner(team));
            }
            return routed;
        });
        assertThat(owners).containsExactlyInAnyOrder(member(team, "a"), member(team, "a"), member(team, "b"), member(team, "b"));
    }

    @Test
    void concurrentDecisionsSeeEachOthersWorkBeforeEitherCommits() throws Exception {
        String team = team(Map.of("a", 1, "b", 1));
        CountDownLatch bothRouted = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> new TransactionTemplate(transactionManager).execute(status -> {
                    String owner = routing.nextOwner(team);
                    giveTask(owner);
                    bothRouted.countDown();
                    try {
                        // Neither commits before both have decided, like two nodes taking intakes at once.
                        assertThat(bothRouted.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return owner;
                })));
            }
            assertThat(List.of(results.get(0).get(60, TimeUnit.SECONDS), results.get(1).get(60, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(member(team, "a"), member(team, "b"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRolledBackDecisionLeavesNoOwnerBehind() {
        String team = team(Map.of("a", 1, "b", 1));
        String first = new TransactionTemplate(transactionManager).execute(status -> {
            String owner = routing.nextOwner(team);
            status.setRollbackOnly();
            return owner;
        });
        // Its ticket still counts for a while (fairness by one), but nobody was given work.
        assertThat(taskService.createTaskQuery().taskAssignee(first).count()).isZero();
        assertThat(route(team)).isNotEqualTo(first);
    }

    @Test
    void nobodyEligibleFallsBackToTheTeamsNamedManager() {
        String team = team(Map.of("a", 1));
        inTransaction(() -> directory.setAvailable(member(team, "a"), false));
        assertThat(route(team)).isEqualTo("morgan");
    }

    /** One routing decision and the open task it gives, committed together. */
    private String route(String team) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            String owner = routing.nextOwner(team);
            giveTask(owner);
            return owner;
        });
    }

    private void giveTask(String owner) {
        Task task = taskService.newTask();
        task.setName("routed work");
        task.setAssignee(owner);
        taskService.saveTask(task);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    private static String member(String team, String name) {
        return team + "-" + name;
    }

    private String team(Map<String, Integer> capacities) {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        inTransaction(() -> {
            directory.putTeam(team, "morgan");
            capacities.forEach((name, capacity) -> directory.put(member(team, name), team, "morgan", capacity));
        });
        return team;
    }
}

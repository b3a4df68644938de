package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ProcessTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
        assertThat(List.of(route(team), route(team))).contains(member(team, "a"));
    }

    @Test
    void nobodyEligibleFallsBackToTheTeamsNamedManager() {
        String team = team(Map.of("a", 1));
        inTransaction(() -> directory.setAvailable(member(team, "a"), false));
        assertThat(route(team)).isEqualTo("morgan");
    }

    private String route(String team) {
        return new TransactionTemplate(transactionManager).execute(status -> routing.nextOwner(team));
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

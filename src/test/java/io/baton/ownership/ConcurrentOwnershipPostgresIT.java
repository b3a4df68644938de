package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.PostgresDatabase;
import io.baton.testing.ProcessTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Races on one lead against the real PostgreSQL server: one answer wins, the loser is told, the ledger stays whole. */
@ActiveProfiles({"postgres", "demo"})
class ConcurrentOwnershipPostgresIT extends ProcessTestSupport {

    private static final ExecutorService THREADS = Executors.newFixedThreadPool(2);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_race_it");
    }

    @Autowired
    OwnershipHealth health;

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @Test
    void acceptingAndRejectingTheSameHandoffAtOnceLetsExactlyOneAnswerWin() throws Exception {
        for (int round = 0; round < 6; round++) {
            String leadId = captureReadyLead();
            String sdr = lead(leadId).getOwner();
            complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
            complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
            var accept = task(leadId, HandoffProcess.TASK_ACCEPT);
            List<Outcome> outcomes = race(
                    () -> taskService.complete(accept.getId(), Map.of("accepted", true)),
                    () -> taskService.complete(accept.getId(), Map.of("accepted", false, "rejectReason", "not mine")));
            assertThat(outcomes).filteredOn(Outcome::succeeded).as("round %d: %s", round, outcomes).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(loser -> assertThat(loser.error()).as("the loser learns of the conflict")
                            .isInstanceOfAny(ProcessEngineException.class,
                                    ConcurrencyFailureException.class));
            boolean accepted = outcomes.get(0).succeeded();
            assertThat(lead(leadId).getOwner()).isEqualTo(accepted ? accept.getAssignee() : sdr);
            assertOwnershipInvariant(leadId);
        }
        assertThat(health.measure().ownerMismatches()).isZero();
    }

    @Test
    void breachTimerFiringWhileTheOwnerCompletesTheTaskLeavesNoStrayEscalation() throws Exception {
        for (int round = 0; round < 6; round++) {
            String leadId = captureReadyLead();
            var qualify = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD);
            var breach = timer(leadId, "timer_qualificationBreach");
            List<Outcome> outcomes = race(
                    () -> managementService.executeJob(breach.getId()),
                    () -> taskService.complete(qualify.getId(), Map.of("qualified", true)));
            assertThat(outcomes.get(1).succeeded() || outcomes.get(0).succeeded()).as("round %d: %s", round, outcomes).isTrue();
            if (!outcomes.get(1).succeeded()) {
                // The owner lost the race to the timer: the work is still theirs, and now escalated.
                assertThat(openTasks(leadId)).extracting(t -> t.getTaskDefinitionKey())
                        .containsExactlyInAnyOrder(LeadLifecycle.TASK_QUALIFY_LEAD, EscalationProcess.TASK_REVIEW);
            } else {
                assertThat(openTasks(leadId)).extracting(t -> t.getTaskDefinitionKey()).containsExactly(HandoffProcess.TASK_PREPARE);
            }
            assertThat(jdbc.queryForObject("select count(*) from baton_escalation where lead_id = ?", Long.class, leadId))
                    .isLessThanOrEqualTo(1);
            assertOwnershipInvariant(leadId);
        }
    }

    record Outcome(boolean succeeded, Throwable error) {
    }

    private List<Outcome> race(Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Runnable work : List.of(first, second)) {
            Callable<Outcome> call = () -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    work.run();
                    return new Outcome(true, null);
                } catch (RuntimeException e) {
                    return new Outcome(false, e);
                }
            };
            futures.add(THREADS.submit(call));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}

package io.baton.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.system.Refusal;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import io.baton.testing.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// Metrics are exported in tests only when asked for: the contract scrapes /actuator/prometheus.
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"postgres", "demo"})
class InputHygienePostgresIT extends InputHygieneContract {

    @Autowired
    RuntimeService runtimeService;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_hygiene_it");
    }

    /** PostgreSQL runs starts truly in parallel: the lead's row lock makes them take turns. */
    @Test
    void concurrentLifecycleStartsForOneLeadStartExactlyOne() throws Exception {
        String leadId = leadWithoutLifecycle();
        Map<String, Object> variables = Map.of(LeadLifecycle.VAR_LEAD_ID, leadId, LeadLifecycle.VAR_EMAIL, leadId + "@acme.example",
                LeadLifecycle.VAR_COMPANY, "Acme", LeadLifecycle.VAR_COUNTRY, "DE", LeadLifecycle.VAR_SOURCE, "web", LeadLifecycle.VAR_EMPLOYEES, 40);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    // Baton's own door (no user variables are accepted through REST): the engine's start, in parallel.
                    try {
                        runtimeService.createProcessInstanceByKey(LeadLifecycle.KEY).businessKey(leadId).setVariables(variables).execute();
                        return 200;
                    } catch (Refusal refused) {
                        return refused.status();
                    }
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES));
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
            assertThat(runningLifecycles(leadId)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

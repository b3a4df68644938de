package io.baton.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "baton.webhooks.dispatch-enabled=false",
        "baton.webhooks.allowed-targets=127.0.0.1"})
@ActiveProfiles({"postgres", "demo"})
class WebhookPostgresIT extends WebhookContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_webhook_it");
    }

    @Autowired
    private WebhookTargets targets;

    @Autowired
    private WebhookProperties properties;

    @Autowired
    private Clock clock;

    /** Two nodes over one database: a second dispatcher with its own HTTP client races the application's. */
    @Test
    void twoDispatchersOverOneDatabaseDeliverEachEventOnce() throws Exception {
        String hook = register(Outbox.EVENT_TYPES);
        for (int i = 0; i < 5; i++) {
            captureLead();
        }
        WebhookDispatcher otherNode = new WebhookDispatcher(jdbc, targets, properties, clock, new SimpleMeterRegistry());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (WebhookDispatcher node : List.of(dispatcher, otherNode)) {
                Callable<Integer> run = () -> {
                    start.await();
                    return node.dispatchDue();
                };
                runs.add(nodes.submit(run));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> run : runs) {
                sent += run.get(120, TimeUnit.SECONDS);
            }
            assertThat(sent).isEqualTo(10);
        } finally {
            nodes.shutdownNow();
        }
        List<String> ids = received.stream().map(Received::eventId).toList();
        assertThat(ids).hasSize(10).doesNotHaveDuplicates();
        assertThat(deliveries(hook, "DELIVERED")).hasSize(10);
    }
}

package io.baton.integration;

import io.baton.testing.PostgresDatabase;
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
}

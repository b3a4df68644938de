package io.baton.integration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "baton.webhooks.dispatch-enabled=false",
        "baton.webhooks.allowed-targets=127.0.0.1"})
@ActiveProfiles("demo")
class WebhookH2IT extends WebhookContract {
}

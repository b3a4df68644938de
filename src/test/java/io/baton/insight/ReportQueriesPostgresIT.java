package io.baton.insight;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@AutoConfigureMockMvc
class ReportQueriesPostgresIT extends ReportQueriesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        io.baton.testing.PostgresDatabase.register(registry, "baton_insight_it");
    }
}

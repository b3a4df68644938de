package io.baton.lead;

import io.baton.testing.PostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"postgres", "demo"})
class LeadApiPostgresIT extends LeadApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_api_it");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Override
    protected void restore(String userId) {
        jdbc.update("update baton_team_member set offboarded = false, available = true where user_id = ?", userId);
    }
}

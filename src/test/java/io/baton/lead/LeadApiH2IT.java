package io.baton.lead;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:baton-api;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
class LeadApiH2IT extends LeadApiContract {

    @Autowired
    JdbcTemplate jdbc;

    @Override
    protected void restore(String userId) {
        jdbc.update("update baton_team_member set offboarded = false, available = true where user_id = ?", userId);
    }
}

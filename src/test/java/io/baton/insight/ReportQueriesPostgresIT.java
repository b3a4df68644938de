package io.baton.insight;

import io.baton.testing.PostgresDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@AutoConfigureMockMvc
class ReportQueriesPostgresIT extends ReportQueriesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_insight_it");
    }

    @Test
    void theTaskAgeIndexThatTheBottleneckReportReadsExists() {
        assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'act_ru_task' and indexname = ?",
                String.class, Reports.TASK_AGE_INDEX.name().toLowerCase()))
                .singleElement().asString().contains("(task_def_key_, create_time_, due_date_, proc_def_id_, assignee_)");
    }
}

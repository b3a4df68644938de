package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.baton.lead.LeadLifecycle;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The timers for real: short SLAs, the job executor running, e-mail through an in-process SMTP
 * server. Waiting is bounded polling on the database, never a fixed sleep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:baton-timers;DB_CLOSE_DELAY=-1",
        "baton.sla.first-touch=PT5S",
        "baton.sla.escalation-review=PT5S",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=500",
        "baton.notifications.mail-enabled=true",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025"})
@ActiveProfiles("demo")
class EscalationJobExecutorIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void untouchedLeadEscalatesToItsOwnersManagerThenUpTheChainWhileAStoppedLeadNeverEscalates() {
        String untouched = capture();
        String stopped = capture();
        http.withBasicAuth("mara", "mara").postForEntity("/api/leads/" + stopped + "/unsubscribe", null, Map.class);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reviewers(untouched)).startsWith("morgan"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reviewers(untouched)).containsExactly("morgan", "hana"));
        assertThat(jdbc.queryForList("select kind from baton_activity where lead_id = ? and kind = 'REMINDER'", String.class, untouched))
                .as("the owner was reminded before the breach").isNotEmpty();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<MimeMessage> toMorgan = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipients(m).contains("morgan@baton.local")).toList();
            assertThat(toMorgan).anySatisfy(m -> {
                assertThat(m.getSubject()).startsWith("[Baton] Escalation");
                assertThat(GreenMailUtil.getBody(m)).contains(untouched).contains(LeadLifecycle.TASK_QUALIFY_LEAD);
                // The mail opens morgan's own review of that lead in Tasklist.
                assertThat(GreenMailUtil.getBody(m)).containsAnyOf(reviewLinks(untouched, "morgan"));
            });
        });

        assertThat(jdbc.queryForObject("select count(*) from baton_escalation where lead_id = ?", Long.class, stopped)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from baton_activity where lead_id = ? and kind in ('REMINDER', 'ESCALATION')",
                Long.class, stopped)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from baton_escalation where lead_id = ?", Long.class, untouched))
                .as("one escalation per level, never duplicates").isEqualTo(reviewers(untouched).size());
    }

    private String[] reviewLinks(String leadId, String reviewer) {
        return jdbc.queryForList("select t.id_ from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_"
                        + " where p.business_key_ = ? and t.assignee_ = ?", String.class, leadId, reviewer).stream()
                .map(task -> "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task).toArray(String[]::new);
    }

    private List<String> reviewers(String leadId) {
        return jdbc.queryForList("select reviewer from baton_escalation where lead_id = ? order by level", String.class, leadId);
    }

    private static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String capture() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"email\": \"" + UUID.randomUUID() + "@example.com\", \"company\": \"Acme\", \"source\": \"web\"}";
        Map<?, ?> lead = http.withBasicAuth("mara", "mara").postForObject("/api/leads", new HttpEntity<>(body, headers), Map.class);
        return (String) lead.get("id");
    }
}

package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.support.PostgresApiTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Integrations retry; when they do so in parallel, Baton still keeps one lead and one process. */
class ConcurrentIntakeIT extends PostgresApiTest {

    private static final int THREADS = 16;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void concurrentPostsWithOneExternalIdCreateOneLeadAndOneProcess() throws Exception {
        String externalId = "race-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = storm(i -> """
                {"externalId":"%s","email":"race-%d-%s@example.com","source":"web","company":"Acme","country":"DE"}"""
                .formatted(externalId, i, externalId));

        assertOneLeadAnsweredToAll(answers);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where external_id = ?", Long.class, externalId)).isEqualTo(1);
        assertOneProcess(jdbc.queryForObject("select id from baton_lead where external_id = ?", String.class, externalId));
    }

    @Test
    void concurrentPostsWithOneEmailCreateOneOpenLeadAndOneProcess() throws Exception {
        String local = "same-" + UUID.randomUUID();
        // The spelling differs per caller; the open address is the same.
        List<HttpResponse<String>> answers = storm(i -> """
                {"email":"%s@%s","source":"fair","company":"Acme"}"""
                .formatted(i % 3 == 0 ? local.toUpperCase() : local, i % 2 == 0 ? "Example.COM" : "example.com"));

        assertOneLeadAnsweredToAll(answers);
        String openEmail = local + "@example.com";
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where open_email = ?", Long.class, openEmail)).isEqualTo(1);
        assertOneProcess(jdbc.queryForObject("select id from baton_lead where open_email = ?", String.class, openEmail));
    }

    private List<HttpResponse<String>> storm(IntFunction<String> body) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                byte[] payload = body.apply(i).getBytes(StandardCharsets.UTF_8);
                calls.add(callers.submit(() -> {
                    start.await();
                    return post("/api/leads", "application/json", payload);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
            return answers;
        } finally {
            callers.shutdownNow();
        }
    }

    private void assertOneLeadAnsweredToAll(List<HttpResponse<String>> answers) throws Exception {
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 201));
        assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(1);
        List<String> ids = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            JsonNode lead = json.readTree(answer.body());
            ids.add(lead.get("id").asText());
            assertThat(lead.get("owner").asText()).isNotBlank();
        }
        assertThat(ids).containsOnly(ids.get(0));
    }

    private void assertOneProcess(String leadId) {
        assertThat(jdbc.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = ? and business_key_ = ?",
                Long.class, LeadLifecycle.KEY, leadId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from baton_ownership_period where lead_id = ? and valid_to is null",
                Long.class, leadId)).isEqualTo(1);
    }
}

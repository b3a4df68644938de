package io.baton.support;

import io.baton.testing.PostgresDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadLifecycle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Baton on real PostgreSQL behind a real HTTP port, as integrations see it. All subclasses share
 * one application context, so the suite boots the engine once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "demo"})
public abstract class PostgresApiTest {

    protected static final String USER = "mara";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_import_it");
    }

    protected HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder().encodeToString((USER + ":" + USER).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + credentials);
    }

    protected HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every lead has exactly one lifecycle instance with its id as business key, and every such instance a lead. */
    protected void assertNoHalfWrittenLead() {
        Long leadsWithoutOneInstance = jdbc.queryForObject("""
                select count(*) from baton_lead l
                where (select count(*) from act_hi_procinst p where p.proc_def_key_ = ? and p.business_key_ = l.id) <> 1""",
                Long.class, LeadLifecycle.KEY);
        Long instancesWithoutLead = jdbc.queryForObject("""
                select count(*) from act_hi_procinst p where p.proc_def_key_ = ?
                and not exists (select 1 from baton_lead l where l.id = p.business_key_)""", Long.class, LeadLifecycle.KEY);
        Long runningWithoutHistory = jdbc.queryForObject("""
                select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                where e.id_ = e.proc_inst_id_ and d.key_ = ?
                and not exists (select 1 from baton_lead l where l.id = e.business_key_)""", Long.class, LeadLifecycle.KEY);
        assertThat(leadsWithoutOneInstance).as("leads without exactly one lifecycle instance").isZero();
        assertThat(instancesWithoutLead).as("lifecycle instances without a lead").isZero();
        assertThat(runningWithoutHistory).as("running lifecycle instances without a lead").isZero();
    }
}

package io.baton.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.support.PostgresApiTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class LeadImportIT extends PostgresApiTest {

    private static final int ROWS = 10_000;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tenThousandMixedRowsAreEachCreatedDuplicateOrRejected() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String existing = "imp-" + run + "-existing";
        assertThat(post("/api/leads", "application/json", ("{\"externalId\":\"" + existing + "\",\"email\":\"existing-" + run
                + "@example.com\",\"source\":\"web\",\"company\":\"Acme\"}").getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);

        StringBuilder csv = new StringBuilder("externalId,email,firstName,lastName,company,country,source,employees\n");
        int created = 0;
        int duplicates = 0;
        Map<Integer, String> rejectedField = new HashMap<>();
        int line = 1;
        for (int i = 0; i < ROWS; i++) {
            // The quoted line break of case 9 makes that row span two lines of the file.
            line += i > 0 && (i - 1) % 20 == 9 ? 2 : 1;
            String id = "imp-" + run + "-" + i;
            String email = "imp-" + run + "-" + i + "@example.com";
            switch (i % 20) {
                case 0 -> { csv.append(id).append(",not-an-email,Ann,Lee,Acme,DE,web,10\n"); rejectedField.put(line, "email"); }
                case 1 -> { csv.append(id).append(',').append(email).append(",Ann,Lee,Acme,XX,web,10\n"); rejectedField.put(line, "country"); }
                case 2 -> { csv.append(id).append(',').append(email).append(",Ann,Lee,Acme,DE,web,-5\n"); rejectedField.put(line, "employees"); }
                case 3 -> { csv.append(id).append(',').append(email).append(",Ann,Lee,Acme,DE,,7\n"); rejectedField.put(line, "source"); }
                case 4 -> { csv.append(id).append(',').append(email).append(",Ann,Lee,Acme,DE,web,many\n"); rejectedField.put(line, "employees"); }
                case 11 -> { csv.append(id).append(',').append(email).append(",only,four\n"); rejectedField.put(line, "row"); }
                case 6 -> { csv.append("imp-").append(run).append('-').append(i - 1).append(",x").append(email).append(",A,B,C,DE,web,1\n"); duplicates++; }
                case 7 -> { csv.append(existing).append(',').append(email).append(",A,B,C,DE,web,1\n"); duplicates++; }
                case 8 -> { csv.append(",\"IMP-").append(run).append('-').append(i - 3).append("@Example.com\",A,B,C,US,fair,1\n"); duplicates++; }
                case 9 -> { csv.append(id).append(',').append(email).append(",\"Lee, \"\"Ann\"\"\",\"multi\nline\",,FR,web,3\n"); created++; }
                default -> { csv.append(id).append(',').append(email).append(",Ann,Lee,\"Acme, Inc.\",de,web,").append(i).append('\n'); created++; }
            }
        }

        HttpResponse<String> accepted = post("/api/leads/import", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(json.readTree(accepted.body()).path("totalRows").asInt()).isEqualTo(ROWS);

        JsonNode report = awaitFinished(location.substring(location.indexOf("/api/")), Duration.ofMinutes(10));
        assertThat(report.path("status").asText()).isEqualTo("DONE");
        assertThat(report.path("rowsRead").asInt()).isEqualTo(ROWS);
        assertThat(report.path("created").asInt()).isEqualTo(created);
        assertThat(report.path("duplicates").asInt()).isEqualTo(duplicates);
        assertThat(report.path("rejected").asInt()).isEqualTo(rejectedField.size());
        assertThat(created + duplicates + rejectedField.size()).isEqualTo(ROWS);

        String id = report.path("id").asText();
        int seen = 0;
        for (int page = 0; seen < rejectedField.size(); page++) {
            JsonNode rows = json.readTree(get("/api/imports/" + id + "?size=1000&page=" + page).body()).path("rejectedRows");
            assertThat(rows.path("content")).isNotEmpty();
            for (JsonNode row : rows.path("content")) {
                int rejectedLine = row.path("line").asInt();
                assertThat(row.path("errors").findValuesAsText("field")).as("line " + rejectedLine).contains(rejectedField.get(rejectedLine));
                seen++;
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from baton_import_row where import_id = ?", Long.class, id)).isEqualTo(ROWS);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead where external_id like ?", Long.class, "imp-" + run + "-%"))
                .isEqualTo(created + 1L);
        assertThat(jdbc.queryForObject("select count(*) from baton_lead l join baton_import_row r on r.lead_id = l.id "
                + "where r.import_id = ? and r.outcome = 'CREATED' and l.owner is not null", Long.class, id)).isEqualTo((long) created);
        assertNoHalfWrittenLead();
    }

    @Test
    void jsonLinesImportReportsEachRow() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"externalId":"nd-%1$s-1","email":"nd-%1$s-1@example.com","source":"web","company":"Acme"}
                {"externalId":"nd-%1$s-2","email":"nd-%1$s-2@example.com","source":"web","shoeSize":44}

                {"externalId":"nd-%1$s-1","email":"other-%1$s@example.com","source":"web"}
                {"email":"broken
                """.formatted(run);
        HttpResponse<String> accepted = post("/api/leads/import", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode report = awaitFinished(location.substring(location.indexOf("/api/")), Duration.ofMinutes(2));
        assertThat(report.path("created").asInt()).isEqualTo(1);
        assertThat(report.path("duplicates").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        assertThat(report.path("rejectedRows").path("content").findValuesAsText("line")).containsExactly("2", "5");
        assertThat(report.path("rejectedRows").path("content").get(0).path("errors").get(0).path("field").asText()).isEqualTo("shoeSize");
        JsonNode rows = json.readTree(get("/api/imports/" + report.path("id").asText() + "/rows?outcome=DUPLICATE").body());
        assertThat(rows.path("content").get(0).path("line").asInt()).isEqualTo(4);
    }

    @Test
    void filesThatCannotBeImportedAreRefusedAsProblems() throws Exception {
        HttpResponse<String> wrongType = post("/api/leads/import", "text/plain", "email,source\n".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> badHeader = post("/api/leads/import", "text/csv", "email,source,shoeSize\na@b.io,web,3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badHeader.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badHeader.body()).path("errors").get(0).path("field").asText()).isEqualTo("header");

        StringBuilder tooMany = new StringBuilder("email,source\n");
        for (int i = 0; i <= 100_000; i++) {
            tooMany.append("a").append(i).append("@b.io,web\n");
        }
        HttpResponse<String> overLimit = post("/api/leads/import", "text/csv", tooMany.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(overLimit.statusCode()).isEqualTo(413);
        assertThat(overLimit.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> unknown = get("/api/imports/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private JsonNode awaitFinished(String path, Duration patience) {
        return Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> json.readTree(get(path).body()),
                report -> !report.path("status").asText().equals("QUEUED") && !report.path("status").asText().equals("RUNNING"));
    }
}

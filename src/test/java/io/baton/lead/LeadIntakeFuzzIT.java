package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.support.PostgresApiTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against {@code POST /api/leads}: random JSON shapes, wrong types, huge and exotic
 * strings, broken JSON and bytes, wrong content types. Seeded, so a failure replays with
 * {@code -Dfuzz.seed=…}; the seed is printed.
 */
class LeadIntakeFuzzIT extends PostgresApiTest {

    private static final int CASES = Integer.getInteger("fuzz.cases", 400);
    private static final List<String> FIELDS = List.of("externalId", "email", "firstName", "lastName", "company", "country", "source", "employees");
    private static final String[] EXOTIC = {"\u0000", "\u202Eevil", "😀🚀", "\uD83D", "'; drop table baton_lead; --", "<script>", "ß", "İ", "\\u0000",
            "\n", "\t", " ", "%00", "${jndi:ldap://x}", "#{1+1}", "Ω≈ç√", "\u200B", "null", "NaN"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=UTF-16", "application/octet-stream", "text/csv", "application/x-ndjson", "*/*", "application/jsonx", "garbage"};

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void garbageNeverYields500NorHalfWrittenLeads() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("LeadIntakeFuzzIT seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        int created = 0;
        for (int i = 0; i < CASES; i++) {
            String contentType = "application/json";
            byte[] body;
            switch (random.nextInt(10)) {
                case 0 -> body = json.writeValueAsBytes(randomValue(random, 0));
                case 1 -> body = truncated(random, leadShaped(random));
                case 2 -> body = randomBytes(random);
                case 3 -> {
                    contentType = random.nextInt(5) == 0 ? null : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                    body = leadShaped(random).getBytes(StandardCharsets.UTF_8);
                }
                default -> body = leadShaped(random).getBytes(StandardCharsets.UTF_8);
            }
            HttpResponse<String> answer = post("/api/leads", contentType, body);
            String replay = "case " + i + " (seed " + seed + "), " + contentType + ": " + preview(body) + " -> " + answer.statusCode() + " " + answer.body();
            assertThat(answer.statusCode()).as(replay).isLessThan(500);
            if (answer.statusCode() >= 400) {
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(replay).startsWith("application/problem+json");
                JsonNode problem = json.readTree(answer.body());
                assertThat(problem.path("status").asInt()).as(replay).isEqualTo(answer.statusCode());
                for (JsonNode error : problem.path("errors")) {
                    assertThat(error.path("field").asText()).as(replay).isNotBlank();
                    assertThat(error.path("message").asText()).as(replay).isNotBlank();
                }
            } else {
                assertThat(json.readTree(answer.body()).path("id").asText()).as(replay).isNotBlank();
                created++;
            }
        }
        System.out.println("LeadIntakeFuzzIT: " + CASES + " cases, " + created + " accepted");
        assertNoHalfWrittenLead();
    }

    /** An object with lead fields, each valid, missing, null, mistyped, huge or exotic. */
    private String leadShaped(Random random) throws Exception {
        var lead = json.createObjectNode();
        for (String field : FIELDS) {
            switch (random.nextInt(12)) {
                case 0 -> { }
                case 1 -> lead.putNull(field);
                case 2 -> lead.set(field, json.valueToTree(randomValue(random, 1)));
                case 3 -> lead.put(field, "x".repeat(random.nextInt(3) == 0 ? 300_000 : 150 + random.nextInt(200)));
                case 4 -> lead.put(field, exotic(random));
                case 5 -> lead.put(field, random.nextLong());
                default -> putValid(lead, field, random);
            }
        }
        if (random.nextInt(8) == 0) {
            lead.put("field" + random.nextInt(100), "unexpected");
        }
        return json.writeValueAsString(lead);
    }

    private static void putValid(ObjectNode lead, String field, Random random) {
        String token = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        switch (field) {
            case "email" -> lead.put(field, "fuzz-" + token + "@example.com");
            case "country" -> lead.put(field, random.nextBoolean() ? "DE" : "us");
            case "employees" -> lead.put(field, random.nextInt(5000));
            case "externalId" -> lead.put(field, "fuzz-" + token);
            default -> lead.put(field, "Fuzz " + token);
        }
    }

    private static String exotic(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            text.append(random.nextBoolean() ? EXOTIC[random.nextInt(EXOTIC.length)] : (char) random.nextInt(0xFFFF));
        }
        return text.toString();
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(3) == 0 ? random.nextDouble() * 1e300 : random.nextLong();
            case 3 -> exotic(random);
            case 4 -> "s" + random.nextInt();
            case 5 -> IntStream.range(0, random.nextInt(4)).mapToObj(i -> randomValue(random, depth + 1)).toList();
            default -> {
                var map = new LinkedHashMap<String, Object>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    String key = random.nextBoolean() ? FIELDS.get(random.nextInt(FIELDS.size())) : exotic(random);
                    map.put(key, randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static byte[] truncated(Random random, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = '{';
        }
        return bytes;
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }
}

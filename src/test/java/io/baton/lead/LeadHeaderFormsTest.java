package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every form of a lead opens with the same lead header: form-js has no includes, so the header is
 * one text component copied into each form, and this test keeps the copies identical and complete —
 * a designer adding a form to {@code processes/} cannot forget it or let it drift.
 */
class LeadHeaderFormsTest {

    /** What the header shows, as lead-card paths: company, contact, size, source, country, owner, who had it before, the sender's context. */
    private static final List<String> HEADER_FIELDS = List.of("{{lead.title}}", "{{lead.company}}", "{{lead.name}}", "{{lead.email}}",
            "{{lead.size}}", "{{lead.source}}", "{{lead.country}}", "{{lead.owner.name}}", "{{lead.previousOwner.name}}",
            "{{lead.handoff.from}}", "{{lead.handoff.summary}}");

    private final ObjectMapper json = new ObjectMapper();

    private Map<String, JsonNode> forms() throws IOException {
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
                forms.put(file.getFileName().toString(), json.readTree(file.toFile()));
            }
        }
        assertThat(forms.keySet()).as("the Modeler workspace's forms").hasSizeGreaterThanOrEqualTo(11);
        return forms;
    }

    /** The header component of a form: the text component whose id ends with {@code _leadCard}. */
    private static List<JsonNode> headers(JsonNode form) {
        List<JsonNode> found = new ArrayList<>();
        form.path("components").forEach(c -> {
            if ("text".equals(c.path("type").asText()) && c.path("id").asText().endsWith("_leadCard")) {
                found.add(c);
            }
        });
        return found;
    }

    @Test
    void everyFormOpensWithTheSameLeadHeader() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        forms().forEach((name, form) -> {
            List<JsonNode> headers = headers(form);
            assertThat(headers).as("%s has exactly one lead header (a text component with id Field_…_leadCard)", name).hasSize(1);
            texts.put(name, headers.get(0).path("text").asText());
            // Before any question: the header is what the person reads first.
            JsonNode first = null;
            for (JsonNode component : form.path("components")) {
                if (component.has("key")) {
                    first = component;
                    break;
                }
            }
            if (first != null) {
                int header = indexOf(form, headers.get(0));
                assertThat(header).as("%s shows the header before its first field", name).isLessThan(indexOf(form, first));
            }
            assertThat(headers.get(0).has("conditional")).as("%s: the header is never hidden", name).isFalse();
        });
        String reference = texts.get("qualify-lead.form");
        assertThat(texts).as("every form's header is the same text as qualify-lead.form's").allSatisfy((name, text) ->
                assertThat(text).as(name).isEqualTo(reference));
    }

    @Test
    void theHeaderNamesCompanyContactSizeSourceCountryOwnerPreviousOwnerAndTheSendersContext() throws IOException {
        String header = headers(forms().get("needs-analysis.form")).get(0).path("text").asText();
        assertThat(header).contains(HEADER_FIELDS);
    }

    private static int indexOf(JsonNode form, JsonNode component) {
        int i = 0;
        for (JsonNode c : form.path("components")) {
            if (c == component) {
                return i;
            }
            i++;
        }
        return -1;
    }
}

package io.baton.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadRowsTest {

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void quotedCsvValuesKeepCommasQuotesAndLineBreaks() throws IOException {
        List<LeadRows.Row> rows = read(ImportFormat.CSV, """
                externalId,email,company,source
                x-1,"a@b.io","Acme, ""the"" one",web
                x-2,c@d.io,"two
                lines",fair
                """);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).request().company()).isEqualTo("Acme, \"the\" one");
        assertThat(rows.get(1).request().company()).isEqualTo("two\nlines");
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void csvRowsThatCannotBecomeRequestsNameTheField() throws IOException {
        List<LeadRows.Row> rows = read(ImportFormat.CSV, "\uFEFFemail,source,employees\r\na@b.io,web,many\r\n\r\na@b.io,web\r\nc@d.io,web,12\r\n");
        assertThat(rows).extracting(LeadRows.Row::line).containsExactly(2, 4, 5);
        assertThat(rows.get(0).problems()).containsExactly(new RowProblem("employees", "must be a whole number"));
        assertThat(rows.get(1).problems()).extracting(RowProblem::field).containsExactly(RowProblem.WHOLE_ROW);
        assertThat(rows.get(2).request().employees()).isEqualTo(12);
    }

    @Test
    void csvHeaderMustNameKnownColumnsIncludingEmailAndSource() {
        assertThatThrownBy(() -> read(ImportFormat.CSV, "email,source,shoeSize\n")).hasMessageContaining("shoeSize");
        assertThatThrownBy(() -> read(ImportFormat.CSV, "email,company\n")).hasMessageContaining("source");
        assertThatThrownBy(() -> read(ImportFormat.CSV, "")).hasMessageContaining("header");
    }

    @Test
    void unclosedQuoteOrOversizedRecordFailsTheFile() {
        assertThatThrownBy(() -> read(ImportFormat.CSV, "email,source\n\"a@b.io,web\n")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> read(ImportFormat.NDJSON, "{\"email\":\"" + "x".repeat(400) + "\"}\n"))
                .hasMessageContaining("longer than 256");
    }

    @Test
    void jsonLinesRejectUnknownFieldsWrongTypesAndBrokenJson() throws IOException {
        List<LeadRows.Row> rows = read(ImportFormat.NDJSON, """
                {"email":"a@b.io","source":"web","externalId":"j-1"}
                {"email":"a@b.io","source":"web","shoe":1}

                {"email":"a@b.io","source":"web","employees":"lots"}
                {"email":
                [1,2]
                """);
        assertThat(rows).extracting(LeadRows.Row::line).containsExactly(1, 2, 4, 5, 6);
        assertThat(rows.get(0).request().externalId()).isEqualTo("j-1");
        assertThat(rows.get(1).problems()).containsExactly(new RowProblem("shoe", "is not a known field"));
        assertThat(rows.get(2).problems()).containsExactly(new RowProblem("employees", "has the wrong type or format"));
        assertThat(rows.get(3).problems()).extracting(RowProblem::field).containsExactly(RowProblem.WHOLE_ROW);
        assertThat(rows.get(4).problems()).extracting(RowProblem::field).containsExactly(RowProblem.WHOLE_ROW);
    }

    @Test
    void ownerAndStagePlaceARowAndTheFileNamesThemAsPipelineColumns() throws IOException {
        LeadRows csv = LeadRows.open(ImportFormat.CSV, new StringReader("email,source,Owner,stage\na@b.io,web,alex,negotiate\nc@d.io,web,,\n"), 256, json);
        assertThat(csv.pipelineColumns()).as("named by the header").containsExactly("owner", "stage");
        LeadRows.Row placed = csv.next();
        assertThat(placed.owner()).isEqualTo("alex");
        assertThat(placed.stage()).isEqualTo("negotiate");
        assertThat(placed.index()).isZero();
        LeadRows.Row plain = csv.next();
        assertThat(plain.placed()).isFalse();
        assertThat(plain.index()).isEqualTo(1);

        LeadRows lines = LeadRows.open(ImportFormat.NDJSON, new StringReader("""
                {"email":"a@b.io","source":"web"}
                {"email":"a@b.io","source":"web","stage":"qualifyLead","owner":"sam"}
                {"email":"a@b.io","source":"web","owner":7}
                {"email":"a@b.io","source":"web","stage":"qualifyLead","shoe":1}
                """), 256, json);
        assertThat(lines.next().placed()).isFalse();
        assertThat(lines.pipelineColumns()).isEmpty();
        LeadRows.Row json = lines.next();
        assertThat(json.problems()).isEmpty();
        assertThat(json.request().email()).isEqualTo("a@b.io");
        assertThat(json.owner()).isEqualTo("sam");
        assertThat(json.stage()).isEqualTo("qualifyLead");
        assertThat(lines.next().problems()).containsExactly(new RowProblem("owner", "must be a string"));
        assertThat(lines.next().problems()).containsExactly(new RowProblem("shoe", "is not a known field"));
        assertThat(lines.pipelineColumns()).containsExactly("owner", "stage");
    }

    private List<LeadRows.Row> read(ImportFormat format, String text) throws IOException {
        LeadRows source = LeadRows.open(format, new StringReader(text), 256, json);
        List<LeadRows.Row> rows = new ArrayList<>();
        LeadRows.Row row;
        while ((row = source.next()) != null) {
            rows.add(row);
        }
        return rows;
    }
}

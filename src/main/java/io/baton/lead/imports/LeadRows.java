package io.baton.lead.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.baton.lead.LeadRequest;
import io.baton.system.JsonTrouble;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows of an import file as lead requests. A row that cannot become a request (wrong number of
 * values, a value of the wrong type, broken JSON) carries the problem instead; Bean Validation of
 * the request happens later, with the same rules as {@code POST /api/leads}.
 */
abstract class LeadRows {

    /** One data row: a request to capture, or the problems that keep it from being one. */
    record Row(int line, LeadRequest request, String externalId, List<RowProblem> problems) {

        boolean readable() {
            return problems.isEmpty();
        }
    }

    static final List<String> FIELDS = List.of("externalId", "email", "firstName", "lastName", "company", "country", "source", "employees");
    private static final Set<String> REQUIRED_COLUMNS = Set.of("email", "source");
    private static final Map<String, String> BY_LOWER_CASE = FIELDS.stream()
            .collect(Collectors.toMap(f -> f.toLowerCase(Locale.ROOT), Function.identity()));
    private static final int MAX_REPORTED_CHARS = 200;

    /** The next row, or null at the end of the file. */
    abstract Row next() throws IOException;

    static LeadRows open(ImportFormat format, Reader reader, int maxRecordChars, ObjectMapper json) throws IOException {
        return switch (format) {
            case CSV -> new Csv(new CsvRecords(reader, maxRecordChars));
            case NDJSON -> new JsonRows(new JsonLines(reader, maxRecordChars), json);
        };
    }

    static String reportable(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_REPORTED_CHARS ? value : value.substring(0, MAX_REPORTED_CHARS - 1) + "…";
    }

    private static final class Csv extends LeadRows {

        private final CsvRecords records;
        private final List<String> columns;

        Csv(CsvRecords records) throws IOException {
            this.records = records;
            CsvRecords.Record header = records.next();
            if (header == null) {
                throw ImportFileException.invalid(1, "header", "is missing: the first line must name the columns, e.g. " + String.join(",", FIELDS));
            }
            this.columns = columns(header);
        }

        private static List<String> columns(CsvRecords.Record header) {
            List<String> names = new ArrayList<>();
            for (String raw : header.values()) {
                String name = BY_LOWER_CASE.get(raw.strip().toLowerCase(Locale.ROOT));
                if (name == null) {
                    throw ImportFileException.invalid(header.line(), "header",
                            "names an unknown column '" + reportable(raw.strip()) + "'; known columns: " + String.join(",", FIELDS));
                }
                if (names.contains(name)) {
                    throw ImportFileException.invalid(header.line(), "header", "names column '" + name + "' twice");
                }
                names.add(name);
            }
            for (String required : REQUIRED_COLUMNS) {
                if (!names.contains(required)) {
                    throw ImportFileException.invalid(header.line(), "header", "lacks the required column '" + required + "'");
                }
            }
            return names;
        }

        @Override
        Row next() throws IOException {
            CsvRecords.Record record = records.next();
            if (record == null) {
                return null;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < Math.min(columns.size(), record.values().size()); i++) {
                String value = record.values().get(i).strip();
                values.put(columns.get(i), value.isEmpty() ? null : value);
            }
            String externalId = reportable(values.get("externalId"));
            if (record.values().size() != columns.size()) {
                return new Row(record.line(), null, externalId, List.of(new RowProblem(RowProblem.WHOLE_ROW,
                        "has " + record.values().size() + " values but the header names " + columns.size() + " columns")));
            }
            Integer employees = null;
            String employeesText = values.get("employees");
            if (employeesText != null) {
                try {
                    employees = Integer.valueOf(employeesText);
                } catch (NumberFormatException e) {
                    return new Row(record.line(), null, externalId, List.of(new RowProblem("employees", "must be a whole number")));
                }
            }
            LeadRequest request = new LeadRequest(values.get("externalId"), values.get("email"), values.get("firstName"),
                    values.get("lastName"), values.get("company"), values.get("country"), values.get("source"), employees);
            return new Row(record.line(), request, externalId, List.of());
        }
    }

    private static final class JsonRows extends LeadRows {

        private final JsonLines lines;
        private final ObjectMapper json;

        JsonRows(JsonLines lines, ObjectMapper json) {
            this.lines = lines;
            this.json = json;
        }

        @Override
        Row next() throws IOException {
            JsonLines.Line line = lines.next();
            if (line == null) {
                return null;
            }
            try {
                LeadRequest request = json.readValue(line.text(), LeadRequest.class);
                if (request == null) {
                    return new Row(line.number(), null, null, List.of(new RowProblem(RowProblem.WHOLE_ROW, "must be a JSON object")));
                }
                return new Row(line.number(), request, reportable(request.externalId()), List.of());
            } catch (UnrecognizedPropertyException unknown) {
                return new Row(line.number(), null, null, List.of(new RowProblem(path(unknown), "is not a known field")));
            } catch (JsonMappingException mapping) {
                String field = mapping.getPath().isEmpty() ? RowProblem.WHOLE_ROW : path(mapping);
                String message = mapping.getPath().isEmpty() ? "must be a JSON object" : "has the wrong type or format";
                return new Row(line.number(), null, null, List.of(new RowProblem(field, message)));
            } catch (JsonProcessingException malformed) {
                String duplicate = JsonTrouble.duplicateKey(malformed);
                if (duplicate != null) {
                    return new Row(line.number(), null, null, List.of(new RowProblem(reportable(duplicate), JsonTrouble.DUPLICATE_KEY)));
                }
                return new Row(line.number(), null, null, List.of(new RowProblem(RowProblem.WHOLE_ROW, "is not well-formed JSON")));
            }
        }

        private static String path(JsonMappingException ex) {
            return reportable(ex.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")));
        }
    }
}

package io.baton.lead.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows of an import file as lead requests. A row that cannot become a request (wrong number of
 * values, a value of the wrong type, broken JSON) carries the problem instead; Bean Validation of
 * the request happens later, with the same rules as {@code POST /api/leads}.
 */
abstract class LeadRows {

    /**
     * One data row: a request to capture, or the problems that keep it from being one; {@code owner}
     * and {@code stage} place a live lead in the pipeline (null on a plain row); {@code index} counts
     * the data rows of the file from 0.
     */
    record Row(int line, LeadRequest request, String externalId, List<RowProblem> problems, String owner, String stage, int index) {

        Row(int line, LeadRequest request, String externalId, List<RowProblem> problems) {
            this(line, request, externalId, problems, null, null, 0);
        }

        boolean readable() {
            return problems.isEmpty();
        }

        boolean placed() {
            return owner != null || stage != null;
        }

        Row numbered(int index) {
            return new Row(line, request, externalId, problems, owner, stage, index);
        }
    }

    static final String OWNER = "owner";
    static final String STAGE = "stage";
    /** Columns that place a lead at a stage with a named owner: for managers and admins only. */
    static final List<String> PIPELINE_FIELDS = List.of(OWNER, STAGE);
    static final List<String> FIELDS = List.of("externalId", "email", "firstName", "lastName", "company", "country", "source", "employees",
            OWNER, STAGE);
    private static final Set<String> REQUIRED_COLUMNS = Set.of("email", "source");
    private static final Map<String, String> BY_LOWER_CASE = FIELDS.stream()
            .collect(Collectors.toMap(f -> f.toLowerCase(Locale.ROOT), Function.identity()));
    private static final int MAX_REPORTED_CHARS = 200;

    private final Set<String> pipelineColumns = new TreeSet<>();
    private int rows;

    /** The next row, or null at the end of the file. */
    final Row next() throws IOException {
        Row row = read();
        if (row == null) {
            return null;
        }
        if (row.owner() != null) {
            pipelineColumns.add(OWNER);
        }
        if (row.stage() != null) {
            pipelineColumns.add(STAGE);
        }
        return row.numbered(rows++);
    }

    abstract Row read() throws IOException;

    /** The pipeline columns ({@code owner}, {@code stage}) the file has used so far: a CSV header naming them counts. */
    Set<String> pipelineColumns() {
        return pipelineColumns;
    }

    void sawColumn(String column) {
        pipelineColumns.add(column);
    }

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
            columns.stream().filter(PIPELINE_FIELDS::contains).forEach(this::sawColumn);
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
        Row read() throws IOException {
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
            return new Row(record.line(), request, externalId, List.of(), values.get(OWNER), values.get(STAGE), 0);
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
        Row read() throws IOException {
            JsonLines.Line line = lines.next();
            if (line == null) {
                return null;
            }
            String text = line.text();
            String owner = null;
            String stage = null;
            if (mayPlace(text)) {
                // Owner and stage are no fields of POST /api/leads: taken off the object, the rest reads as there.
                ObjectNode object = placement(text);
                if (object != null) {
                    JsonNode ownerNode = object.remove(OWNER);
                    JsonNode stageNode = object.remove(STAGE);
                    for (Map.Entry<String, JsonNode> field : Map.of(OWNER, nullToMissing(ownerNode), STAGE, nullToMissing(stageNode)).entrySet()) {
                        if (!field.getValue().isMissingNode() && !field.getValue().isTextual()) {
                            return new Row(line.number(), null, reportable(object.path("externalId").asText(null)),
                                    List.of(new RowProblem(field.getKey(), "must be a string")));
                        }
                    }
                    owner = blankToNull(ownerNode);
                    stage = blankToNull(stageNode);
                    text = json.writeValueAsString(object);
                }
            }
            try {
                LeadRequest request = json.readValue(text, LeadRequest.class);
                if (request == null) {
                    return new Row(line.number(), null, null, List.of(new RowProblem(RowProblem.WHOLE_ROW, "must be a JSON object")));
                }
                return new Row(line.number(), request, reportable(request.externalId()), List.of(), owner, stage, 0);
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

        private static boolean mayPlace(String text) {
            return text.contains("\"" + OWNER + "\"") || text.contains("\"" + STAGE + "\"");
        }

        /** The line as an object, or null when it is none (the plain reading reports why). */
        private ObjectNode placement(String text) {
            try {
                return json.readTree(text) instanceof ObjectNode object ? object : null;
            } catch (JsonProcessingException malformed) {
                return null;
            }
        }

        private static JsonNode nullToMissing(JsonNode node) {
            return node == null || node.isNull() ? MissingNode.getInstance() : node;
        }

        private static String blankToNull(JsonNode node) {
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                return null;
            }
            return node.asText().strip();
        }

        private static String path(JsonMappingException ex) {
            return reportable(ex.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")));
        }
    }
}

package io.baton.lead.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Imports and the outcome of each of their rows, in {@code baton_import} and {@code baton_import_row}. */
@Repository
class ImportStore {

    enum Status { QUEUED, RUNNING, DONE, FAILED, INTERRUPTED }

    enum Outcome { CREATED, DUPLICATE, REJECTED }

    record Summary(String id, ImportFormat format, Status status, int totalRows, int rowsRead, int created, int duplicates,
                   int rejected, String createdBy, Instant createdAt, Instant updatedAt, Instant finishedAt, String failure) {
    }

    record RowOutcome(int line, Outcome outcome, String leadId, String externalId, List<RowProblem> problems) {
    }

    private static final int MAX_REASONS_CHARS = 4000;
    private static final TypeReference<List<RowProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ImportStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, ImportFormat format, int totalRows, String createdBy, Instant now) {
        jdbc.update("""
                insert into baton_import (id, format, status, total_rows, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""", id, format.name(), Status.QUEUED.name(), totalRows, createdBy,
                Timestamp.from(now), Timestamp.from(now));
    }

    void status(String id, Status status, String failure, Instant now) {
        boolean finished = status != Status.QUEUED && status != Status.RUNNING;
        jdbc.update("update baton_import set status = ?, failure = ?, updated_at = ?, finished_at = ? where id = ?",
                status.name(), failure, Timestamp.from(now), finished ? Timestamp.from(now) : null, id);
    }

    /** Stores the outcomes and moves the counters; in the caller's transaction, so progress and leads agree. */
    void record(String id, List<RowOutcome> outcomes, Instant now) {
        jdbc.batchUpdate("insert into baton_import_row (import_id, line, outcome, lead_id, external_id, reasons) values (?, ?, ?, ?, ?, ?)",
                outcomes, outcomes.size(), (statement, outcome) -> {
                    statement.setString(1, id);
                    statement.setInt(2, outcome.line());
                    statement.setString(3, outcome.outcome().name());
                    statement.setString(4, outcome.leadId());
                    statement.setString(5, outcome.externalId());
                    statement.setString(6, reasons(outcome.problems()));
                });
        jdbc.update("""
                update baton_import set rows_read = rows_read + ?, created = created + ?, duplicates = duplicates + ?,
                rejected = rejected + ?, updated_at = ? where id = ?""",
                outcomes.size(), count(outcomes, Outcome.CREATED), count(outcomes, Outcome.DUPLICATE),
                count(outcomes, Outcome.REJECTED), Timestamp.from(now), id);
    }

    Optional<Summary> find(String id) {
        return jdbc.query("select * from baton_import where id = ?", this::summary, id).stream().findFirst();
    }

    List<RowOutcome> rows(String id, Outcome outcome, int offset, int limit) {
        String sql = "select line, outcome, lead_id, external_id, reasons from baton_import_row where import_id = ?"
                + (outcome == null ? "" : " and outcome = ?") + " order by line limit ? offset ?";
        Object[] args = outcome == null ? new Object[] {id, limit, offset} : new Object[] {id, outcome.name(), limit, offset};
        return jdbc.query(sql, (rs, n) -> new RowOutcome(rs.getInt("line"), Outcome.valueOf(rs.getString("outcome")),
                rs.getString("lead_id"), rs.getString("external_id"), problems(rs.getString("reasons"))), args);
    }

    private Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getString("id"), ImportFormat.valueOf(rs.getString("format")), Status.valueOf(rs.getString("status")),
                rs.getInt("total_rows"), rs.getInt("rows_read"), rs.getInt("created"), rs.getInt("duplicates"), rs.getInt("rejected"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("finished_at")), rs.getString("failure"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static int count(List<RowOutcome> outcomes, Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o.outcome() == outcome).count();
    }

    private String reasons(List<RowProblem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        try {
            // Field names and messages are bounded, so only a row failing on many fields at once is cut short.
            for (int keep = problems.size(); keep > 0; keep--) {
                String text = json.writeValueAsString(problems.subList(0, keep));
                if (text.length() <= MAX_REASONS_CHARS) {
                    return text;
                }
            }
            return "[]";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the reasons of an import row", e);
        }
    }

    private List<RowProblem> problems(String reasons) {
        if (reasons == null) {
            return List.of();
        }
        try {
            return json.readValue(reasons, PROBLEMS);
        } catch (JsonProcessingException e) {
            return List.of(new RowProblem(RowProblem.WHOLE_ROW, "reasons unreadable"));
        }
    }
}

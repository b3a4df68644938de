package io.baton.lead.imports;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The file as a whole cannot be imported; nothing of it was stored. Rendered as problem+json. */
class ImportFileException extends ErrorResponseException {

    ImportFileException(HttpStatus status, String title, String detail, List<RowProblem> errors) {
        super(status, problem(status, title, detail, errors), null);
    }

    static ImportFileException invalid(int line, String field, String message) {
        return new ImportFileException(HttpStatus.BAD_REQUEST, "Invalid import file", "line " + line + ": " + field + " " + message,
                List.of(new RowProblem(field, "line " + line + ": " + message)));
    }

    static ImportFileException tooLarge(String detail) {
        return new ImportFileException(HttpStatus.PAYLOAD_TOO_LARGE, "Import file too large", detail, List.of());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<RowProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        return problem;
    }
}

package io.baton.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of a 400 that names its fields ({@code errors: [{field, message}]}), for
 * {@link ProblemAdvice} and for features whose exceptions carry their own problem details.
 */
public final class InvalidRequest {

    public record FieldProblem(String field, String message) {
    }

    private InvalidRequest() {
    }

    public static ProblemDetail problem(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.field() + ": " + e.message()).sorted().collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    public static ProblemDetail problem(String field, String message) {
        return problem(List.of(new FieldProblem(field, message)));
    }
}

package io.baton.lead;

import io.baton.system.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Problem details of the lead's own refusals, naming the field they are about. */
final class LeadProblems {

    private LeadProblems() {
    }

    static ErrorResponseException of(HttpStatus status, String title, String field, String message) {
        return of(status, title, List.of(new Refusal.Problem(field, message)));
    }

    static ErrorResponseException of(HttpStatus status, String title, List<Refusal.Problem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        problem.setTitle(title);
        problem.setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return new ErrorResponseException(status, problem, null);
    }
}

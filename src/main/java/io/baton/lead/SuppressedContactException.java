package io.baton.lead;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A capture of an address the suppression list holds (the address or its domain was imported):
 * {@code 409} naming {@code email}, and nothing of any lead, as a duplicate the caller may not read is
 * answered. Bulk import reports the row as rejected for the same reason.
 */
public class SuppressedContactException extends ErrorResponseException {

    public static final String FIELD = "email";
    public static final String MESSAGE = "is on the suppression list; it is not captured until the suppression is lifted";

    SuppressedContactException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, FIELD + ": " + MESSAGE);
        problem.setTitle("Suppressed contact");
        problem.setProperty("errors", List.of(Map.of("field", FIELD, "message", MESSAGE)));
        return problem;
    }
}

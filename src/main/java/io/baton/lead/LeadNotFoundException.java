package io.baton.lead;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No such lead, or one the caller may not see: answered as 404 problem+json. */
public class LeadNotFoundException extends ErrorResponseException {

    public LeadNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem("No lead with id " + id), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, message);
        problem.setTitle("Lead not found");
        return problem;
    }
}

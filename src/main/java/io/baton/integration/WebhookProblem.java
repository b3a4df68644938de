package io.baton.integration;

import io.baton.system.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A webhook request Baton refuses: 400 naming the field, 404 for an unknown subscription or delivery, 409 for a delivery in the wrong state. */
class WebhookProblem extends ErrorResponseException {

    private WebhookProblem(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    static WebhookProblem invalid(String field, String message) {
        return new WebhookProblem(HttpStatus.BAD_REQUEST, InvalidRequest.problem(field, message));
    }

    static WebhookProblem notFound(String what) {
        return new WebhookProblem(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, what + " not found"));
    }

    static WebhookProblem conflict(String detail) {
        return new WebhookProblem(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail));
    }
}

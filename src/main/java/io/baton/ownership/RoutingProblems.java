package io.baton.ownership;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Routing's own problem details. Ahead of the catch-all advice, which would otherwise answer the
 * engine's wrapping exception with a 500; Spring matches the cause wherever the engine nested it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RoutingProblems {

    /** 503: the request is fine and will succeed unchanged once the teams exist; nothing was stored. */
    @ExceptionHandler(NoTeamException.class)
    ResponseEntity<ProblemDetail> noTeam(NoTeamException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("No team to route to");
        problem.setProperty("missingTeam", ex.team());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

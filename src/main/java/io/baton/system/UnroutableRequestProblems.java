package io.baton.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests to {@code /api} that match no handler (wrong content type, method or path) fail before
 * any Baton controller is chosen, so {@link ProblemAdvice}, scoped to Baton's controllers, never
 * sees them. They get the same problem+json here instead of the servlet container's error page.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnroutableRequestProblems {

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
            HttpRequestMethodNotSupportedException.class, NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ProblemDetail> unroutable(Exception ex, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            // Webapps and static resources keep their default handling.
            throw ex;
        }
        ErrorResponse error = (ErrorResponse) ex;
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(error.getBody());
    }
}

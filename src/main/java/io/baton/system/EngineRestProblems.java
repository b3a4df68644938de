package io.baton.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Clean answers from the engine's two HTTP surfaces — Camunda's REST API ({@code /engine-rest}) and
 * the web apps' own ({@code /camunda/api/engine}, which Tasklist submits forms through). Camunda
 * answers a refused answer, a lost race or a missing task alike with a 500 whose message may carry
 * SQL; here they become problem+json with the status they deserve: Baton's refusals with theirs
 * (400/403/409, naming each field in {@code errors}), concurrent changes 409, missing things 404,
 * and anything else unexpected a 500 without internals. The {@code message} member is what
 * Tasklist shows its user.
 */
final class EngineRestProblems extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineRestProblems.class);
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "23505", "55P03", "HYT00");

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<EngineRestProblems> engineRestProblems() {
            FilterRegistrationBean<EngineRestProblems> registration = new FilterRegistrationBean<>(new EngineRestProblems());
            registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
            registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
            return registration;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        EngineFailures.clear();
        try {
            chain.doFilter(request, buffered);
            Throwable failure = EngineFailures.last();
            int status = buffered.getStatus();
            if (status >= 400 && failure != null && rewrite(response, failure, status)) {
                return;
            }
            if (status >= 500) {
                log.error("Unexpected engine failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
                write(response, 500, "Internal error", "The engine could not complete the request; nothing was changed", List.of());
                return;
            }
            buffered.copyBodyToResponse();
        } finally {
            EngineFailures.clear();
        }
    }

    private boolean rewrite(HttpServletResponse response, Throwable failure, int status) throws IOException {
        Refusal refusal = cause(failure, Refusal.class);
        if (refusal != null) {
            write(response, refusal.status(), refusal.status() == 403 ? "Forbidden" : refusal.status() == 409 ? "Conflict" : "Invalid request",
                    refusal.getMessage(), refusal.problems());
            return true;
        }
        if (isConflict(failure) || cause(failure, TaskAlreadyClaimedException.class) != null) {
            write(response, 409, "Concurrent change",
                    "Someone else changed this task or lead at the same moment; reload and try again", List.of());
            return true;
        }
        if (status < 500) {
            // Camunda's own 4xx (a form field validation, a bad request) in the same shape as Baton's;
            // authorization failures keep Camunda's body, which the web apps read.
            if (failure instanceof ProcessEngineException engine && !(failure instanceof AuthorizationException)) {
                write(response, status, status == 404 ? "Not found" : "Invalid request", engine.getMessage(), List.of());
                return true;
            }
            return false;
        }
        NotFoundException missing = cause(failure, NotFoundException.class);
        if (missing != null) {
            write(response, 404, "Not found", missing.getMessage(), List.of());
            return true;
        }
        BadUserRequestException bad = cause(failure, BadUserRequestException.class);
        NullValueException nullValue = cause(failure, NullValueException.class);
        if (bad != null || nullValue != null) {
            write(response, 400, "Invalid request", (bad != null ? bad : nullValue).getMessage(), List.of());
            return true;
        }
        return false;
    }

    private static boolean isConflict(Throwable failure) {
        if (cause(failure, OptimisticLockingException.class) != null) {
            return true;
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static <E extends Throwable> E cause(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private void write(HttpServletResponse response, int status, String title, String detail, List<Refusal.Problem> problems)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        // Camunda's web apps show the "message" of a failed call to their user.
        problem.put("message", detail);
        if (!problems.isEmpty()) {
            problem.put("errors", problems);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}

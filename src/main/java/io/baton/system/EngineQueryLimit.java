package io.baton.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every engine query a user sends. The engine refuses queries of authenticated users that
 * ask for more than {@code queryMaxResultsLimit} rows, and refuses unpaged ones outright; so that
 * an unpaged call such as {@code GET /engine-rest/task?processInstanceBusinessKey=…} keeps
 * answering, a request to Camunda's REST API (also as the webapps reach it) without
 * {@code maxResults} gets {@code maxResults} = the limit. A caller that wants more pages on with
 * {@code firstResult}.
 */
@Configuration(proxyBeanMethods = false)
class EngineQueryLimit {

    private static final Pattern HAS_MAX_RESULTS = Pattern.compile("(^|&)maxResults=");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineQueryLimitFilter(
            @Value("${camunda.bpm.generic-properties.properties.queryMaxResultsLimit}") int limit) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(bounded(request, limit), response);
            }
        });
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        registration.setName("engineQueryLimit");
        return registration;
    }

    static HttpServletRequest bounded(HttpServletRequest request, int limit) {
        String query = request.getQueryString();
        if (query != null && HAS_MAX_RESULTS.matcher(query).find()) {
            return request;
        }
        String boundedQuery = (query == null || query.isEmpty() ? "" : query + "&") + "maxResults=" + limit;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getQueryString() {
                return boundedQuery;
            }
        };
    }
}

package io.baton.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web apps' login ({@code POST <app-path>/api/admin/auth/user/{engine}/login/{app}}, form fields
 * {@code username} and {@code password}) under the same throttle as HTTP Basic. Camunda's
 * {@code UserAuthenticationResource} answers a wrong password with 401 and a login with 200; those
 * are what is counted, since Camunda keeps the outcome to itself.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

    private final String authPath;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;
    private final ObjectMapper json;

    WebappLoginThrottleFilter(String applicationPath, LoginThrottle throttle, ClientAddresses addresses, ObjectMapper json) {
        this.authPath = applicationPath + "/api/admin/auth/user/";
        this.throttle = throttle;
        this.addresses = addresses;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !"POST".equalsIgnoreCase(request.getMethod()) || !path.startsWith(authPath) || !path.contains("/login/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] users = request.getParameterValues("username");
        if (users != null && users.length > 1) {
            // Camunda reads the first form value, a filter might read another: one name, or none is checked.
            SecurityConfig.problem(response, json, HttpStatus.BAD_REQUEST, "Bad login", "Send exactly one username", false);
            return;
        }
        String user = users == null ? null : users[0];
        String address = addresses.of(request);
        LoginThrottle.Verdict verdict = throttle.check(user, address);
        if (verdict.throttled()) {
            SecurityConfig.tooManyFailures(response, json, verdict.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            throttle.failed(user, address);
        } else if (response.getStatus() == HttpStatus.OK.value() && verdict.userHasFailures()) {
            throttle.succeeded(user);
        }
    }
}

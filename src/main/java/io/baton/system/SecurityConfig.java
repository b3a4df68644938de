package io.baton.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Baton's API, Camunda's REST API and the actuator take HTTP Basic against Camunda's identity
 * service; the engine sees the same user for its authorization checks. The webapps keep their own
 * session login and CSRF protection. Every login, Basic or the webapps', passes the login throttle
 * first, and no state-changing request from another site's page gets through (see README
 * "Operating securely").
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    private static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain apis(HttpSecurity http, IdentityService identityService, ProcessEngine engine, ObjectMapper json,
                             LoginThrottle throttle, ClientAddresses addresses, CrossSiteProperties crossSite) throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
                .authorizeHttpRequests(requests -> requests
                        // Probes for an orchestrator: the status and nothing else (their groups never show details).
                        .requestMatchers(path("/actuator/health/liveness"), path("/actuator/health/readiness")).permitAll()
                        .requestMatchers(path("/actuator/**")).hasAnyAuthority(BatonGroups.MANAGERS_AUTHORITY,
                                BatonGroups.ADMINS_AUTHORITY, BatonGroups.MONITORING_AUTHORITY)
                        // Camunda's password check for any user by any user: a way around the login throttle.
                        .requestMatchers(path("/engine-rest/identity/verify"), path("/engine-rest/identity/verify/")).denyAll()
                        .anyRequest().authenticated())
                .authenticationProvider(new CamundaIdentityAuthentication(identityService, throttle))
                .httpBasic(basic -> basic.realmName("Baton")
                        .authenticationDetailsSource(request -> new CamundaIdentityAuthentication.LoginSource(addresses.of(request)))
                        .authenticationEntryPoint((request, response, e) -> {
                            if (e instanceof LoginThrottledException throttled) {
                                tooManyFailures(response, json, throttled.retryAfterSeconds());
                            } else {
                                problem(response, json, HttpStatus.UNAUTHORIZED, "Authentication required",
                                        "Send HTTP Basic credentials of a Camunda user", true);
                            }
                        }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        problem(response, json, HttpStatus.FORBIDDEN, "Forbidden", "Your groups do not allow this", false)))
                .addFilterBefore(new CrossSiteRequestFilter(crossSite, json, AnyRequestMatcher.INSTANCE), BasicAuthenticationFilter.class)
                // Baton's webapp plugins read /api/reports, the team directory (Cockpit), one lead and /api/me/leads (Tasklist) with the webapp login of the session; the Team page and the Attempts tab write with its CSRF token.
                .addFilterBefore(new CockpitSessionAuthentication(identityService, engine.getName()), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                // Never rotate the id of a webapp session a request happens to carry: Cockpit's session must survive its plugin's calls.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** Webapps, login page and static assets: Camunda's own authentication and CSRF filters guard these. */
    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http, ObjectMapper json, LoginThrottle throttle, ClientAddresses addresses,
                                CrossSiteProperties crossSite,
                                @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // The webapps' copy of Camunda's password check for any user: a way around the login throttle, unused by the apps.
                        .requestMatchers(path(applicationPath + "/api/engine/engine/*/identity/verify"),
                                path(applicationPath + "/api/engine/engine/*/identity/verify/")).denyAll()
                        .anyRequest().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN, "Forbidden",
                                "Passwords are checked only at login", false))
                        .accessDeniedHandler((request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN, "Forbidden",
                                "Passwords are checked only at login", false)))
                .csrf(csrf -> csrf.disable())
                // Camunda checks its CSRF token but not the Origin (no targetOrigin is configured): Baton adds that for its API.
                .addFilterBefore(new CrossSiteRequestFilter(crossSite, json, path(applicationPath + "/api/**")), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new WebappLoginThrottleFilter(applicationPath, throttle, addresses, json), AnonymousAuthenticationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Path matching independent of which servlet serves the path (Camunda's REST API is a Jersey servlet). */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    static void tooManyFailures(HttpServletResponse response, ObjectMapper json, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        problem(response, json, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                "Too many failed logins for this user or from this address; no password is checked for " + retryAfterSeconds
                        + " seconds", false);
    }

    static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String title, String detail,
                        boolean challenge) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Baton\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "title", title, "status", status.value(), "detail", detail));
    }
}

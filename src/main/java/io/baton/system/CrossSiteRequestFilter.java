package io.baton.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser sent on behalf of another site: its
 * {@code Origin} (or, without one, its {@code Referer}) names a scheme, host or port other than
 * the request's own and is not one of {@code baton.security.cross-site.allowed-origins}. Browsers
 * attach HTTP Basic credentials and session cookies to such requests by themselves, so without
 * this a page on any site could deploy or complete work as whoever visits it. Requests without
 * either header (curl, integrations) are not from a browser page and pass.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;
    private final ObjectMapper json;
    private final RequestMatcher scope;

    CrossSiteRequestFilter(CrossSiteProperties properties, ObjectMapper json, RequestMatcher scope) {
        this.allowedOrigins = Set.copyOf(properties.allowedOrigins());
        this.json = json;
        this.scope = scope;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || !scope.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getHeader("Origin");
        String header = "Origin";
        if (source == null) {
            source = request.getHeader("Referer");
            header = "Referer";
        }
        if (source != null) {
            String origin = origin(source);
            String own = origin(request.getScheme(), request.getServerName(), request.getServerPort());
            if (origin == null || !(origin.equals(own) || allowedOrigins.contains(origin))) {
                SecurityConfig.problem(response, json, HttpStatus.FORBIDDEN, "Cross-site request refused",
                        "A page of another site (" + header + " " + (origin == null ? "unreadable" : origin)
                                + ") may not change anything here", false);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** {@code scheme://host:port} of an Origin or Referer value with the port always written; null when it names none. */
    static String origin(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException unreadable) {
            return null;
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int p = port >= 0 ? port : "https".equals(s) ? 443 : "http".equals(s) ? 80 : -1;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return s + "://" + h + ":" + p;
    }
}

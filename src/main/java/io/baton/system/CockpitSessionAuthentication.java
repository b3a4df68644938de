package io.baton.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the webapps' Baton plugins call Baton's API as the person logged into Cockpit or Tasklist:
 * a request without HTTP Basic credentials is authenticated from the Camunda webapp login held in
 * the HTTP session, for
 * <ul>
 *   <li>a GET under {@code /api/reports/} (Cockpit's reports) or of one lead, {@code /api/leads/{id}}
 *       (Tasklist's attempts tab) — reads that cross-site pages cannot read the answers of;</li>
 *   <li>a POST of a contact attempt, a pause or a resume ({@code /api/leads/{id}/attempts|pause|resume})
 *       only with the webapps' own CSRF token in {@code X-XSRF-TOKEN}, equal to the one held in the
 *       session, as the webapps send it on their own writes: a session cookie a browser sends on its
 *       own changes nothing.</li>
 * </ul>
 * The user must still exist; their groups are read fresh from the identity service.
 */
class CockpitSessionAuthentication extends OncePerRequestFilter {

    static final String REPORTS = "/api/reports/";
    private static final Pattern LEAD = Pattern.compile("/api/leads/[A-Za-z0-9-]{1,36}");
    private static final Pattern LEAD_ACTION = Pattern.compile("/api/leads/[A-Za-z0-9-]{1,36}/(attempts|pause|resume)");
    /** Where and how the webapps keep their CSRF token (CsrfConstants of Camunda's webapps). */
    private static final String CSRF_SESSION_KEY = "CAMUNDA_CSRF_TOKEN";
    private static final String CSRF_HEADER = "X-XSRF-TOKEN";
    /** Where Camunda's webapps keep their login (AuthenticationUtil.CAM_AUTH_SESSION_KEY). */
    private static final String CAMUNDA_SESSION_KEY = "authenticatedUser";

    private final IdentityService identityService;
    private final String engineName;

    CockpitSessionAuthentication(IdentityService identityService, String engineName) {
        this.identityService = identityService;
        this.engineName = engineName;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (request.getHeader("Authorization") != null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("GET".equals(request.getMethod())) {
            return !path.startsWith(REPORTS) && !LEAD.matcher(path).matches();
        }
        return !"POST".equals(request.getMethod()) || !LEAD_ACTION.matcher(path).matches() || !carriesSessionCsrfToken(request);
    }

    private static boolean carriesSessionCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String sent = request.getHeader(CSRF_HEADER);
        Object held = session == null ? null : session.getAttribute(CSRF_SESSION_KEY);
        return sent != null && !sent.isBlank() && held instanceof String token
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = sessionUser(request.getSession(false));
        if (user != null && SecurityContextHolder.getContext().getAuthentication() == null
                && identityService.createUserQuery().userId(user).count() == 1) {
            List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(user).unlimitedList().stream()
                    .map(group -> new SimpleGrantedAuthority(BatonGroups.authority(group.getId())))
                    .toList();
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, groups));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private String sessionUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        // Read, not AuthenticationUtil.getAuthsFromSession: that one writes an empty login into sessions without one.
        if (!(session.getAttribute(CAMUNDA_SESSION_KEY) instanceof Authentications authentications)) {
            return null;
        }
        Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
        return authentication == null ? null : authentication.getName();
    }
}

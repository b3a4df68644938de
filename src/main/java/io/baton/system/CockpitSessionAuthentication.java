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
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the webapps' Baton plugins call Baton's API as the person logged into Cockpit or Tasklist: a
 * request without HTTP Basic credentials is authenticated from the Camunda webapp login held in the
 * HTTP session when it is
 * <ul>
 *   <li>a GET under {@code /api/reports/}, of {@code /api/team} (Cockpit's pages), of one lead,
 *       {@code /api/leads/{id}} (Tasklist's attempts tab) or of {@code /api/me/leads} (Tasklist's
 *       "Leads I'm accountable for") — reads that cross-site pages cannot read the answers of;</li>
 *   <li>a change under {@code /api/team/} (PATCH, PUT: the Team page) or a POST of a contact attempt,
 *       a pause or a resume ({@code /api/leads/{id}/attempts|pause|resume}), each only with the
 *       session's Camunda CSRF token in {@code X-XSRF-TOKEN}, as the webapps send it on their own
 *       writes: a session cookie a browser sends on its own changes nothing.</li>
 * </ul>
 * The user must still exist; their groups are read fresh from the identity service.
 */
class CockpitSessionAuthentication extends OncePerRequestFilter {

    static final String REPORTS = "/api/reports/";
    static final String TEAM = "/api/team";
    private static final Pattern LEAD = Pattern.compile("/api/leads/[A-Za-z0-9-]{1,36}");
    private static final Pattern LEAD_ACTION = Pattern.compile("/api/leads/[A-Za-z0-9-]{1,36}/(attempts|pause|resume)");
    static final String MY_LEADS = "/api/me/leads";
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
        String method = request.getMethod();
        if ("GET".equals(method)) {
            return !path.startsWith(REPORTS) && !path.equals(TEAM) && !path.equals(MY_LEADS) && !LEAD.matcher(path).matches();
        }
        boolean teamChange = ("PATCH".equals(method) || "PUT".equals(method)) && path.startsWith(TEAM + "/");
        boolean leadAction = "POST".equals(method) && LEAD_ACTION.matcher(path).matches();
        return !teamChange && !leadAction;
    }

    /** The webapps' CSRF token of this session, sent back as Cockpit sends it: only a page of this origin can read it. */
    private static boolean carriesCsrfToken(HttpServletRequest request, HttpSession session) {
        if ("GET".equals(request.getMethod())) {
            return true;
        }
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String user = carriesCsrfToken(request, session) ? sessionUser(session) : null;
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

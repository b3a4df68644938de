package io.baton.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Baton's webapp plugins read Baton's API as the person logged into Cockpit or Tasklist: a GET
 * under {@code /api/reports/} (Cockpit) or of {@code /api/me/leads} (Tasklist's "Leads I'm
 * accountable for") without HTTP Basic credentials is authenticated from the Camunda webapp login
 * held in the HTTP session. Only these reads: a session cookie a browser sends on its own must
 * never be able to change anything, and cross-site pages cannot read the answers.
 * The user must still exist; their groups are read fresh from the identity service.
 */
class CockpitSessionAuthentication extends OncePerRequestFilter {

    static final String REPORTS = "/api/reports/";
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod()) || !(path.startsWith(REPORTS) || path.equals(MY_LEADS))
                || request.getHeader("Authorization") != null;
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

package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against Camunda's users; groups become {@code GROUP_<id>} authorities.
 * The login throttle is asked first, so a throttled user or address never reaches a password check.
 */
class CamundaIdentityAuthentication implements AuthenticationProvider {

    /** Where a Basic request came from, resolved by {@link ClientAddresses} when the filter builds the token. */
    record LoginSource(String address) {
    }

    private final IdentityService identityService;
    private final LoginThrottle throttle;

    CamundaIdentityAuthentication(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof LoginSource source ? source.address() : null;
        LoginThrottle.Verdict verdict = throttle.check(user, address);
        if (verdict.throttled()) {
            throw new LoginThrottledException(verdict.retryAfterSeconds());
        }
        if (user == null || user.isBlank() || credentials == null || !identityService.checkPassword(user, credentials.toString())) {
            throttle.failed(user, address);
            throw new BadCredentialsException("Bad credentials");
        }
        if (verdict.userHasFailures()) {
            throttle.succeeded(user);
        }
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(user).unlimitedList().stream()
                .map(group -> new SimpleGrantedAuthority(BatonGroups.authority(group.getId())))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package io.baton.system;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this user or from this address; answered 429 with Retry-After. */
class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    LoginThrottledException(long retryAfterSeconds) {
        super("Too many failed logins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

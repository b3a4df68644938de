package io.baton.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, as the login throttle counts it. {@code X-Forwarded-For} is
 * anyone's to write, so it is read only when the direct peer is one of
 * {@code baton.security.login-throttle.trusted-proxies}, and then from the right: each trusted proxy
 * appends the address it saw, so the first hop from the right that is not a trusted proxy is the
 * client; what a client wrote further left is ignored.
 */
@Component
class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(LoginThrottleProperties properties) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String proxy : properties.trustedProxies()) {
            try {
                matchers.add(new IpAddressMatcher(proxy));
            } catch (IllegalArgumentException notAnAddress) {
                throw new IllegalArgumentException("baton.security.login-throttle.trusted-proxies: '" + proxy
                        + "' is not an IP address or CIDR range (host names are not resolved)", notAnAddress);
            }
        }
        this.trustedProxies = List.copyOf(matchers);
    }

    String of(HttpServletRequest request) {
        String nearest = request.getRemoteAddr();
        if (!trusted(nearest)) {
            return nearest;
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddress(hop)) {
                // A trusted proxy passed on something that is no address: count the proxy that did.
                return nearest;
            }
            if (!trusted(hop)) {
                return hop;
            }
            nearest = hop;
        }
        return nearest;
    }

    private boolean trusted(String address) {
        if (!isAddress(address)) {
            return false;
        }
        for (IpAddressMatcher proxy : trustedProxies) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException unreadable) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAddress(String value) {
        return value != null && value.length() <= 45 && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches());
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        for (String header : headers == null ? List.<String>of() : Collections.list(headers)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }
}

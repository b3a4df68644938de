package io.baton.system;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.security.cross-site.allowed-origins}: origins besides Baton's own (e.g. a CRM's page
 * that posts leads from the browser) whose state-changing requests are let through. Each is
 * {@code scheme://host[:port]}, nothing more; anything else stops the start naming the value.
 */
@ConfigurationProperties("baton.security.cross-site")
record CrossSiteProperties(List<String> allowedOrigins) {

    CrossSiteProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .map(CrossSiteProperties::checked)
                .toList();
    }

    private static String checked(String origin) {
        String normal = CrossSiteRequestFilter.origin(origin);
        if (normal == null || !bare(URI.create(origin))) {
            throw new IllegalArgumentException("baton.security.cross-site.allowed-origins: '" + origin
                    + "' is not an origin (scheme://host[:port], no path)");
        }
        return normal;
    }

    private static boolean bare(URI uri) {
        return (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
    }
}

package io.baton.integration;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point: {@code http(s)} only, and never into Baton's own network (loopback,
 * private, link-local, unique-local or unspecified addresses) unless {@code baton.webhooks.allowed-targets}
 * names the host or a CIDR range holding its address. Checked at registration and before every delivery.
 */
@Component
class WebhookTargets {

    private final WebhookProperties properties;

    WebhookTargets(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The reason {@code url} is refused, or {@code null} when Baton may post to it. */
    String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null) {
            return "must name a host (and no user info)";
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "host " + bare + " cannot be resolved";
        }
        for (InetAddress address : addresses) {
            if (internal(address) && !allowed(bare, address)) {
                return "points to an internal address (" + address.getHostAddress()
                        + "); list it in baton.webhooks.allowed-targets to allow it";
            }
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }

    private boolean allowed(String host, InetAddress address) {
        for (String target : properties.allowedTargets()) {
            String entry = target.trim();
            if (entry.equalsIgnoreCase(host) || (!entry.contains("/") && entry.equals(address.getHostAddress()))
                    || (entry.contains("/") && inRange(entry, address))) {
                return true;
            }
        }
        return false;
    }

    static boolean inRange(String cidr, InetAddress address) {
        String[] parts = cidr.split("/", 2);
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] candidate = address.getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (network.length != candidate.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}

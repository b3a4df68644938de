package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(new LoginThrottleProperties(Duration.ofMinutes(5), 10, 50, Duration.ofSeconds(60), List.of(proxies)));
    }

    private static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/team");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void aClientWritingForwardedForWithoutATrustedProxyIsCountedByItsOwnAddress() {
        assertThat(trusting().of(from("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(trusting("10.0.0.0/8").of(from("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        ClientAddresses addresses = trusting("10.0.0.0/8", "192.0.2.7");
        assertThat(addresses.of(from("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
        // The client wrote 198.51.100.66 itself; its proxy saw 198.51.100.1; an inner proxy 192.0.2.7 passed it on.
        assertThat(addresses.of(from("10.1.2.3", "198.51.100.66, 198.51.100.1, 192.0.2.7"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(from("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(from("10.1.2.3", "not-an-address"))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(from("10.1.2.3", "2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void aHostNameAsTrustedProxyStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> trusting("proxy.example.com"))
                .hasMessageContaining("baton.security.login-throttle.trusted-proxies").hasMessageContaining("proxy.example.com");
    }

    @Test
    void anAllowedOriginWithAPathStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> new CrossSiteProperties(List.of("https://crm.example.com/leads")))
                .hasMessageContaining("baton.security.cross-site.allowed-origins");
        assertThat(new CrossSiteProperties(List.of("https://CRM.example.com")).allowedOrigins()).containsExactly("https://crm.example.com:443");
    }
}

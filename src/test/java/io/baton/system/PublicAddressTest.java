package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicAddressTest {

    @Test
    void withoutABaseUrlPeopleAreSentToThisNodesPort() {
        MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "8123");

        PublicAddress address = new PublicAddress("", environment);

        assertThat(address.url()).isEqualTo("http://localhost:8123");
        assertThat(address.tasklist()).isEqualTo("http://localhost:8123/camunda/app/tasklist/default/");
    }

    @Test
    void aConfiguredBaseUrlWinsWithoutItsTrailingSlash() {
        PublicAddress address = new PublicAddress("https://baton.example.com/", new MockEnvironment());

        assertThat(address.tasklist()).isEqualTo("https://baton.example.com/camunda/app/tasklist/default/");
    }

    @Test
    void aBaseUrlThatIsNotAnHttpAddressStopsTheStart() {
        assertThatThrownBy(() -> new PublicAddress("baton.example.com", new MockEnvironment()))
                .hasMessageContaining("baton.base-url");
    }
}

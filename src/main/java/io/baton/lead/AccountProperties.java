package io.baton.lead;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code baton.routing.free-mail-domains}: domains whose addresses belong to people, not companies,
 * so they never form an account. An entry is a domain ({@code gmail.com}) or a provider under any
 * suffix ({@code gmx.*} = gmx.de, gmx.net, gmx.co.uk …). A malformed entry stops start-up naming it.
 */
@Validated
@ConfigurationProperties("baton.routing")
record AccountProperties(@NotNull List<String> freeMailDomains) {

    AccountProperties {
        freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
        for (String entry : freeMailDomains) {
            if (!AccountDomains.isFreeMailPattern(entry)) {
                throw new IllegalArgumentException("baton.routing.free-mail-domains: '" + entry
                        + "' is neither a domain (gmail.com) nor a provider with any suffix (gmx.*)");
            }
        }
    }
}

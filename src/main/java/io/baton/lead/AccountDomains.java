package io.baton.lead;

import java.net.IDN;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which company ("account") an e-mail address belongs to: its normalised corporate domain.
 *
 * <p>Normalising: NFKC, lower case, IDN to ASCII (so {@code müller.de} and {@code xn--mller-kva.de}
 * are one account), no trailing dot, then the <em>registrable</em> domain: the last two labels, or
 * the last three when the address sits under a country code's generic second level
 * ({@code acme.co.uk}, {@code acme.com.au}, {@code acme.co.jp}). So {@code www.acme.com},
 * {@code eu.acme.com} and {@code mail.eu.acme.com} are all {@code acme.com}: a company's subsidiaries
 * and regions on subdomains are one account; a company on another registrable domain
 * ({@code acme.de}) is another. No public-suffix list is consulted: a hosted subdomain such as
 * {@code x.github.io} counts as {@code github.io}, which corporate mail does not use.
 *
 * <p>No account: free-mail providers ({@link AccountProperties}) and the names reserved for
 * documentation and testing (RFC 2606 / 6761: {@code example.com|net|org}, {@code *.example},
 * {@code *.test}, {@code *.invalid}, {@code *.localhost}, {@code *.local}), which are never a company.
 */
@Component
public class AccountDomains {

    /** Second-level labels that country codes hand out like top-level domains. */
    private static final Set<String> COUNTRY_SECOND_LEVEL = Set.of("co", "com", "net", "org", "gov", "edu", "ac", "ltd",
            "plc", "ne", "or", "go", "gob", "gv", "mil", "nom", "sch", "biz", "info", "firm", "gen", "int");
    private static final Set<String> RESERVED_TOP_LEVEL = Set.of("example", "test", "invalid", "localhost", "local");
    private static final Set<String> RESERVED_DOMAINS = Set.of("example.com", "example.net", "example.org");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final Set<String> freeMail = new HashSet<>();
    private final Set<String> freeMailProviders = new HashSet<>();

    AccountDomains(AccountProperties properties) {
        for (String entry : properties.freeMailDomains()) {
            String normal = normalise(entry.strip()).orElseThrow();
            if (normal.endsWith(".*")) {
                freeMailProviders.add(normal.substring(0, normal.length() - 2));
            } else {
                freeMail.add(registrable(normal));
            }
        }
    }

    /** The account of this address; empty for free-mail, reserved or malformed domains. */
    public Optional<String> of(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        return normalise(email.substring(at + 1)).filter(AccountDomains::isDomain).map(AccountDomains::registrable)
                .filter(domain -> !reserved(domain) && !freeMail(domain));
    }

    /**
     * A domain as a suppression entry names it: normalised as an account's host is (NFKC, lower case, IDN
     * as ASCII, no trailing dot) and a plausible host name — two labels or more, letters, digits and
     * inner hyphens, a top-level label that is not all digits, and not a country code's generic second
     * level on its own ({@code co.uk}). Empty otherwise.
     */
    static Optional<String> host(String domain) {
        return normalise(domain).filter(AccountDomains::isDomain)
                .filter(host -> !host.substring(host.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit))
                .filter(host -> host.split("\\.").length > 2 || !countrySecondLevel(host));
    }

    /** The normalised host of an address (see {@link #host}); empty when it has none or a malformed one. */
    static Optional<String> hostOf(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? Optional.empty() : normalise(email.substring(at + 1)).filter(AccountDomains::isDomain);
    }

    private static boolean countrySecondLevel(String host) {
        String[] labels = host.split("\\.");
        return labels[labels.length - 1].length() == 2 && COUNTRY_SECOND_LEVEL.contains(labels[labels.length - 2]);
    }

    private boolean freeMail(String domain) {
        return freeMail.contains(domain) || freeMailProviders.contains(domain.substring(0, domain.indexOf('.')));
    }

    static boolean isFreeMailPattern(String entry) {
        if (entry == null || entry.isBlank()) {
            return false;
        }
        return normalise(entry.strip()).filter(d -> d.endsWith(".*") ? LABEL.matcher(d.substring(0, d.length() - 2)).matches() : isDomain(d))
                .isPresent();
    }

    private static Optional<String> normalise(String host) {
        String lower = Normalizer.normalize(host.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        while (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.endsWith(".*")) {
            return Optional.of(lower);
        }
        try {
            return Optional.of(IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAHost) {
            return Optional.empty();
        }
    }

    private static boolean isDomain(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** {@code www.eu.acme.com} → {@code acme.com}; {@code eu.acme.co.uk} → {@code acme.co.uk}. */
    static String registrable(String host) {
        String[] labels = host.split("\\.");
        int keep = labels.length >= 3 && labels[labels.length - 1].length() == 2
                && COUNTRY_SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
        return String.join(".", List.of(labels).subList(Math.max(0, labels.length - keep), labels.length));
    }

    private static boolean reserved(String domain) {
        return RESERVED_DOMAINS.contains(domain) || RESERVED_TOP_LEVEL.contains(domain.substring(domain.lastIndexOf('.') + 1));
    }
}

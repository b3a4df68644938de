package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountDomainsTest {

    private final AccountDomains domains = new AccountDomains(
            new AccountProperties(List.of("gmail.com", "outlook.com", "yahoo.*", "hotmail.com", "gmx.*", "web.de", "icloud.com", "proton.me")));

    @ParameterizedTest
    @CsvSource({
            "ann@acme.com, acme.com",
            "Ann@ACME.Com, acme.com",
            "ann@www.acme.com, acme.com",
            "ann@eu.acme.com, acme.com",
            "ann@mail.eu.acme.com, acme.com",
            "ann@acme.com., acme.com",
            "ann@acme.co.uk, acme.co.uk",
            "ann@sales.acme.co.uk, acme.co.uk",
            "ann@acme.com.au, acme.com.au",
            "ann@acme.de, acme.de",
            "ann@müller.de, xn--mller-kva.de",
            "ann@xn--mller-kva.de, xn--mller-kva.de",
            "ann@ＡＣＭＥ.com, acme.com",
            "\"a@b\"@acme.io, acme.io"})
    void corporateAddressesBelongToTheirRegistrableDomain(String email, String account) {
        assertThat(domains.of(email)).contains(account);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@gmail.com", "ann@GMail.com", "ann@outlook.com", "ann@hotmail.com", "ann@web.de",
            "ann@icloud.com", "ann@proton.me", "ann@gmx.de", "ann@gmx.net", "ann@mail.gmx.at", "ann@yahoo.co.uk",
            "ann@yahoo.com"})
    void freeMailNeverFormsAnAccount(String email) {
        assertThat(domains.of(email)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.com", "ann@eu.example.org", "ann@acme.example", "ann@shop.test", "ann@x.invalid",
            "ann@localhost", "ann@host.local", "ann@", "ann", "ann@-acme.com", "ann@acme..com", ""})
    void reservedAndMalformedDomainsFormNoAccount(String email) {
        assertThat(domains.of(email)).isEmpty();
    }

    @Test
    void providerPatternsMatchTheProviderOnlyNotCompaniesThatStartLikeIt() {
        assertThat(domains.of("ann@gmx-consulting.de")).contains("gmx-consulting.de");
        assertThat(domains.of("ann@yahooligans.com")).contains("yahooligans.com");
        assertThat(domains.of("ann@acme-gmail.com")).contains("acme-gmail.com");
    }

    @Test
    void theFreeMailListIsConfigurable() {
        AccountDomains none = new AccountDomains(new AccountProperties(List.of()));
        assertThat(none.of("ann@gmail.com")).contains("gmail.com");
        AccountDomains acmeIsFree = new AccountDomains(new AccountProperties(List.of("WWW.Acme.COM")));
        assertThat(acmeIsFree.of("ann@eu.acme.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "gmail", "*.gmail.com", "gm ail.com", "gmx.*.*"})
    void aMalformedFreeMailEntryStopsStartUpNamingIt(String entry) {
        assertThatThrownBy(() -> new AccountProperties(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baton.routing.free-mail-domains");
    }

    @ParameterizedTest
    @CsvSource({
            "acme.com, acme.com",
            "ACME.Com., acme.com",
            "eu.acme.co.uk, eu.acme.co.uk",
            "acme.co.uk, acme.co.uk",
            "müller.de, xn--mller-kva.de",
            "' acme.example ', acme.example"})
    void aSuppressedDomainIsNormalisedLikeAnAccountsHost(String domain, String host) {
        assertThat(AccountDomains.host(domain)).contains(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "co.uk", "com.au", "10.0.0.1", "acme..com", "-acme.com", "acme.com-", "*.acme.com", "acme com",
            "acme_corp.com", "", "."})
    void aSuppressedDomainMustBeAPlausibleHostName(String domain) {
        assertThat(AccountDomains.host(domain)).isEmpty();
    }

    @Test
    void aHostIsHeldByItselfAndEveryParentDomainOfTwoLabelsOrMore() {
        assertThat(Suppressions.withParents("mail.eu.acme.com")).containsExactly("mail.eu.acme.com", "eu.acme.com", "acme.com");
        assertThat(Suppressions.withParents("acme.com")).containsExactly("acme.com");
    }
}

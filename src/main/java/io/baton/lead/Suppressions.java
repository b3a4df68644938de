package io.baton.lead;

import io.baton.system.RetryOnConflict;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The suppression list: the contacts of unsubscribed leads (until a re-consent lifts them) and the
 * addresses and domains marketing imports. An imported entry stops every open lead of its contacts
 * exactly as an unsubscribe does — the {@code LeadUnsubscribed} message, so tasks and timers end, the
 * ledger period closes and {@code lead.closed} goes out — in the importer's transaction, and keeps its
 * contacts from being captured until it is lifted. A lead it stopped is held by the entry, not by
 * itself: lifting the entry lets the contact come back without a re-consent of that lead.
 */
@Service
class Suppressions {

    /** An entry as the import sends it, already normalised: exactly one of email and domain. */
    record Entry(String email, String domain, String reason) {
    }

    /** One entry of the list as it is exported. */
    record Listed(String email, String domain, Instant since, String source, String actor, String reason) {
    }

    record Imported(int stored, int alreadySuppressed, List<String> stoppedLeads) {
    }

    private static final int SLICE = 1000;

    private final SuppressionRepository suppressions;
    private final LeadRepository leads;
    private final LeadStopper stopper;
    private final ClosedBy closedBy;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Suppressions(SuppressionRepository suppressions, LeadRepository leads, LeadStopper stopper, ClosedBy closedBy, JdbcTemplate jdbc,
                 Clock clock, PlatformTransactionManager transactionManager) {
        this.suppressions = suppressions;
        this.leads = leads;
        this.stopper = stopper;
        this.closedBy = closedBy;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The imported entries that keep this address out: the address itself, its host or a parent domain of it. */
    @Transactional(readOnly = true)
    public List<Suppression> holding(String email) {
        List<String> domains = AccountDomains.hostOf(email).map(Suppressions::withParents).orElse(List.of());
        // An empty IN list is not valid SQL everywhere; no host matches no domain.
        return suppressions.findHolding(Lead.normalizeEmail(email), domains.isEmpty() ? List.of("") : domains);
    }

    /** Everything suppressed now, oldest first: one entry per unsubscribed address, and every imported entry. */
    @Transactional(readOnly = true)
    public List<Listed> list() {
        Map<String, Lead> firstUnsubscribed = new HashMap<>();
        for (Lead lead : leads.findBySuppressedEmailIsNotNull()) {
            // Leads unsubscribed before suppression was kept per lead may share an address: it is listed once, since the first.
            firstUnsubscribed.merge(lead.getSuppressedEmail(), lead, (a, b) -> since(b).isBefore(since(a)) ? b : a);
        }
        Map<String, String> actors = closedBy.of(firstUnsubscribed.values().stream().map(Lead::getId).toList());
        List<Listed> listed = new ArrayList<>();
        firstUnsubscribed.values().forEach(lead -> listed.add(new Listed(lead.getSuppressedEmail(), null, since(lead),
                Suppression.UNSUBSCRIBED, actors.get(lead.getId()), null)));
        suppressions.findAllByOrderByCreatedAtAscIdAsc().forEach(s -> listed.add(new Listed(s.getEmail(), s.getDomain(),
                s.getCreatedAt(), s.getSource(), s.getActor(), s.getReason())));
        listed.sort(Comparator.comparing(Listed::since)
                .thenComparing(l -> l.email() != null ? l.email() : l.domain())
                .thenComparing(Listed::source));
        return listed;
    }

    /**
     * Stores the entries not yet on the list and stops every open lead they hold, all in one
     * transaction. Entries already listed are kept as they are (first import wins).
     */
    @RetryOnConflict
    public Imported importEntries(List<Entry> entries, String actor) {
        try {
            return transaction.execute(status -> store(entries, actor));
        } catch (DataIntegrityViolationException raced) {
            // A concurrent import stored one of these entries first; now it is there and is skipped.
            return transaction.execute(status -> store(entries, actor));
        }
    }

    private Imported store(List<Entry> entries, String actor) {
        Instant now = clock.instant();
        Map<String, String> emails = new LinkedHashMap<>();
        Map<String, String> domains = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.email() != null) {
                emails.putIfAbsent(entry.email(), entry.reason());
            } else {
                domains.putIfAbsent(entry.domain(), entry.reason());
            }
        }
        Set<String> listedEmails = new TreeSet<>();
        Set<String> listedDomains = new TreeSet<>();
        for (List<String> slice : slices(emails.keySet())) {
            suppressions.findByEmailIn(slice).forEach(s -> listedEmails.add(s.getEmail()));
        }
        for (List<String> slice : slices(domains.keySet())) {
            suppressions.findByDomainIn(slice).forEach(s -> listedDomains.add(s.getDomain()));
        }
        List<Suppression> added = new ArrayList<>();
        emails.forEach((email, reason) -> {
            if (!listedEmails.contains(email)) {
                added.add(Suppression.ofEmail(email, actor, reason, now));
            }
        });
        domains.forEach((domain, reason) -> {
            if (!listedDomains.contains(domain)) {
                added.add(Suppression.ofDomain(domain, actor, reason, now));
            }
        });
        suppressions.saveAllAndFlush(added);

        // Every entry of the import, also one listed before: an open lead that got past it (a corrected
        // address, a capture racing the first import) is stopped now.
        Set<String> held = new TreeSet<>();
        for (List<String> slice : slices(emails.keySet())) {
            leads.findByOpenEmailIn(slice).forEach(lead -> held.add(lead.getId()));
        }
        if (!domains.isEmpty()) {
            for (Object[] open : leads.findOpenEmails()) {
                boolean inDomain = AccountDomains.hostOf((String) open[1]).map(Suppressions::withParents).orElse(List.of())
                        .stream().anyMatch(domains::containsKey);
                if (inDomain) {
                    held.add((String) open[0]);
                }
            }
        }
        List<String> stopped = new ArrayList<>();
        // In id order, so two imports stopping the same leads lock them in the same order.
        for (String leadId : held) {
            Lead lead = stopper.stop(leadId, LeadLifecycle.MESSAGE_UNSUBSCRIBED);
            if (lead.getStatus() == LeadStatus.UNSUBSCRIBED) {
                lead.liftSuppression();
                stopped.add(leadId);
            }
        }
        return new Imported(added.size(), emails.size() + domains.size() - added.size(), stopped);
    }

    /**
     * Takes an imported entry off the list, recording who lifted it and when. An address held only by an
     * unsubscribed lead is lifted by a re-consent of that lead, not here.
     */
    @RetryOnConflict
    @Transactional
    public void lift(String email, String domain, String actor) {
        Optional<Suppression> entry = email != null ? suppressions.findByEmail(email) : suppressions.findByDomain(domain);
        if (entry.isEmpty()) {
            String field = email != null ? "email" : "domain";
            if (email != null && !leads.findBySuppressedEmail(email).isEmpty()) {
                throw LeadProblems.of(HttpStatus.CONFLICT, "Suppressed by an unsubscribe", field,
                        "is suppressed by the contact's unsubscribed lead, not by an import; record a re-consent "
                                + "(POST /api/leads/{id}/reconsent) to lift it");
            }
            throw LeadProblems.of(HttpStatus.NOT_FOUND, "Not on the suppression list", field, "is not on the suppression list");
        }
        Suppression lifted = entry.get();
        jdbc.update("insert into baton_suppression_lifted (email, domain, source, actor, reason, created_at, lifted_by, lifted_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)", lifted.getEmail(), lifted.getDomain(), lifted.getSource(), lifted.getActor(),
                lifted.getReason(), Timestamp.from(lifted.getCreatedAt()), actor, Timestamp.from(clock.instant()));
        suppressions.delete(lifted);
    }

    /** {@code eu.acme.com} → {@code eu.acme.com}, {@code acme.com}: the domains an entry may name to hold the host. */
    static List<String> withParents(String host) {
        List<String> domains = new ArrayList<>();
        for (String rest = host; rest.indexOf('.') > 0; rest = rest.substring(rest.indexOf('.') + 1)) {
            domains.add(rest);
        }
        return domains;
    }

    private static Instant since(Lead lead) {
        return lead.getClosedAt() != null ? lead.getClosedAt() : lead.getCreatedAt();
    }

    private static List<List<String>> slices(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            slices.add(all.subList(from, Math.min(all.size(), from + SLICE)));
        }
        return slices;
    }
}

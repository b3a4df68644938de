package io.baton.lead;

import io.baton.integration.Outbox;
import io.baton.system.RetryOnConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captures leads: the lead row and its lifecycle instance commit together or not at all, and the
 * database's unique keys (external id, open email) make retries and concurrent duplicates land on
 * the lead that exists. An unsubscribed contact's email also lands on its lead: nothing starts,
 * until a recorded re-consent lifts the suppression. An address or domain on the imported suppression
 * list is refused ({@link SuppressedContactException}) until the entry is lifted. A contact whose earlier lead closed gets a new
 * lead linked to that one ({@code previousLeadId}).
 */
@Service
public class LeadIntake {

    public record Captured(Lead lead, boolean created) {
    }

    /**
     * Where a live lead already stands: at {@code stage} (a task key the diagram marks importable),
     * owned by {@code owner}, first due at {@code firstDeadline}; {@code actor} placed it there.
     */
    public record Placement(String stage, String owner, Instant firstDeadline, String actor) {
    }

    private final LeadRepository leads;
    private final LeadProcesses processes;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AccountDomains accounts;
    private final Outbox outbox;
    private final Suppressions suppressions;
    private final StageOwners owners;

    LeadIntake(LeadRepository leads, LeadProcesses processes, PlatformTransactionManager transactionManager, Clock clock,
               AccountDomains accounts, Outbox outbox, Suppressions suppressions, StageOwners owners) {
        this.owners = owners;
        this.outbox = outbox;
        this.suppressions = suppressions;
        this.leads = leads;
        this.accounts = accounts;
        this.processes = processes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @RetryOnConflict
    public Captured capture(LeadRequest request) {
        return capture(request, null);
    }

    /** Captures a lead that starts at a stage with its owner instead of being routed ({@code placement} null: routed as usual). */
    @RetryOnConflict
    public Captured capture(LeadRequest request, Placement placement) {
        Optional<Lead> existing = findDuplicate(request);
        if (existing.isPresent()) {
            return new Captured(existing.get(), false);
        }
        if (!suppressions.holding(request.email()).isEmpty()) {
            // An imported address or domain: there is no lead of the contact to answer with, so nothing is said of any.
            throw new SuppressedContactException();
        }
        try {
            return new Captured(transaction.execute(status -> {
                Lead captured = new Lead(request, clock.instant());
                captured.joinAccount(accounts.of(captured.getEmail()).orElse(null));
                // A contact seen before (lost, or unsubscribed and re-consented) starts a new lifecycle that remembers the old one.
                leads.findPredecessor(Lead.normalizeEmail(request.email())).ifPresent(captured::follow);
                Lead lead = leads.saveAndFlush(captured);
                // Before the lifecycle starts: its routing records the first owner_changed after this.
                outbox.record(Outbox.LEAD_CAPTURED, lead.getId(), capturedData(lead));
                if (placement == null) {
                    processes.start(lead);
                } else {
                    // The ledger first: the task's create listeners see the lead owned as its assignee is.
                    owners.placed(lead, placement.owner(), placement.actor());
                    processes.startAt(lead, placement.stage(), placement.owner(), placement.firstDeadline());
                }
                return lead;
            }), true);
        } catch (DataIntegrityViolationException raced) {
            // A concurrent request with the same identity committed first; answer with its lead.
            return new Captured(findDuplicate(request).orElseThrow(() -> raced), false);
        }
    }

    /** The stages of the deployed lifecycle a lead may be placed at, in the diagram's order, each with the teams that work it. */
    public Map<String, List<String>> placeableStages() {
        return processes.importStages();
    }

    /** The {@code data} of {@code lead.captured}: the contact and where it came from. */
    private static Map<String, Object> capturedData(Lead lead) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("externalId", lead.getExternalId());
        data.put("email", lead.getEmail());
        data.put("firstName", lead.getFirstName());
        data.put("lastName", lead.getLastName());
        data.put("company", lead.getCompany());
        data.put("country", lead.getCountry());
        data.put("source", lead.getSource());
        data.put("employees", lead.getEmployees());
        data.put("previousLeadId", lead.getPreviousLeadId());
        return data;
    }

    private Optional<Lead> findDuplicate(LeadRequest request) {
        String externalId = request.externalId();
        List<Lead> holders = transaction.execute(status ->
                leads.findByIdentity(externalId, Lead.normalizeEmail(request.email())));
        // The external id is the caller's own key for the lead: it wins over a matching email, and an
        // open lead wins over an unsubscribed one (which only keeps the contact from being captured again).
        return holders.stream().filter(lead -> externalId != null && externalId.equals(lead.getExternalId()))
                .findFirst()
                .or(() -> holders.stream().filter(Lead::isOpen).findFirst())
                .or(() -> holders.stream().max(Comparator.comparing(Lead::getClosedAt, Comparator.nullsFirst(Comparator.naturalOrder()))));
    }
}

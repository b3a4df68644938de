package io.baton.ownership;

import io.baton.integration.Outbox;
import io.baton.lead.ClosedBy;
import io.baton.lead.Lead;
import io.baton.lead.LeadNotFoundException;
import io.baton.lead.LeadRepository;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ownership ledger: contiguous, non-overlapping periods per lead, written in the transaction
 * of the engine change that moved the ownership. The lead row carries the current owner.
 */
@Service
class OwnershipLedger implements ClosedBy {

    private final OwnershipPeriodRepository periods;
    private final LeadRepository leads;
    private final Clock clock;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    OwnershipLedger(OwnershipPeriodRepository periods, LeadRepository leads, Clock clock, Outbox outbox, JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.periods = periods;
        this.leads = leads;
        this.clock = clock;
    }

    /** Makes {@code owner} accountable from now on; a no-op when they already are. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assign(String leadId, String owner, LedgerReason reason, String actor) {
        // The lead row lock serialises concurrent moves of one lead (accept vs. reassign vs. offboard).
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (!lead.isOpen()) {
            throw new IllegalStateException("Lead " + leadId + " is closed; its ownership cannot move");
        }
        Instant now = clock.instant();
        var current = periods.findByOpenLeadId(leadId);
        if (current.isPresent()) {
            if (current.get().getOwner().equals(owner)) {
                return;
            }
            current.get().end(now);
            // The unique open-period key must be free before the next period is inserted.
            periods.flush();
        }
        periods.save(new OwnershipPeriod(leadId, owner, now, reason, actorOrSystem(actor)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("owner", owner);
        data.put("previousOwner", current.map(OwnershipPeriod::getOwner).orElse(null));
        data.put("reason", reason.name());
        data.put("actor", actorOrSystem(actor));
        outbox.record(Outbox.LEAD_OWNER_CHANGED, leadId, data);
        lead.setOwner(owner);
    }

    /** Ends the open period of a closing lead, recording why and who ended it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void close(String leadId, LedgerReason reason, String actor) {
        periods.findByOpenLeadId(leadId).ifPresent(period -> period.close(clock.instant(), reason, actorOrSystem(actor)));
    }

    @Transactional(readOnly = true)
    /** A time the lead waited on its customer ({@code lead.Pauses}); {@code until} is now while it still waits. */
    record Pause(Instant since, Instant until) {
    }

    List<Pause> pauses(String leadId) {
        Instant now = clock.instant();
        return jdbc.query("select since, resumed_at from baton_lead_pause where lead_id = ? order by since", (rs, n) -> {
            Timestamp resumed = rs.getTimestamp("resumed_at");
            return new Pause(rs.getTimestamp("since").toInstant(), resumed == null ? now : resumed.toInstant());
        }, leadId);
    }

    /** How much of [from, to) — {@code to} null: still open — the lead spent waiting on its customer. */
    static long pausedSeconds(List<Pause> pauses, Instant from, Instant to) {
        long seconds = 0;
        for (Pause pause : pauses) {
            Instant start = pause.since().isAfter(from) ? pause.since() : from;
            Instant end = to != null && to.isBefore(pause.until()) ? to : pause.until();
            if (end.isAfter(start)) {
                seconds += Duration.between(start, end).toSeconds();
            }
        }
        return seconds;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, String> of(Collection<String> leadIds) {
        Map<String, String> actors = new HashMap<>();
        List<String> ids = List.copyOf(leadIds);
        // In slices: a database takes only so many parameters in one statement.
        for (int from = 0; from < ids.size(); from += 1000) {
            periods.findClosers(ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .forEach(row -> actors.put((String) row[0], (String) row[1]));
        }
        return actors;
    }

    public List<OwnershipPeriod> history(String leadId) {
        if (!leads.existsById(leadId)) {
            throw new LeadNotFoundException(leadId);
        }
        return periods.findByLeadIdOrderByValidFromAscIdAsc(leadId);
    }

    static String actorOrSystem(String actor) {
        return actor == null || actor.isBlank() ? Actors.SYSTEM : actor;
    }
}

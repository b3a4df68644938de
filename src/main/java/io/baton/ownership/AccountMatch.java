package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadRouting.Reason;
import io.baton.system.Databases;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One company, one rep: a lead whose account (normalised corporate domain, see
 * {@link io.baton.lead.AccountDomains}) already has open leads goes to the owner of the oldest of
 * them who is present and in the team the routing table chose. If none is, routing runs as usual and
 * the decision names the account's owner and why they did not get it: away (an owner in the chosen
 * team who is away or offboarded) or in another team (the oldest open lead's owner).
 *
 * <p>Concurrency: leads of one company are routed one after the other. On PostgreSQL the lookup
 * first upserts the account's row in {@code baton_account}, which locks it until the lead's
 * transaction commits; a second lead of the same company, captured at the same moment on any node,
 * waits at that row, then (read committed) sees the first lead and its owner. H2 answers a
 * concurrent upsert with an error instead of waiting, and an H2 database has one node by nature, so
 * there the same wait is a lock per account in this JVM, held until the lead's transaction
 * completes. Only leads of one company wait for each other; leads without an account take no lock.
 * A wait longer than {@link #WAIT_SECONDS} (e.g. two imports holding two companies in opposite
 * order) is a conflict, which the intake retries as a whole.
 */
@Component
class AccountMatch {

    static final int WAIT_SECONDS = 30;

    private static final String UPSERT_POSTGRES = """
            insert into baton_account (domain, last_routed_at) values (?, ?)
            on conflict (domain) do update set last_routed_at = excluded.last_routed_at""";
    private static final String UPSERT_H2 = "merge into baton_account (domain, last_routed_at) key (domain) values (?, ?)";

    /** The account's other open leads and their owners, oldest first. */
    private static final String OPEN_LEADS = """
            select l.id, l.owner, m.team, m.available, m.offboarded
            from baton_lead l left join baton_team_member m on m.user_id = l.owner
            where l.account_domain = ? and l.status = 'OPEN' and l.id <> ? and l.owner is not null
            order by l.created_at, l.id""";

    record Holder(String leadId, String owner, String team, boolean present) {
    }

    /** What the account says about routing this lead: whom to give it to, or why not, and the account's owner. */
    record Verdict(Reason reason, Holder holder) {
        Optional<String> owner() {
            return reason == Reason.ACCOUNT_MATCH ? Optional.of(holder.owner()) : Optional.empty();
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean postgres;
    /**
     * H2 only: a lock per account, held by the transaction that routes one of its leads; striped, so
     * memory stays fixed, at the cost of two companies sharing a stripe now and then waiting for each other.
     */
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    AccountMatch(JdbcTemplate jdbc, Clock clock, DataSourceProperties dataSource) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.postgres = Databases.isPostgres(dataSource);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Empty when the lead has no account or the account has no other open lead with an owner. */
    Optional<Verdict> consider(Lead lead, String team) {
        String domain = lead.getAccountDomain();
        if (domain == null) {
            return Optional.empty();
        }
        if (!postgres) {
            lockInThisJvm(domain);
        }
        jdbc.update(postgres ? UPSERT_POSTGRES : UPSERT_H2, domain, Timestamp.from(clock.instant()));
        List<Holder> holders = jdbc.query(OPEN_LEADS, (row, i) -> new Holder(row.getString("id"), row.getString("owner"),
                row.getString("team"), row.getBoolean("available") && !row.getBoolean("offboarded")), domain, lead.getId());
        if (holders.isEmpty()) {
            return Optional.empty();
        }
        Optional<Holder> inTeam = holders.stream().filter(h -> h.present() && team.equals(h.team())).findFirst();
        if (inTeam.isPresent()) {
            return Optional.of(new Verdict(Reason.ACCOUNT_MATCH, inTeam.get()));
        }
        return Optional.of(holders.stream().filter(h -> team.equals(h.team())).findFirst()
                .map(away -> new Verdict(Reason.ACCOUNT_OWNER_AWAY, away))
                .orElseGet(() -> new Verdict(Reason.ACCOUNT_OWNER_OTHER_TEAM, holders.get(0))));
    }

    private void lockInThisJvm(String domain) {
        ReentrantLock lock = stripes[Math.floorMod(domain.hashCode(), stripes.length)];
        try {
            if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new CannotAcquireLockException("Account " + domain + " is being routed by another transaction");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CannotAcquireLockException("Interrupted while waiting for account " + domain);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                lock.unlock();
            }
        });
    }
}

package io.baton.ownership;

import com.zaxxer.hikari.HikariDataSource;
import io.baton.system.Databases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one routing decision in its own short transaction on a small pool of its own.
 *
 * <p>The decision weighs the work each person holds <em>now</em>: their open assigned user tasks
 * (every process, every step) plus their routing tickets still in flight, relative to capacity.
 * Counts since start-up play no part, so someone back from absence is not flooded with every new
 * lead; they get new work until their share evens out, then their normal share.
 *
 * <p>The team's rows are locked ({@code select … for update}) only while the next person is
 * picked and a ticket is written for them, then committed at once — not until the lead that needed
 * the decision commits, which would hold every other intake of the team behind the whole engine
 * flush. The ticket counts as the person's work until the lead's own transaction deletes it
 * ({@link Routing}); that same commit makes the lead's task visible, so concurrent decisions, also
 * across nodes, see each piece of work exactly once. The work is counted in one statement after the
 * lock is held, so it reads what the previous decision committed. A lead whose transaction rolls
 * back leaves its ticket, which counts for {@link #TICKET_MINUTES} minutes: a little fairness,
 * never an owner.
 *
 * <p>On PostgreSQL the ticket commits without waiting for its WAL flush ({@code synchronous_commit
 * = off} for this transaction only), so the team's rows are not held locked through a disk flush
 * and a lead costs one flush, its own, instead of two. The lead's commit, which is synchronous and
 * comes later, flushes the WAL up to itself and so the ticket with it; only a database crash in
 * between can lose a ticket, which costs fairness by one, never an owner.
 */
@Component
class RoutingTickets implements DisposableBean {

    /** How long a ticket whose lead never committed still counts as work. */
    static final int TICKET_MINUTES = 5;
    /** Tickets this old are gone for good; far beyond any transaction that could still delete one. */
    private static final int PURGE_MINUTES = 24 * 60;
    private static final int PURGE_EVERY = 1024;

    private static final String LOCK_TEAM = """
            select user_id, capacity, available, offboarded, last_routed
            from baton_team_member where team = ? order by user_id for update""";

    /**
     * Open work per member, and whether they are still in the team's group: someone an administrator
     * took out of the group in Camunda Admin gets no new work (their open work stays theirs until
     * they are offboarded). A team without a Camunda group of its name routes by the directory alone.
     */
    private static final String OPEN_WORK = """
            select m.user_id,
                   (select count(*) from ACT_RU_TASK t where t.ASSIGNEE_ = m.user_id)
                 + (select count(*) from baton_routing_ticket k where k.user_id = m.user_id
                        and k.taken_at > current_timestamp - interval '%d' minute) as work,
                   case when exists (select 1 from ACT_ID_GROUP g where g.ID_ = m.team)
                         and not exists (select 1 from ACT_ID_MEMBERSHIP s where s.GROUP_ID_ = m.team and s.USER_ID_ = m.user_id)
                        then 0 else 1 end as in_group
            from baton_team_member m where m.team = ?""".formatted(TICKET_MINUTES);

    /** {@code joined}: who joined the directory from the team's group on the way (see {@link TeamGroups}). */
    record Ticket(String id, String userId, List<String> joined) {
    }

    private record Work(long open, boolean inGroup) {
    }

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final boolean postgres;
    private final AtomicLong decisions = new AtomicLong();

    private final TeamProperties teamProperties;

    RoutingTickets(DataSourceProperties properties, TeamProperties teamProperties) {
        this.teamProperties = teamProperties;
        this.pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("baton-routing");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        this.jdbc = new JdbcTemplate(pool);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
        this.postgres = Databases.isPostgres(properties);
    }

    /** A ticket for the eligible member with the least open work relative to capacity; empty if none. */
    Optional<Ticket> take(String team) {
        if (decisions.incrementAndGet() % PURGE_EVERY == 0) {
            purge();
        }
        return transaction.execute(status -> {
            if (postgres) {
                jdbc.execute("set local synchronous_commit = off");
            }
            // Whoever was added to the team's group in Camunda Admin since the last reconcile joins before the decision.
            List<String> joined = new ArrayList<>(TeamGroupSql.join(jdbc, postgres, teamProperties.defaultCapacity(), team));
            List<Candidate> members = lockTeam(team);
            if (members.isEmpty()) {
                // A team's group created in Admin since the last reconcile: the team first (here or by whoever
                // just did it, also another node), then its members.
                TeamGroupSql.createTeam(jdbc, postgres, team);
                joined.addAll(TeamGroupSql.join(jdbc, postgres, teamProperties.defaultCapacity(), team));
                members = lockTeam(team);
            }
            if (members.stream().noneMatch(Candidate::eligible)) {
                return Optional.<Ticket>empty();
            }
            // A statement of its own, after the lock: it sees everything the previous decision committed.
            Map<String, Work> work = jdbc.query(OPEN_WORK, (row, i) -> Map.entry(row.getString("user_id"),
                            new Work(row.getLong("work"), row.getInt("in_group") == 1)), team)
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Optional<Candidate> chosen = members.stream().filter(Candidate::eligible)
                    .filter(m -> work.containsKey(m.userId()) && work.get(m.userId()).inGroup())
                    .map(m -> m.withWork(work.get(m.userId()).open()))
                    .min(Comparator.comparingDouble(Candidate::load).thenComparingLong(Candidate::lastRouted)
                            .thenComparing(Candidate::userId));
            if (chosen.isEmpty()) {
                return Optional.<Ticket>empty();
            }
            Candidate next = chosen.get();
            long decision = members.stream().mapToLong(Candidate::lastRouted).max().orElse(0) + 1;
            jdbc.update("update baton_team_member set routed_count = routed_count + 1, last_routed = ? where user_id = ?",
                    decision, next.userId());
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), next.userId(), List.copyOf(joined));
            jdbc.update("insert into baton_routing_ticket (id, user_id, taken_at) values (?, ?, current_timestamp)",
                    ticket.id(), ticket.userId());
            return Optional.of(ticket);
        });
    }

    private List<Candidate> lockTeam(String team) {
        return jdbc.query(LOCK_TEAM, (row, i) -> new Candidate(row.getString("user_id"),
                row.getInt("capacity"), row.getBoolean("available") && !row.getBoolean("offboarded"),
                row.getLong("last_routed"), 0), team);
    }

    /**
     * Removes tickets far older than any transaction that could still settle them. Outside the team
     * lock and on this pool only, so it never waits while holding what a lead's transaction needs.
     */
    void purge() {
        transaction.executeWithoutResult(status -> jdbc.update(
                "delete from baton_routing_ticket where taken_at < current_timestamp - interval '%d' minute".formatted(PURGE_MINUTES)));
    }

    @Override
    public void destroy() {
        pool.close();
    }

    private record Candidate(String userId, int capacity, boolean eligible, long lastRouted, long work) {
        Candidate withWork(long open) {
            return new Candidate(userId, capacity, eligible, lastRouted, open);
        }

        double load() {
            return (double) work / Math.max(1, capacity);
        }
    }
}

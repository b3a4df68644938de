package io.baton.ownership;

import com.zaxxer.hikari.HikariDataSource;
import io.baton.system.Databases;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one routing decision in its own short transaction on a small pool of its own.
 *
 * <p>The team's rows are locked ({@code select … for update}) only while the next person is
 * picked and their count is raised, then committed at once — not until the lead that needed the
 * decision commits, which would hold every other intake of the team behind the whole engine flush.
 * Concurrent decisions, also across nodes, still see each other's counts. A lead whose transaction
 * later rolls back leaves its ticket spent, like a sequence number: routing stays fair within one
 * lead. The pool is separate from the application's so that a caller holding a connection never
 * waits for a second one from the same exhausted pool.
 *
 * <p>On PostgreSQL the ticket commits without waiting for its WAL flush ({@code synchronous_commit
 * = off} for this transaction only), so the team's rows are not held locked through a disk flush
 * and a lead costs one flush, its own, instead of two. The lead's commit, which is synchronous and
 * comes later, flushes the WAL up to itself and so the ticket with it; only a database crash in
 * between can lose a ticket, which costs a routed count (fairness by one), never an owner.
 */
@Component
class RoutingTickets implements DisposableBean {

    private static final String LOCK_TEAM = """
            select user_id, capacity, routed_count, available, offboarded
            from baton_team_member where team = ? order by user_id for update""";

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final boolean postgres;

    RoutingTickets(DataSourceProperties properties) {
        this.pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("baton-routing");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        this.jdbc = new JdbcTemplate(pool);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
        this.postgres = Databases.isPostgres(properties);
    }

    /** The eligible member with the lowest load relative to capacity, counted as routed; empty if none. */
    Optional<String> take(String team) {
        return transaction.execute(status -> {
            if (postgres) {
                jdbc.execute("set local synchronous_commit = off");
            }
            List<Candidate> candidates = jdbc.query(LOCK_TEAM, (row, i) -> new Candidate(row.getString("user_id"),
                    row.getInt("capacity"), row.getLong("routed_count"),
                    row.getBoolean("available") && !row.getBoolean("offboarded")), team);
            Optional<String> next = candidates.stream().filter(Candidate::eligible)
                    .min(Comparator.comparingDouble(Candidate::load).thenComparingLong(Candidate::routed)
                            .thenComparing(Candidate::userId))
                    .map(Candidate::userId);
            next.ifPresent(userId -> jdbc.update(
                    "update baton_team_member set routed_count = routed_count + 1 where user_id = ?", userId));
            return next;
        });
    }

    @Override
    public void destroy() {
        pool.close();
    }

    private record Candidate(String userId, int capacity, long routed, boolean eligible) {
        double load() {
            return (double) routed / Math.max(1, capacity);
        }
    }
}

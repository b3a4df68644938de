package io.baton.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Lets several nodes start at once on one empty PostgreSQL database. With {@code schema-update}
 * every node checks for the ACT_* tables and creates the missing ones; unserialized, two nodes both
 * see none, both run the create script, and the loser fails start-up on a duplicate table. The
 * engine runs its start-up schema work (create/update, history level, bootstrap) through one command
 * executor while it builds; this plugin wraps that executor so each of those commands runs under a
 * cluster-wide PostgreSQL advisory lock held on a separate connection until the command's
 * transaction has committed. The next node then finds the tables and skips creating them.
 */
@Component
class SchemaCreationLock extends AbstractProcessEnginePlugin {

    /** Any constant shared by all nodes; "baton" in ASCII, so it does not collide with Flyway's lock. */
    static final long LOCK_KEY = 0x626174_6f6eL;

    private static final Logger log = LoggerFactory.getLogger(SchemaCreationLock.class);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // The database type and the schema executor are known only after init, and ProcessEngineImpl
        // reads the executor afterwards, in its constructor, where the schema operations run.
        if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
            return;
        }
        configuration.setCommandExecutorSchemaOperations(
                new Serialized(configuration.getCommandExecutorSchemaOperations(), target(configuration.getDataSource())));
    }

    /** The pool itself: the lock connection must never be the one of the transaction it guards. */
    private static DataSource target(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : dataSource;
    }

    private record Serialized(CommandExecutor delegate, DataSource dataSource) implements CommandExecutor {

        @Override
        public <T> T execute(Command<T> command) {
            try (Connection connection = dataSource.getConnection()) {
                if (!call(connection, "select pg_try_advisory_lock(?)")) {
                    log.info("Another node is setting up the engine schema; waiting for it");
                    call(connection, "select pg_advisory_lock(?) is not null");
                }
                try {
                    // The delegate's transaction commits inside execute(), so the lock covers the commit.
                    return delegate.execute(command);
                } finally {
                    if (!call(connection, "select pg_advisory_unlock(?)")) {
                        log.warn("Engine schema lock {} was not held at release", LOCK_KEY);
                    }
                }
            } catch (SQLException e) {
                throw new ProcessEngineException("Could not take the engine schema lock: " + e.getMessage(), e);
            }
        }

        private static boolean call(Connection connection, String sql) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }
    }
}

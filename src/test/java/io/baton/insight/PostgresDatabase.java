package io.baton.insight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server integration tests run against: {@code BATON_TEST_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/baton_insight_it}), user {@code BATON_TEST_DB_USER} /
 * {@code BATON_TEST_DB_PASSWORD}. The database is dropped and created fresh through the
 * {@code postgres} maintenance database, so every run starts from an empty schema. Without a
 * reachable server the tests are skipped with a loud message, except on CI ({@code CI=true}),
 * where that is a failure: a green build must have run against PostgreSQL.
 */
class PostgresDatabase implements ExecutionCondition {

    static final String URL = env("BATON_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/baton_insight_it");
    static final String USER = env("BATON_TEST_DB_USER", "postgres");
    static final String PASSWORD = env("BATON_TEST_DB_PASSWORD", "");

    private static volatile boolean recreated;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            recreateOnce();
            return ConditionEvaluationResult.enabled("PostgreSQL at " + URL);
        } catch (SQLException unreachable) {
            String message = "PostgreSQL at " + URL + " is not reachable (" + unreachable.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true requires it", unreachable);
            }
            System.err.println("""

                    ************************************************************************
                    SKIPPING %s: %s
                    Start PostgreSQL or set BATON_TEST_DB_URL to run it.
                    ************************************************************************
                    """.formatted(context.getDisplayName(), message));
            return ConditionEvaluationResult.disabled(message);
        }
    }

    static synchronized void recreateOnce() throws SQLException {
        if (recreated) {
            return;
        }
        int slash = URL.lastIndexOf('/');
        int query = URL.indexOf('?', slash);
        String database = query < 0 ? URL.substring(slash + 1) : URL.substring(slash + 1, query);
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("BATON_TEST_DB_URL must name a plain database, got '" + database + "'");
        }
        String maintenance = URL.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : URL.substring(query));
        try (Connection connection = DriverManager.getConnection(maintenance, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        recreated = true;
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

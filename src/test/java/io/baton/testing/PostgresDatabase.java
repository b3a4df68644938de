package io.baton.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server integration tests run against: {@code BATON_TEST_DB_URL}, else the local
 * server. Each suite gets a fresh database. Without a reachable server the suite is skipped with a
 * loud message — except under {@code CI=true}, where that is a failure. {@code BATON_TEST_DB_SUFFIX}
 * is appended to every database name, so two checkouts can run the suites on one server at once.
 */
public final class PostgresDatabase {

    public static final String USER = env("BATON_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("BATON_TEST_DB_PASSWORD", "");
    private static final String SERVER = env("BATON_TEST_DB_SERVER", "jdbc:postgresql://127.0.0.1:5432/");

    private PostgresDatabase() {
    }

    /** Recreates database {@code name} and returns its JDBC URL. */
    public static synchronized String fresh(String suite) {
        String name = suite + env("BATON_TEST_DB_SUFFIX", "").replaceAll("[^a-z0-9_]", "");
        String explicit = System.getenv("BATON_TEST_DB_URL");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
            return SERVER + name;
        } catch (SQLException unreachable) {
            String message = "PostgreSQL is not reachable at " + SERVER + " (" + unreachable.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " — CI requires the PostgreSQL suite to run", unreachable);
            }
            System.err.println("\n!!!!!!!!!! SKIPPING POSTGRESQL TESTS: " + message + " !!!!!!!!!!\n");
            Assumptions.abort(message);
            return null;
        }
    }

    /** Points the Spring context at a fresh database {@code name}. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        String url = fresh(name);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

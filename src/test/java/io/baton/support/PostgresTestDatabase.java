package io.baton.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL database of the integration tests: {@code BATON_TEST_DB_URL} (default a local
 * {@code baton_import_it}), created through the {@code postgres} maintenance database when missing.
 * Without a reachable server the tests are skipped with a loud message, except on CI
 * ({@code CI=true}), where that is a failure: CI must never pass by skipping.
 */
public final class PostgresTestDatabase implements BeforeAllCallback {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/baton_import_it";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(\\?.*)?");
    private static volatile String ready;

    public static String url() {
        String url = System.getenv("BATON_TEST_DB_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    public static String user() {
        String user = System.getenv("BATON_TEST_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public static String password() {
        String password = System.getenv("BATON_TEST_DB_PASSWORD");
        return password == null ? "" : password;
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresTestDatabase::url);
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.datasource.password", PostgresTestDatabase::password);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String url = url();
        if (url.equals(ready)) {
            return;
        }
        try {
            ensureDatabase(url);
            ready = url;
        } catch (SQLException unreachable) {
            String message = "PostgreSQL for " + context.getDisplayName() + " is not reachable at " + url + " (" + unreachable.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping", unreachable);
            }
            System.err.println("""

                    ************************************************************************
                    SKIPPED: %s
                    Start PostgreSQL or set BATON_TEST_DB_URL to run the PostgreSQL tests.
                    ************************************************************************
                    """.formatted(message));
            throw new TestAbortedException(message);
        }
    }

    private static void ensureDatabase(String url) throws SQLException {
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            try (Connection ignored = DriverManager.getConnection(url, user(), password())) {
                return;
            }
        }
        String name = parts.group(2);
        String maintenance = parts.group(1) + "postgres" + (parts.group(3) == null ? "" : parts.group(3));
        try (Connection connection = DriverManager.getConnection(maintenance, user(), password());
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    if (!name.matches("[A-Za-z0-9_]+")) {
                        throw new SQLException("refusing to create a database named '" + name + "'");
                    }
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        }
    }
}

package io.baton.system;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Which database Baton runs on, for the few statements only PostgreSQL understands. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(DataSourceProperties properties) {
        String url = properties.determineUrl();
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}

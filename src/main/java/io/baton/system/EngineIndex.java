package io.baton.system;

/**
 * An index Baton adds to one of the engine's tables for a query of its own. The engine's schema
 * scripts do not know it; {@link EngineIndexes} creates every declared one at start-up, on H2 and
 * PostgreSQL alike, and the database maintains it with the table from then on.
 *
 * @param name    index name, unique in the schema
 * @param table   the engine table
 * @param columns the indexed columns, in order
 * @param why     what reads it, for the start-up log
 */
public record EngineIndex(String name, String table, String columns, String why) {

    String ddl() {
        return "create index if not exists " + name + " on " + table + " (" + columns + ")";
    }
}

package dev.shirase.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway (db/migration/sqlite or db/migration/postgresql), unless it already is:
 * a store that has every migration, none failed, takes one query instead of Flyway's start (its class graph and
 * scan of the migrations, about a tenth of a second of CPU at every restart).
 */
final class Migrations {

    /** The newest migration of each store. {@code MigrationsTest} fails when a V file is added and this is not. */
    static final int SQLITE_LATEST = 8;
    static final int POSTGRES_LATEST = 13;

    private Migrations() {
    }

    static void run(DataSource dataSource, boolean postgres) {
        if (current(dataSource, postgres ? POSTGRES_LATEST : SQLITE_LATEST)) {
            return;
        }
        Flyway.configure(Store.class.getClassLoader()) // the loader that holds db/migration, under Camel JBang too
                .dataSource(dataSource)
                .locations(postgres ? "classpath:db/migration/postgresql" : "classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    /** Whether Flyway's history says the newest migration ran and none failed; false for a new store. */
    static boolean current(DataSource dataSource, int latest) {
        try (Connection c = dataSource.getConnection()) {
            // asked of the driver first: a query on a missing table is an ERROR line in PostgreSQL's own log
            try (ResultSet table = c.getMetaData().getTables(null, c.getSchema(), "flyway_schema_history", null)) {
                if (!table.next()) {
                    return false; // a new store
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)), SUM(CASE WHEN success THEN 0 ELSE 1 END)"
                            + " FROM flyway_schema_history")) {
                return rs.next() && rs.getInt(1) == latest && rs.getInt(2) == 0;
            }
        } catch (SQLException e) {
            return false; // Flyway says what is wrong, if anything
        }
    }
}

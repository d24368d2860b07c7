package dev.shirase.store;


import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** When a commit is on disk, as the database really runs (not as the URL asks): checked once the store opens. */
final class CommitCheck {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private CommitCheck() {
    }

    /**
     * Checks what the connections really run with. The store's own settings win over the same parameters in the
     * URL (journal_mode=MEMORY, synchronous=OFF); should a driver ever let the URL win, the store refuses to start
     * rather than quietly weaken every acknowledgement.
     */
    static void sqlite(DataSource dataSource, Durability durability) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // lets housekeeping give the space of removed messages back to the file system; it can only be turned
            // on by rewriting the file, so only while the database is new (no table yet)
            if (!"2".equals(single(s, "PRAGMA auto_vacuum")) && "0".equals(single(s,
                    "SELECT COUNT(*) FROM sqlite_master"))) {
                s.execute("PRAGMA auto_vacuum = INCREMENTAL");
                s.execute("VACUUM");
            }
            String journal = single(s, "PRAGMA journal_mode");
            int synchronous = Integer.parseInt(single(s, "PRAGMA synchronous"));
            if (!"wal".equalsIgnoreCase(journal)) {
                throw new IllegalArgumentException("shirase.store.url sets journal_mode=" + journal + "; the store"
                        + " needs its write-ahead log (WAL) to acknowledge a message only once it is on disk: remove"
                        + " journal_mode from the URL");
            }
            if (synchronous < durability.sqliteSynchronousLevel()) {
                throw new IllegalArgumentException("shirase.store.url sets synchronous=" + synchronous + ", weaker"
                        + " than shirase.store.durability=" + durability.setting() + " needs ("
                        + durability.sqliteSynchronous() + "): remove synchronous from the URL; the store sets it"
                        + " from shirase.store.durability");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the store: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL decides itself when a commit is flushed: say what it does, and warn where it undercuts the setting. */
    static void postgres(DataSource dataSource, Durability durability) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String commit = single(s, "SHOW synchronous_commit");
            if (durability == Durability.POWER_LOSS && "off".equalsIgnoreCase(commit)) {
                LOG.warn("shirase.store.durability=power-loss, but PostgreSQL runs with synchronous_commit=off: the"
                        + " database server may lose its last commits if it loses power (a crash of Shirase"
                        + " loses nothing). Set synchronous_commit=on for this database to keep that promise.");
            } else {
                LOG.info("PostgreSQL synchronous_commit={}: a commit is acknowledged by the database server", commit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the store: " + e.getMessage(), e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

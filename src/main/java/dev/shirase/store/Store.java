package dev.shirase.store;



import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JDBC store: embedded SQLite under ./data by default, PostgreSQL for a jdbc:postgresql: URL. Opening it
 * brings the schema up to date ({@link Migrations}).
 * <p>
 * A write returns only once its commit is durable as {@link Durability} asks. The store sets that itself on
 * every connection (SQLite: write-ahead log, synchronous NORMAL or FULL) and refuses a URL that would weaken it,
 * so moving the store never silently turns an acknowledgement into a promise kept only in memory.
 * <p>
 * {@link #openInBackground} opens it (pool, checks, migrations) on a thread of its own while the routes are built;
 * its first use waits for that, and {@link #awaitOpen} says why it could not open.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRES = "jdbc:postgresql:";

    private final CompletableFuture<HikariDataSource> pool;
    /** The pool, or while it opens one that waits for it. */
    private final DataSource dataSource;
    private final boolean postgres;
    private final GroupCommit writes;
    /** Whether the store answers: one WARN when it stops, one INFO when it is back, whoever meets it. */
    private final StoreOutage outage = new StoreOutage();

    private Store(CompletableFuture<HikariDataSource> pool, boolean postgres) {
        this.pool = pool;
        this.dataSource = pool.isDone() ? pool.join() : new AwaitedDataSource(this::pool);
        this.postgres = postgres;
        this.writes = new GroupCommit(dataSource);
    }

    public static Store open(String url, String username, String password, int poolSize, Durability durability) {
        prepare(url);
        return new Store(CompletableFuture.completedFuture(openPool(url, username, password, poolSize, durability,
                DEFAULT_WAIT)),
                url.startsWith(POSTGRES));
    }

    /**
     * Like {@link #open}, but the pool opens and the migrations run on a thread of their own; the URL and (embedded
     * store) its directory are checked and made ready before this returns.
     */
    public static Store openInBackground(String url, String username, String password, int poolSize,
            Durability durability, java.time.Duration wait) {
        prepare(url);
        CompletableFuture<HikariDataSource> pool = InBackground.start("store-open",
                () -> openPool(url, username, password, poolSize, durability, wait));
        return new Store(pool, url.startsWith(POSTGRES));
    }

    /** Waits until the store is open; throws why it could not open. */
    public void awaitOpen() {
        pool();
    }

    private HikariDataSource pool() {
        try {
            return pool.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Refuses a URL the store cannot keep its promise with; for the embedded store, makes its directory ready. */
    private static void prepare(String url) {
        if (url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("shirase.store.url is an H2 URL: the embedded store is SQLite now"
                    + " (jdbc:sqlite:./data/shirase.db). An H2 store of an earlier Shirase is not read; let that"
                    + " version deliver what it holds first.");
        }
        if (!url.startsWith(POSTGRES) && !url.startsWith(SQLITE)) {
            throw new IllegalArgumentException("shirase.store.url must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        if (url.startsWith(SQLITE)) {
            Path file = sqliteFile(url); // refuses an in-memory database
            createDirectory(file);
            warnOfAnEarlierH2Store(file);
        }
    }

    /** How long a statement waits for a connection when nothing else is said (shirase.store.wait). */
    private static final java.time.Duration DEFAULT_WAIT = java.time.Duration.ofSeconds(1);

    /** The pool: on PostgreSQL a statement waits at most {@code wait} for a connection (an outage is a quick 503). */
    private static HikariDataSource openPool(String url, String username, String password, int poolSize,
            Durability durability, java.time.Duration wait) {
        boolean postgres = url.startsWith(POSTGRES);
        HikariConfig config = new HikariConfig();
        config.setPoolName("shirase-store");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // PostgreSQL can go away under a running replica: waiting for it is bounded. The embedded store's pool
        // keeps Hikari's ten seconds (no outage to wait out there, and a burst may queue for a connection).
        long waitMillis = postgres ? Math.max(250, wait.toMillis()) : 10_000;
        config.setConnectionTimeout(waitMillis);
        config.setValidationTimeout(Math.min(waitMillis, 5_000));
        if (postgres) {
            // a statement on a connection whose server went away (network cut) fails instead of hanging
            config.addDataSourceProperty("socketTimeout", "15");
            config.addDataSourceProperty("tcpKeepAlive", "true");
        } else {
            config.setDriverClassName("org.sqlite.JDBC");
            // applied by the driver to every connection it opens
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", durability.sqliteSynchronous());
            config.addDataSourceProperty("busy_timeout", "10000");
            // after a checkpoint the log file is cut back to this size, so a burst does not leave a large file
            config.addDataSourceProperty("journal_size_limit", String.valueOf(8 * 1024 * 1024));
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the driver's message names host and database, never the password
            throw new IllegalStateException("cannot open the store at " + redact(url) + ": " + rootMessage(e), e);
        }
        try {
            if (postgres) {
                CommitCheck.postgres(dataSource, durability);
            } else {
                CommitCheck.sqlite(dataSource, durability);
            }
            Migrations.run(dataSource, postgres);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("Store ready: {} (a write is acknowledged once it survives {})", redact(url), durability.survives());
        return dataSource;
    }

    /** The database file of a jdbc:sqlite: URL; refuses an in-memory database, which a crash would empty. */
    static Path sqliteFile(String url) {
        String path = url.substring(SQLITE.length()).split("\\?", 2)[0];
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1).toLowerCase(Locale.ROOT) : "";
        if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file::memory:")
                || java.util.Arrays.asList(query.split("&")).contains("mode=memory")) {
            throw new IllegalArgumentException("shirase.store.url names an in-memory database (" + redact(url)
                    + "): everything acknowledged would be lost with the process; give it a file, e.g."
                    + " jdbc:sqlite:./data/shirase.db");
        }
        return Path.of(path.startsWith("file:") ? path.substring("file:".length()) : path);
    }

    /** SQLite creates the database file but not its directory. */
    private static void createDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the store directory " + parent + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalStateException("the store directory " + parent + " is not writable (a read-only file"
                    + " system or its permissions): the store must be able to write there");
        }
    }

    private static void warnOfAnEarlierH2Store(Path file) {
        Path h2 = file.toAbsolutePath().getParent().resolve("shirase.mv.db");
        if (Files.exists(h2)) {
            LOG.warn("Found {}, the H2 store of an earlier Shirase: this version does not read it. If it still holds"
                    + " undelivered messages, let the earlier version deliver them, then remove the file.", h2);
        }
    }

    /** The URL without its query string and parameters, which may carry a password. */
    static String redact(String url) {
        return url.split("[;?]", 2)[0];
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Statements on the store, with writes committed in groups. */
    public Jdbc jdbc() {
        return new Jdbc(dataSource, writes, outage);
    }

    /**
     * Gives the space of removed rows back to the file system (SQLite keeps it for reuse otherwise) and cuts the
     * write-ahead log back. Nothing to do on PostgreSQL, whose autovacuum does this.
     */
    public void reclaimSpace() {
        if (postgres) {
            return;
        }
        jdbc().write(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("PRAGMA incremental_vacuum");
            }
            return null;
        });
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new Jdbc.StoreException("PRAGMA wal_checkpoint", e);
        }
    }

    @Override
    public void close() {
        writes.close();
        pool.thenAccept(HikariDataSource::close);
    }
}

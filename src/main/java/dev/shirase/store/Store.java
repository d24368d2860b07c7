package dev.shirase.store;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JDBC store: embedded H2 under ./data by default, PostgreSQL for a jdbc:postgresql: URL. Opening it
 * brings the schema up to date (Flyway migrations in db/migration/common, plus db/migration/postgresql there).
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final GroupCommit writes;

    private Store(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.writes = new GroupCommit(dataSource);
    }

    public static Store open(String url, String username, String password, int poolSize) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("shirase.store.url must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        createH2Directory(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("shirase-store");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the driver's message names host and database, never the password
            throw new IllegalStateException("cannot open the store at " + redact(url) + ": " + rootMessage(e), e);
        }
        String[] migrations = postgres
                ? new String[] {"classpath:db/migration/common", "classpath:db/migration/postgresql"}
                : new String[] {"classpath:db/migration/common"};
        Flyway.configure()
                .dataSource(dataSource)
                .locations(migrations)
                .load()
                .migrate();
        LOG.info("Store ready: {}", redact(url));
        return new Store(dataSource, postgres);
    }

    /** H2 creates the database file but not its directory. */
    private static void createH2Directory(String url) {
        String prefix = "jdbc:h2:file:";
        if (url.startsWith(prefix)) {
            String file = url.substring(prefix.length()).split(";", 2)[0];
            Path parent = Path.of(file).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the store directory " + parent + ": " + e.getMessage(), e);
            }
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
        return new Jdbc(dataSource, writes);
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        writes.close();
        dataSource.close();
    }
}

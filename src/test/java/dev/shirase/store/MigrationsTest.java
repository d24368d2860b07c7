package dev.shirase.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;

import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store with every migration opens without Flyway; one a migration short, or new, gets it. */
class MigrationsTest {

    private final Path dir = TempDirs.create("shirase-migrations");

    @AfterEach
    void removeFiles() {
        TempDirs.delete(dir);
    }

    private static int newest(String store) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", store))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    @Test
    void theNewestMigrationOfEachStoreIsTheOneTheSkipCompares() throws Exception {
        assertEquals(newest("sqlite"), Migrations.SQLITE_LATEST, "raise Migrations.SQLITE_LATEST with the new V file");
        assertEquals(newest("postgresql"), Migrations.POSTGRES_LATEST,
                "raise Migrations.POSTGRES_LATEST with the new V file");
    }

    @Test
    void onlyAStoreWithEveryMigrationAndNoneFailedIsCurrent() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("shirase.db");
        try (Store store = Store.open(url, "", "", 2, Durability.PROCESS_CRASH)) {
            assertTrue(Migrations.current(store.dataSource(), Migrations.SQLITE_LATEST));
            assertFalse(Migrations.current(store.dataSource(), Migrations.SQLITE_LATEST + 1));
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");
            }
            assertFalse(Migrations.current(store.dataSource(), Migrations.SQLITE_LATEST), "a failed migration");
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE flyway_schema_history SET success = 1 WHERE version = '3'");
                // the last migration undone, as a store an older version left
                s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '"
                        + Migrations.SQLITE_LATEST + "'");
                s.executeUpdate("ALTER TABLE shirase_outbox DROP COLUMN retry_from");
            }
        }
        try (Store store = Store.open(url, "", "", 2, Durability.PROCESS_CRASH)) {
            assertTrue(Migrations.current(store.dataSource(), Migrations.SQLITE_LATEST), "brought up to date");
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("SELECT retry_from FROM shirase_outbox").close(); // the column is back
            }
        }
    }

    @Test
    void aNewStoreIsNotCurrent() throws Exception {
        Path file = dir.resolve("empty.db");
        org.sqlite.SQLiteDataSource empty = new org.sqlite.SQLiteDataSource();
        empty.setUrl("jdbc:sqlite:" + file);
        assertFalse(Migrations.current(empty, Migrations.SQLITE_LATEST));
    }
}

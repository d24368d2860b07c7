package dev.shirase.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store sets its own durability and refuses a URL that would weaken it. */
class StoreTest {

    private final Path dir = TempDirs.create("shirase-store");

    @AfterEach
    void removeFiles() {
        TempDirs.delete(dir);
    }

    private String url(String suffix) {
        return "jdbc:sqlite:" + dir.resolve("nested/shirase.db") + suffix;
    }

    private static String pragma(Store store, String name) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aPlainFileUrlGetsTheWriteAheadLogAndTheDurabilityAskedFor() throws Exception {
        try (Store store = Store.open(url(""), "", "", 2, Durability.PROCESS_CRASH)) {
            assertEquals("wal", pragma(store, "journal_mode"));
            assertEquals("1", pragma(store, "synchronous")); // NORMAL: in the OS before the commit returns
            assertEquals("2", pragma(store, "auto_vacuum")); // INCREMENTAL
        }
        try (Store store = Store.open(url(""), "", "", 2, Durability.POWER_LOSS)) {
            assertEquals("2", pragma(store, "synchronous")); // FULL: fsync per commit
        }
    }

    @Test
    void urlParametersThatWouldWeakenDurabilityAreOverruled() throws Exception {
        try (Store store = Store.open(url("?synchronous=OFF&journal_mode=MEMORY"), "", "", 2,
                Durability.PROCESS_CRASH)) {
            assertEquals("wal", pragma(store, "journal_mode"));
            assertEquals("1", pragma(store, "synchronous"));
        }
        try (Store store = Store.open(url("?synchronous=NORMAL"), "", "", 2, Durability.POWER_LOSS)) {
            assertEquals("2", pragma(store, "synchronous"));
        }
    }

    @Test
    void aStoreOpenedInTheBackgroundIsUsableAtOnceItsFirstUseWaitingForTheMigrations() {
        try (Store store = Store.openInBackground(url(""), "", "", 2, Durability.PROCESS_CRASH,
                java.time.Duration.ofSeconds(1))) {
            Jdbc jdbc = store.jdbc();
            assertEquals(1, jdbc.update("INSERT INTO shirase_dedupe (dedupe_key, created_at) VALUES (?, ?)", "k", 1L));
            assertEquals(1, jdbc.count("SELECT COUNT(*) FROM shirase_dedupe WHERE dedupe_key = ?", "k"));
            store.awaitOpen();
        }
    }

    @Test
    void aStoreThatCannotOpenInTheBackgroundSaysWhyWhenAwaitedAndRefusesEveryUse() {
        // nothing listens on port 1 of the loopback address: the connection is refused at once
        try (Store store = Store.openInBackground("jdbc:postgresql://127.0.0.1:1/shirase", "u", "secret-pw", 2,
                Durability.PROCESS_CRASH, java.time.Duration.ofSeconds(1))) {
            var why = assertThrows(IllegalStateException.class, store::awaitOpen);
            assertTrue(why.getMessage().startsWith("cannot open the store at jdbc:postgresql://127.0.0.1:1/shirase: "),
                    why.getMessage());
            assertTrue(!why.getMessage().contains("secret-pw"), why.getMessage());
            assertThrows(RuntimeException.class, () -> store.jdbc().update("DELETE FROM shirase_dedupe"));
        }
        // the URL is checked before the thread starts
        assertThrows(IllegalArgumentException.class,
                () -> Store.openInBackground("jdbc:sqlite::memory:", "", "", 2, Durability.PROCESS_CRASH,
                        java.time.Duration.ofSeconds(1)));
    }

    @Test
    void inMemoryAndH2UrlsAreRefused() {
        var memory = assertThrows(IllegalArgumentException.class,
                () -> Store.open("jdbc:sqlite::memory:", "", "", 2, Durability.PROCESS_CRASH));
        assertTrue(memory.getMessage().contains("in-memory"), memory.getMessage());

        var h2 = assertThrows(IllegalArgumentException.class,
                () -> Store.open("jdbc:h2:file:./data/shirase", "", "", 2, Durability.PROCESS_CRASH));
        assertTrue(h2.getMessage().contains("jdbc:sqlite:"), h2.getMessage());
    }

    @Test
    void theSpaceOfRemovedMessagesGoesBackToTheFileSystem() throws Exception {
        try (Store store = Store.open(url(""), "", "", 2, Durability.PROCESS_CRASH)) {
            Jdbc jdbc = store.jdbc();
            String payload = "x".repeat(2000);
            for (int i = 0; i < 2000; i++) {
                jdbc.insert("INSERT INTO shirase_outbox (channel, destination, flow, payload, summary, status,"
                        + " attempts, created_at, next_attempt_at, sent_at) VALUES ('discord', 'd', 'f', ?, 's',"
                        + " 'sent', 1, 0, 0, 0)", payload);
            }
            store.reclaimSpace();
            long full = Files.size(dir.resolve("nested/shirase.db"));

            jdbc.update("DELETE FROM shirase_outbox WHERE status = 'sent'");
            store.reclaimSpace();

            long after = Files.size(dir.resolve("nested/shirase.db"));
            assertTrue(full > 4_000_000 && after < full / 4, "file " + full + " bytes, after removal " + after);
        }
    }
}

package dev.shirase.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.shirase.support.RunningShirase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes from many threads share commits; each caller still hears its own outcome. */
class GroupCommitTest {

    private Store store;
    private Jdbc jdbc;

    @BeforeEach
    void open() {
        store = RunningShirase.Builder.freshStore();
        jdbc = store.jdbc();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private boolean addKey(String key) {
        return jdbc.insertIfAbsent("INSERT INTO shirase_dedupe (dedupe_key, created_at) VALUES (?, 1)",
                key);
    }

    private long keys() {
        return jdbc.count("SELECT COUNT(*) FROM shirase_dedupe");
    }

    @Test
    void concurrentWritesAreAllCommittedAndADuplicateFailsOnlyItsOwnCaller() throws Exception {
        int writers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers * 10; i++) {
            String key = "k" + (i % (writers * 5)); // every key twice: one insert wins, its repeat is refused
            outcomes.add(pool.submit(() -> {
                go.await();
                return addKey(key);
            }));
        }
        go.countDown();
        int inserted = 0;
        for (Future<Boolean> outcome : outcomes) {
            inserted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(writers * 5, inserted);
        assertEquals(writers * 5, keys());
    }

    @Test
    void aFailingStatementDoesNotUndoTheOthersInItsGroup() {
        assertTrue(addKey("first"));
        assertThrows(Jdbc.StoreException.class, () -> jdbc.update("UPDATE no_such_table SET x = 1"));
        assertTrue(addKey("second"));
        assertFalse(addKey("first"));
        assertEquals(2, keys());
    }

    @Test
    void writesAfterCloseStillCommit() {
        GroupCommit writes = new GroupCommit(store.dataSource());
        Jdbc late = new Jdbc(store.dataSource(), writes);
        writes.close();
        assertTrue(late.insertIfAbsent("INSERT INTO shirase_dedupe (dedupe_key, created_at)"
                + " VALUES ('late', 1)"));
        assertEquals(1, keys());
    }
}

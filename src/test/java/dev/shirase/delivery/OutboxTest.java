package dev.shirase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.shirase.store.Store;
import dev.shirase.support.RunningShirase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox's claim rules on a real (SQLite) store: lanes, order, leases, pacing. */
class OutboxTest {

    private static final long LEASE = 60_000;

    private Store store;
    private Outbox outbox;
    private OutboxRecords records;

    @BeforeEach
    void open() {
        store = RunningShirase.Builder.freshStore();
        outbox = new Outbox(store.jdbc());
        records = new OutboxRecords(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long enqueue(String destination, String text, long at) {
        return outbox.enqueue("discord", destination, "test", "{}", text, at);
    }

    @Test
    void onlyTheOldestPendingMessageOfEachLaneIsClaimable() {
        long a1 = enqueue("hook.a", "a1", 1000);
        enqueue("hook.a", "a2", 1001);
        long b1 = enqueue("hook.b", "b1", 1002);

        List<Outbox.Claimed> claimed = outbox.claimDue("node-1", 2000, 2000 + LEASE, 10);

        assertEquals(List.of(a1, b1), claimed.stream().map(Outbox.Claimed::id).toList());
    }

    private List<List<Long>> runs(String node, long now, int runLength) {
        return outbox.claimRuns(node, now, now + LEASE, 10, channel -> runLength).stream()
                .map(run -> run.stream().map(Outbox.Claimed::id).toList()).toList();
    }

    @Test
    void aRunIsALanesDueMessagesInOrderHeldByOneNodeUntilSentOrReleased() {
        long a1 = enqueue("hook.a", "a1", 1000);
        long a2 = enqueue("hook.a", "a2", 1001);
        long a3 = enqueue("hook.a", "a3", 1002);
        long b1 = enqueue("hook.b", "b1", 1003);

        List<List<Long>> first = runs("node-1", 2000, 2);

        assertEquals(List.of(List.of(a1, a2), List.of(b1)), first);
        assertEquals(List.of(), runs("node-2", 2001, 20), "a lane whose head is held is held whole");
        List<Outbox.Claimed> run = outbox.claimDue("node-1", 2000 + LEASE + 1, 2000 + 2 * LEASE, 10);
        assertEquals(List.of(a1, b1), run.stream().map(Outbox.Claimed::id).toList(), "claims end with their lease");

        long later = 2000 + LEASE + 2; // a2's claim from the first run has ended too
        outbox.markSent(List.of(run.get(0)), later, later);
        outbox.release(List.of(run.get(1)));
        assertEquals(List.of(List.of(a2, a3), List.of(b1)), runs("node-2", later, 20));
    }

    @Test
    void withMoreBusyLanesThanFreeWorkersEachLaneTakesItsTurn() {
        long a1 = enqueue("hook.a", "a1", 1000);
        long a2 = enqueue("hook.a", "a2", 1001);
        long b1 = enqueue("hook.b", "b1", 1002);
        long c1 = enqueue("hook.c", "c1", 1003);

        List<Long> served = new java.util.ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            List<List<Outbox.Claimed>> runs = outbox.claimRuns("node-1", 2000 + pass, 2000 + LEASE, 1, channel -> 1);
            assertEquals(1, runs.size(), "one free worker: one lane per claim");
            served.add(runs.get(0).get(0).id());
            outbox.markSent(runs.get(0), 2000 + pass, 2000 + pass);
        }

        assertEquals(List.of(a1, b1, c1, a2), served, "lane a waits its turn instead of going first every time");
    }

    @Test
    void aRunHoldsAtMostAMebibyteOfPayloadsAndAlwaysItsHead() {
        String large = "x".repeat(600_000);
        long a1 = outbox.enqueue("discord", "hook.a", "test", large, "a1", 1000);
        long a2 = outbox.enqueue("discord", "hook.a", "test", large, "a2", 1001);
        long a3 = outbox.enqueue("discord", "hook.a", "test", "{}", "a3", 1002);
        long a4 = outbox.enqueue("discord", "hook.a", "test", "y".repeat(2_000_000), "a4", 1003);
        long a5 = outbox.enqueue("discord", "hook.a", "test", "{}", "a5", 1004);

        List<List<Outbox.Claimed>> first = outbox.claimRuns("node-1", 2000, 2000 + LEASE, 10, channel -> 20);
        assertEquals(large, first.get(0).get(0).payload());
        assertEquals(List.of(List.of(a1)), sent(first, 2000), "a1 and a2 together are over 1 MiB");
        assertEquals(List.of(List.of(a2, a3)), sent(outbox.claimRuns("node-1", 2001, 2001 + LEASE, 10, channel -> 20),
                2001), "a4 would take the run over 1 MiB");
        assertEquals(List.of(List.of(a4)), sent(outbox.claimRuns("node-1", 2002, 2002 + LEASE, 10, channel -> 20),
                2002), "a head over 1 MiB goes alone");
        assertEquals(List.of(List.of(a5)), sent(outbox.claimRuns("node-1", 2003, 2003 + LEASE, 10, channel -> 20),
                2003));
    }

    /** Records the runs as sent; their ids. */
    private List<List<Long>> sent(List<List<Outbox.Claimed>> runs, long now) {
        runs.forEach(run -> outbox.markSent(run, now, now));
        return runs.stream().map(run -> run.stream().map(Outbox.Claimed::id).toList()).toList();
    }

    @Test
    void aRunStopsBeforeAMessageWaitingForItsRetry() {
        long a1 = enqueue("hook.a", "a1", 1000);
        long a2 = enqueue("hook.a", "a2", 1001);
        enqueue("hook.a", "a3", 1002);
        List<Outbox.Claimed> heads = outbox.claimDue("node-1", 2000, 2000 + LEASE, 10);
        outbox.retryAt(heads.get(0), 9000, "HTTP 503");

        assertEquals(List.of(), runs("node-1", 2001, 20), "the lane waits behind its head");
        assertEquals(List.of(List.of(a1, a2)), runs("node-1", 9000, 2));
    }

    @Test
    void aClaimedMessageIsNotClaimedByAnotherNodeUntilItsLeaseEnds() {
        enqueue("hook.a", "a1", 1000);

        assertEquals(1, outbox.claimDue("node-1", 2000, 2000 + LEASE, 10).size());
        assertEquals(0, outbox.claimDue("node-2", 3000, 3000 + LEASE, 10).size());
        assertEquals(1, outbox.claimDue("node-2", 2000 + LEASE + 1, 2000 + 2 * LEASE, 10).size());
    }

    @Test
    void aMessageWaitingForItsRetryHoldsBackTheRestOfItsLane() {
        enqueue("hook.a", "a1", 1000);
        enqueue("hook.a", "a2", 1001);
        Outbox.Claimed first = outbox.claimDue("node-1", 2000, 2000 + LEASE, 10).get(0);

        outbox.retryAt(first, 7000, "HTTP 500");

        assertEquals(0, outbox.claimDue("node-1", 6999, 6999 + LEASE, 10).size());
        assertEquals(first.id(), outbox.claimDue("node-1", 7000, 7000 + LEASE, 10).get(0).id());
    }

    @Test
    void aDeadMessageNoLongerHoldsBackItsLane() {
        enqueue("hook.a", "a1", 1000);
        long second = enqueue("hook.a", "a2", 1001);

        outbox.markDead(outbox.claimDue("node-1", 2000, 2000 + LEASE, 10).get(0), "HTTP 404");

        assertEquals(second, outbox.claimDue("node-1", 2001, 2001 + LEASE, 10).get(0).id());
    }

    @Test
    void afterASendTheLaneWaitsForItsRateInterval() {
        enqueue("hook.a", "a1", 1000);
        long second = enqueue("hook.a", "a2", 1001);
        enqueue("hook.b", "b1", 1002);
        List<Outbox.Claimed> heads = outbox.claimDue("node-1", 2000, 2000 + LEASE, 10);

        outbox.markSent(List.of(heads.get(0)), 2000, 4000);

        List<Outbox.Claimed> early = outbox.claimDue("node-1", 3999, 3999 + LEASE, 10);
        assertTrue(early.stream().noneMatch(c -> c.id() == second), "lane a is sent to again before its interval");
        assertEquals(second, outbox.claimDue("node-1", 4000, 4000 + LEASE, 10).get(0).id());
    }

    @Test
    void replayPutsADeadMessageBackInLineAndCountsFollow() {
        long id = enqueue("hook.a", "a1", 1000);
        outbox.markDead(outbox.claimDue("node-1", 2000, 2000 + LEASE, 10).get(0), "HTTP 404");
        assertEquals(1, records.count(Outbox.DEAD));

        assertTrue(records.replay(id, 3000));

        assertEquals(0, records.count(Outbox.DEAD));
        assertEquals(1000, records.oldestPendingCreatedAt());
        assertEquals(id, outbox.claimDue("node-1", 3000, 3000 + LEASE, 10).get(0).id());
    }

    private static Acceptance.Message message(String key, String destination, String text) {
        return new Acceptance.Message(key, "discord", destination, "test", "{}", text);
    }

    private List<String> pendingTexts() {
        return records.list(OutboxRecords.Filter.status(Outbox.PENDING), 0, 100).stream().map(OutboxRecords.Entry::summary).sorted().toList();
    }

    @Test
    void anEventsKeysAndMessagesAreStoredTogetherAndItsRepeatStoresNothing() {
        var event = new Acceptance.Staged(List.of("event-1"),
                List.of(message("event-1", "hook.a", "to a"), message("event-1", "hook.b", "to b")));

        assertTrue(outbox.store(event, 1000));
        assertTrue(outbox.isStored("event-1"));
        assertFalse(outbox.store(event, 2000), "a repeat of a stored event is a duplicate");

        assertEquals(List.of("to a", "to b"), pendingTexts());
        assertEquals(2, outbox.claimDue("node-1", 3000, 3000 + LEASE, 10).size(), "both lanes are registered");
    }

    @Test
    void aPartAlreadyStoredIsSkippedWithItsMessagesAndTheRestIsStored() {
        outbox.store(new Acceptance.Staged(List.of("job-1"), List.of(message("job-1", "hook.a", "job 1 by poll"))),
                1000);

        var webhook = new Acceptance.Staged(List.of("event-9", "job-1", "job-2"), List.of(
                message("job-1", "hook.a", "job 1 by webhook"), message("job-2", "hook.a", "job 2 by webhook")));

        assertTrue(outbox.store(webhook, 2000));
        assertEquals(List.of("job 1 by poll", "job 2 by webhook"), pendingTexts());
    }

    @Test
    void oldKeysAreForgottenSoTheEventCouldBeAcceptedAgain() {
        outbox.store(new Acceptance.Staged(List.of("old"), List.of()), 1000);
        outbox.store(new Acceptance.Staged(List.of("new"), List.of()), 5000);

        assertEquals(1, outbox.forgetKeysBefore(2000));

        assertFalse(outbox.isStored("old"));
        assertTrue(outbox.isStored("new"));
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.shirase.support.RetryingSender;
import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import dev.shirase.support.TempDirs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The crash harness: the packaged runtime (bin/shirase, its own JVM) relays a steady stream of distinct Clockify
 * events, sent by senders that retry like real ones, while it is killed with kill -9 at random moments and
 * restarted on the same store; they keep posting while it starts, so an answer other than 2xx, 409 or 5xx there (a
 * 404 from a route not in yet) fails the run. At the end every event that got a 2xx (and every one the senders kept retrying,
 * which they do until it gets one) must have reached the Discord stand-in; duplicates are counted and reported.
 * <p>
 * Cycles: -Dcrash.kills (embedded store, default 20), -Dcrash.pg-kills (PostgreSQL, default 10); the seed of the
 * kill moments is printed and can be repeated with -Dcrash.seed. Figures go to target/crash-report.txt too.
 */
class CrashIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 20);
    private static final int PG_KILLS = Integer.getInteger("crash.pg-kills", 10);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final int SENDERS = 8;
    private static final Duration DRAIN = Duration.ofSeconds(90);

    /** The runtime currently up; senders follow its port. */
    private volatile ShiraseProcess current;

    private int currentPort() {
        ShiraseProcess p = current;
        return p == null ? 1 : p.port(); // port 1: nothing listens, the sender retries
    }

    private static Map<String, String> settings(StandInServer discord, String storeUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("SHIRASE_STORE_URL", storeUrl);
        env.put("CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/crash"));
        env.put("SHIRASE_DELIVERY_RATE_DISCORD", "0");
        env.put("CLOCKIFY_ALLOW_UNSIGNED", "true"); // durability is under test here, not the token
        env.put("SHIRASE_DELIVERY_POLL_INTERVAL", "200ms");
        return env;
    }

    @Test
    void killNineAtRandomMomentsLosesNoAcknowledgedEventOnTheEmbeddedStore() throws Exception {
        try (StandInServer discord = StandInServer.start()) {
            survivesKills("embedded SQLite", settings(discord, ShiraseProcess.freshStoreUrl()), discord, KILLS);
        }
    }

    @Test
    void killNineAtRandomMomentsLosesNoAcknowledgedEventOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                StandInServer discord = StandInServer.start()) {
            Map<String, String> env = settings(discord,
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
            env.put("SHIRASE_STORE_USERNAME", "postgres");
            survivesKills("PostgreSQL", env, discord, PG_KILLS);
        }
    }

    private void survivesKills(String store, Map<String, String> env, StandInServer discord, int kills)
            throws Exception {
        Random random = new Random(SEED);
        try (RetryingSender senders = new RetryingSender(SENDERS, this::currentPort)) {
            for (int kill = 1; kill <= kills; kill++) {
                ShiraseProcess p = ShiraseProcess.start(env);
                current = p; // the senders keep posting through the start window: any 404 fails the run
                p.awaitHealthy();
                Thread.sleep(100 + random.nextInt(1400));
                p.kill(); // kill -9: no shutdown hook, nothing flushed on the way out
                current = null;
                p.close();
            }
            try (ShiraseProcess last = ShiraseProcess.start(env)) {
                current = last;
                last.awaitHealthy();
                reconcile(store + ", " + kills + " kill -9 cycles", senders, discord);
                assertTrue(last.stop(Duration.ofSeconds(30)), "did not stop on SIGTERM");
            } finally {
                current = null;
            }
        }
    }

    @Test
    void sigtermMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
        try (StandInServer discord = StandInServer.start();
                RetryingSender senders = new RetryingSender(SENDERS, this::currentPort)) {
            Map<String, String> env = settings(discord, ShiraseProcess.freshStoreUrl());
            try (ShiraseProcess first = ShiraseProcess.start(env)) {
                current = first;
                first.awaitHealthy();
                Thread.sleep(1500);
                assertTrue(first.stop(Duration.ofSeconds(30)), "did not stop on SIGTERM");
                current = null;
            }
            try (ShiraseProcess second = ShiraseProcess.start(env)) {
                current = second;
                second.awaitHealthy();
                Map<Integer, Integer> seen = reconcile("embedded SQLite, SIGTERM", senders, discord);
                assertTrue(seen.values().stream().allMatch(n -> n == 1), "sent twice after SIGTERM: "
                        + duplicates(seen));
                assertTrue(second.stop(Duration.ofSeconds(30)), "did not stop on SIGTERM");
            } finally {
                current = null;
            }
        }
    }

    /**
     * The store on a 3 MB file system of its own (a tmpfs in a mount namespace: unshare, no root needed where
     * user namespaces are allowed), filled up mid-run: senders get 503 with the reason and nothing is
     * acknowledged, the health check says DOWN; once space is back the runtime recovers without a restart.
     */
    @Test
    void aFullDiskRefusesWith503ReportsDownAndRecoversWhenSpaceIsBack() throws Exception {
        Path dir = TempDirs.create("shirase-small-disk");
        List<String> smallDisk = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=3m tmpfs \"$0\" && exec \"$@\"", dir.toString());
        try (StandInServer discord = StandInServer.start();
                ShiraseProcess shirase = ShiraseProcess.startWith(smallDisk,
                        settings(discord, "jdbc:sqlite:" + dir.resolve("shirase.db")))) {
            Assumptions.assumeTrue(healthyOrUnsupported(shirase), "no mount namespace here: " + shirase.log());
            int n = 0;
            Set<Integer> acknowledged = new TreeSet<>();
            for (; n < 20; n++) {
                assertEquals(202, shirase.postJson("/clockify", RetryingSender.event(n)).statusCode());
                acknowledged.add(n);
            }
            Path filler = Path.of("/proc/" + shirase.process().pid() + "/root" + dir + "/filler");
            fill(filler);

            Set<Integer> refused = new TreeSet<>();
            String reason = null;
            for (; n < 3000 && refused.isEmpty(); n++) {
                var answer = shirase.postJson("/clockify", RetryingSender.event(n));
                if (answer.statusCode() == 202) {
                    acknowledged.add(n); // the log still had room
                } else {
                    assertEquals(503, answer.statusCode(), answer.body());
                    refused.add(n);
                    reason = answer.body();
                }
            }
            assertEquals("{\"status\":\"unavailable\",\"reason\":\"the store cannot record the message (its disk is"
                    + " full); nothing was accepted, retry later\"}", reason, shirase.log());
            assertEquals(503, shirase.get("/observe/health").statusCode());

            Files.delete(filler);
            awaitHealth(shirase, 200);
            for (int again : refused) {
                // 202, not 200 "duplicate": the refused copy left nothing behind
                assertEquals(202, shirase.postJson("/clockify", RetryingSender.event(again)).statusCode());
                acknowledged.add(again);
            }
            for (int i = 0; i < 5; i++, n++) {
                assertEquals(202, shirase.postJson("/clockify", RetryingSender.event(n)).statusCode());
                acknowledged.add(n);
            }
            Set<Integer> delivered = awaitDelivered(discord, acknowledged).keySet();
            assertTrue(delivered.containsAll(acknowledged), "lost: " + missing(acknowledged, delivered) + "\n" + shirase.log());
            report("embedded SQLite, disk full then freed: " + acknowledged.size() + " events acknowledged, "
                    + refused.size() + " refused with 503 while full and accepted on retry, 0 lost");
            assertTrue(shirase.stop(Duration.ofSeconds(30)), "did not stop on SIGTERM");
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Test
    void aReadOnlyStoreDirectoryStopsStartUpWithTheReason() throws Exception {
        Path dir = TempDirs.create("shirase-read-only");
        List<String> readOnly = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=1m,ro tmpfs \"$0\" && exec \"$@\"", dir.toString());
        try (ShiraseProcess shirase = ShiraseProcess.startWith(readOnly,
                Map.of("SHIRASE_STORE_URL", "jdbc:sqlite:" + dir.resolve("shirase.db")))) {
            assertTrue(shirase.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "still running");
            Assumptions.assumeFalse(shirase.log().contains("unshare:"), "no mount namespace here: " + shirase.log());
            assertEquals(1, shirase.process().exitValue(), shirase.log());
            assertTrue(shirase.log().contains("shirase: start-up failed: java.lang.IllegalStateException: the store"
                    + " directory " + dir + " is not writable (a read-only file system or its permissions)"),
                    shirase.log());
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** Lets the senders finish, waits for the sink to have every event, and checks that none was lost. */
    private Map<Integer, Integer> reconcile(String what, RetryingSender senders, StandInServer discord)
            throws Exception {
        assertTrue(senders.finish(Duration.ofSeconds(60)), "senders could not finish their events");
        Map<Integer, String> refused = senders.refused();
        assertTrue(refused.isEmpty(), refused.size() + " events refused for good, e.g. "
                + refused.entrySet().stream().limit(3).toList());
        Set<Integer> acknowledged = senders.acknowledged();
        assertEquals(senders.started(), acknowledged.size(), "every event started got its 2xx in the end");
        Map<Integer, Integer> seen = awaitDelivered(discord, acknowledged);
        Set<Integer> lost = missing(acknowledged, seen.keySet());
        long duplicates = seen.values().stream().filter(c -> c > 1).count();
        report(String.format("%s: %d events acknowledged (%d of them retried by the sender), %d messages received,"
                + " %d lost, %d events delivered twice or more (seed %d)", what, acknowledged.size(),
                senders.retried().size(), discord.received().size(), lost.size(), duplicates, SEED));
        assertEquals(Set.of(), lost, "acknowledged events lost");
        return seen;
    }

    private static Map<Integer, Integer> awaitDelivered(StandInServer discord, Set<Integer> events)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        Map<Integer, Integer> seen = RetryingSender.eventsIn(discord.received());
        while (!seen.keySet().containsAll(events) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = RetryingSender.eventsIn(discord.received());
        }
        Thread.sleep(1000); // a message sent twice would arrive by now
        return RetryingSender.eventsIn(discord.received());
    }

    private static Set<Integer> missing(Set<Integer> wanted, Set<Integer> got) {
        Set<Integer> missing = new TreeSet<>(wanted);
        missing.removeAll(got);
        return missing;
    }

    private static Map<Integer, Integer> duplicates(Map<Integer, Integer> seen) {
        Map<Integer, Integer> twice = new HashMap<>(seen);
        twice.values().removeIf(c -> c == 1);
        return twice;
    }

    private static boolean healthyOrUnsupported(ShiraseProcess shirase) throws InterruptedException {
        try {
            shirase.awaitHealthy();
            return true;
        } catch (AssertionError e) {
            if (shirase.log().contains("unshare:") || shirase.log().contains("mount:")) {
                return false;
            }
            throw e;
        }
    }

    /** Writes until the file system is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE_NEW)) {
            for (int i = 0; i < 1024; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            return;
        }
        throw new AssertionError("the small file system never filled up");
    }

    private static void awaitHealth(ShiraseProcess shirase, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = shirase.get("/observe/health").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health stayed " + last + ", expected " + status);
    }

    private static synchronized void report(String line) throws IOException {
        System.out.println("CRASH HARNESS " + line);
        Path report = Path.of("target", "crash-report.txt");
        Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

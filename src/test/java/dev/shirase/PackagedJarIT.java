package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.shirase.support.Fixtures;
import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import org.junit.jupiter.api.Test;

/** The README's run command, for real: `bin/shirase` in its own JVM, set up by environment. */
class PackagedJarIT {

    private static final Duration SIGTERM_WAIT = Duration.ofSeconds(30);
    private static final String ENTRY = Fixtures.read("clockify/clockify-timer-started.json");

    /** Settings for a runtime started twice on one store: its own store, Discord unpaced. */
    private static Map<String, String> restartable(StandInServer discord) {
        return Map.of(
                "SHIRASE_STORE_URL", ShiraseProcess.freshStoreUrl(),
                "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/9/t"),
                "CLOCKIFY_ALLOW_UNSIGNED", "true",
                "SHIRASE_DELIVERY_RATE_DISCORD", "0");
    }

    /** Posts timers "task from" .. "task to", each its own time entry; every one must be accepted. */
    private static void postTasks(ShiraseProcess shirase, int from, int to) {
        for (int i = from; i <= to; i++) {
            assertEquals(202, shirase.postJson("/clockify", ENTRY.replace("664bf1e0a1b2c3d4e5f60789", "entry-" + i)
                    .replace("Weekly report", "task " + i)).statusCode());
        }
    }

    @Test
    void runCommandServesClockifyWebhooksConfiguredByEnvironment() throws Exception {
        try (StandInServer discord = StandInServer.start();
                ShiraseProcess shirase = ShiraseProcess.start(Map.of(
                        "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/7/env-token"),
                        "CLOCKIFY_WEBHOOK_SIGNATURE", "from-env",
                        "CAMEL_SERVER_PORT", "1",
                        "CLOCKIFY_LANGUAGE", "en"))) {
            assertEquals("{\"status\":\"UP\"}", shirase.awaitHealthy().body().trim());

            var accepted = shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"),
                    "Clockify-Signature", "from-env");

            assertEquals(202, accepted.statusCode());
            var post = discord.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            assertEquals("/api/webhooks/7/env-token", post.path());
            assertEquals("{\"content\":\"Hanako Yamada started Acme - Website Weekly report.\","
                    + "\"allowed_mentions\":{\"parse\":[]}}", post.body());
            assertTrue(shirase.stop(SIGTERM_WAIT), "did not stop on SIGTERM");
            assertTrue(shirase.log().contains("Vert.x HttpServer started on 0.0.0.0:" + shirase.port()), shirase.log());
            assertFalse(shirase.log().contains("env-token"), "a secret reached the log:\n" + shirase.log());
            assertTrue(shirase.log().contains("Environment variable CAMEL_SERVER_PORT is ignored (Camel skips variables"
                    + " ending in _PORT); the HTTP port is set by PORT"), shirase.log());
        }
    }

    /** A mounted templates folder (SHIRASE_TEMPLATES), one word changed: the packaged runtime says it, no build. */
    @Test
    void aMountedCopyOfTheTemplatesWithAWordChangedIsWhatDiscordReceives() throws Exception {
        java.nio.file.Path copy = dev.shirase.support.TempDirs.create("shirase-mounted-templates");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("templates"))) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path target = copy.resolve(java.nio.file.Path.of("templates").relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.writeString(target, java.nio.file.Files.readString(file)
                            .replace("開始しました", "始めました"));
                }
            }
        }
        try (StandInServer discord = StandInServer.start();
                ShiraseProcess shirase = ShiraseProcess.start(Map.of(
                        "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/7/mounted"),
                        "CLOCKIFY_ALLOW_UNSIGNED", "true",
                        "SHIRASE_TEMPLATES", copy.toString()))) {
            shirase.awaitHealthy();
            assertEquals(202, shirase.postJson("/clockify", ENTRY).statusCode());
            assertEquals("{\"content\":\"Hanako Yamada が Acme - Website Weekly report を始めました.\","
                    + "\"allowed_mentions\":{\"parse\":[]}}", discord.awaitRequests(1, Duration.ofSeconds(10)).get(0).body());
        } finally {
            dev.shirase.support.TempDirs.delete(copy);
        }
    }

    /** bin/shirase check on the shipped files: no problem; with a broken schedule in the environment: one line, exit 1. */
    @Test
    void checkCommandPassesTheShippedFilesAndNamesAProblem() throws Exception {
        for (boolean broken : new boolean[] {false, true}) {
            ProcessBuilder check = new ProcessBuilder("bin/shirase", "check").redirectErrorStream(true);
            check.environment().put("JAVA", ShiraseProcess.testJava());
            if (broken) {
                check.environment().put("KPI_SCHEDULE", "0 0 10 * *");
            }
            Process process = check.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            if (broken) {
                assertEquals(1, process.exitValue(), output);
                assertEquals("application.properties: kpi.schedule is not a Quartz cron expression (second minute hour"
                        + " day-of-month month day-of-week): 0 0 10 * *\nshirase check: 1 problem(s)\n", output);
            } else {
                assertEquals(0, process.exitValue(), output);
                assertEquals("shirase check: no problems\n", output);
            }
        }
    }

    /**
     * bin/shirase version: the built version, alone on stdout, exit 0, nothing started. The JVM's own warnings (here
     * large pages asked for where none are set up, as the AOT cache's are on JDK 25) go to stderr, not before it.
     */
    @Test
    void versionCommandPrintsTheBuiltVersionAloneOnStdout() throws Exception {
        ProcessBuilder version = new ProcessBuilder("bin/shirase", "version");
        version.environment().put("JAVA", ShiraseProcess.testJava());
        version.environment().put("JAVA_OPTS", "-XX:+UseLargePages -Xmx64m");
        Process process = version.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertEquals("shirase " + System.getProperty("shirase.version") + "\n", output);
    }

    /** bin/shirase help lists the commands; an unknown word (a typo in a CI step) prints them on stderr, exit 2. */
    @Test
    void helpListsTheCommandsAndAnUnknownOneExits2() throws Exception {
        for (String help : java.util.List.of("help", "--help", "-h")) {
            Process process = shirase(help);
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.startsWith("usage: bin/shirase [command]"), output);
            for (String command : java.util.List.of("run", "check", "version", "help")) {
                assertTrue(output.contains("\n  " + command + " "), output);
            }
        }
        Process typo = shirase("chek");
        String stdout = new String(typo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String stderr = new String(typo.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(typo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, typo.exitValue(), stdout + stderr);
        assertEquals("", stdout);
        assertTrue(stderr.contains("shirase: unknown command 'chek'\nusage: bin/shirase [command]"), stderr);
    }

    private static Process shirase(String argument) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder("bin/shirase", argument);
        builder.environment().put("JAVA", ShiraseProcess.testJava());
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /**
     * On JDK 24 and newer (each one installed beside the one running the tests, under the same parent folder) the start
     * log has no warning from the JDK itself: Netty's use of sun.misc.Unsafe is allowed by bin/shirase, not reported
     * in four lines at every start.
     */
    @Test
    void runCommandOnJdk24OrNewerStartsWithoutJdkWarnings() throws Exception {
        java.util.List<java.nio.file.Path> newer = jdksFrom(24);
        org.junit.jupiter.api.Assumptions.assumeFalse(newer.isEmpty(), "no JDK 24 or newer installed here");
        for (java.nio.file.Path java : newer) {
            try (ShiraseProcess shirase = ShiraseProcess.start(Map.of("JAVA", java.toString()))) {
                shirase.awaitHealthy();
                assertTrue(shirase.stop(SIGTERM_WAIT));
                assertFalse(shirase.log().lines().anyMatch(line -> line.startsWith("WARNING:")),
                        java + ":\n" + shirase.log());
            }
        }
    }

    /** The java commands of the JDKs beside the running one of version {@code feature} or later (bin/java-major). */
    private static java.util.List<java.nio.file.Path> jdksFrom(int feature) throws Exception {
        java.nio.file.Path jdks = java.nio.file.Path.of(System.getProperty("java.home")).toRealPath().getParent();
        java.util.List<java.nio.file.Path> found = new java.util.ArrayList<>();
        try (var homes = java.nio.file.Files.list(jdks)) {
            for (java.nio.file.Path command : homes.map(home -> home.resolve("bin/java")).sorted().toList()) {
                if (java.nio.file.Files.isExecutable(command) && featureVersion(command) >= feature) {
                    found.add(command);
                }
            }
        }
        return found;
    }

    private static int featureVersion(java.nio.file.Path command) throws Exception {
        Process major = new ProcessBuilder("bin/java-major", command.toString()).start();
        String printed = new String(major.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .trim();
        assertTrue(major.waitFor(30, TimeUnit.SECONDS));
        return printed.matches("\\d+") ? Integer.parseInt(printed) : 0;
    }

    /**
     * What a killed process could leave in its temp directory (its own, so another program's files in /tmp are not
     * taken for its): the SQLite driver's copy of its library, Vert.x's file cache (one per process).
     */
    private static java.util.Set<String> leftIn(java.nio.file.Path temp) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(temp)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("sqlite-") || n.startsWith("vertx-cache-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void messagesAcceptedBeforeKillNineAreDeliveredAfterRestartInOrder() throws Exception {
        try (StandInServer discord = StandInServer.start()) {
            Map<String, String> env = restartable(discord);
            discord.answerByDefault(StandInServer.Response.of(503)); // Discord is down
            try (ShiraseProcess first = ShiraseProcess.start(env)) {
                first.awaitHealthy();
                postTasks(first, 1, 20);
                first.kill();
                assertEquals(java.util.Set.of(), leftIn(first.tempDirectory()),
                        "a killed bin/shirase left these in its temp directory");
            }

            discord.reset(); // Discord is back
            try (ShiraseProcess second = ShiraseProcess.start(env)) {
                second.awaitHealthy();
                var posts = discord.awaitRequests(20, Duration.ofSeconds(30));
                discord.assertNoMoreThan(20, Duration.ofSeconds(1));
                for (int i = 0; i < 20; i++) {
                    assertTrue(posts.get(i).body().contains("Acme - Website task " + (i + 1) + " を開始しました."),
                            i + ": " + posts.get(i).body());
                }
                assertTrue(second.stop(SIGTERM_WAIT), "did not stop on SIGTERM");
            }
        }
    }

    @Test
    void sigtermFinishesTheAttemptInFlightRefusesNewWebhooksAndLeavesTheRestPending() throws Exception {
        try (StandInServer discord = StandInServer.start()) {
            Map<String, String> env = restartable(discord);
            discord.enqueue(StandInServer.Response.of(204).after(Duration.ofSeconds(3))); // a slow first answer
            try (ShiraseProcess first = ShiraseProcess.start(env)) {
                first.awaitHealthy();
                postTasks(first, 1, 3);
                discord.awaitRequests(1, Duration.ofSeconds(10)); // message 1 in flight

                first.process().destroy(); // SIGTERM
                Thread.sleep(500);
                var refused = first.postJson("/clockify", ENTRY.replace("664bf1e0a1b2c3d4e5f60789", "entry-late"));
                assertEquals(503, refused.statusCode(), refused.body());

                assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
                assertEquals(1, discord.received().size(), "only the attempt in flight goes out during shutdown");
                // the log goes on to the end of the graceful shutdown (the JDK's log manager closes its own at exit)
                assertTrue(first.log().contains("(shirase) shutdown in"), first.log());
            }
            try (ShiraseProcess second = ShiraseProcess.start(env)) {
                second.awaitHealthy();
                var posts = discord.awaitRequests(3, Duration.ofSeconds(15));
                discord.assertNoMoreThan(3, Duration.ofSeconds(1));
                for (int i = 0; i < 3; i++) {
                    assertTrue(posts.get(i).body().contains("task " + (i + 1) + " を開始しました."), posts.get(i).body());
                }
                assertTrue(second.stop(SIGTERM_WAIT), "did not stop on SIGTERM");
            }
        }
    }

    @Test
    void portInUseExitsWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ShiraseProcess shirase = ShiraseProcess.start(Map.of("PORT", String.valueOf(taken.getLocalPort())))) {
            assertTrue(shirase.process().waitFor(60, TimeUnit.SECONDS), "still running with its port taken");
            assertNotEquals(0, shirase.process().exitValue());
            assertTrue(shirase.log().contains("shirase: cannot listen on 0.0.0.0:" + taken.getLocalPort()),
                    shirase.log());
        }
    }
}

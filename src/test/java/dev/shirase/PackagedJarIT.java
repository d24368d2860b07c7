package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.shirase.support.Fixtures;
import dev.shirase.support.FreePort;
import dev.shirase.support.StandInServer;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, for real: `java -jar target/shirase.jar` from the repo root in its own JVM,
 * configured only through environment variables.
 */
class PackagedJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Starts the jar with its store in a fresh temporary directory, not the repo's ./data. */
    private static Process launch(Path output, Map<String, String> env) throws IOException {
        Path store = Files.createTempDirectory("shirase-it-store");
        return launch(output, env, "jdbc:h2:file:" + store.resolve("shirase") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    private static Process launch(Path output, Map<String, String> env, String storeUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", "target/shirase.jar")
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("SHIRASE_STORE_URL", storeUrl);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static HttpResponse<String> awaitHealthy(int port, Process process, Path output) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return health;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never healthy; output:\n" + Files.readString(output));
    }

    @Test
    void runCommandServesClockifyWebhooksConfiguredByEnvironment() throws Exception {
        int port = FreePort.find();
        Path output = Files.createTempFile("shirase-it", ".log");
        try (StandInServer discord = StandInServer.start()) {
            Process shirase = launch(output, Map.of(
                    "PORT", String.valueOf(port),
                    "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/7/env-token"),
                    "CLOCKIFY_WEBHOOK_SIGNATURE", "from-env",
                    "CLOCKIFY_LANGUAGE", "en"));
            try {
                assertEquals("{\"status\":\"UP\"}", awaitHealthy(port, shirase, output).body().trim());

                HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/clockify"))
                        .header("Content-Type", "application/json")
                        .header("Clockify-Signature", "from-env")
                        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.read("clockify/clockify-timer-started.json")))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(202, accepted.statusCode());
                var post = discord.awaitRequests(1, Duration.ofSeconds(10)).get(0);
                assertEquals("/api/webhooks/7/env-token", post.path());
                assertEquals("{\"content\":\"Hanako Yamada started Acme - Website Weekly report.\","
                        + "\"allowed_mentions\":{\"parse\":[]}}", post.body());
            } finally {
                shirase.destroy();
                assertTrue(shirase.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
            }
            String log = Files.readString(output);
            assertTrue(log.contains("Vert.x HttpServer started on 0.0.0.0:" + port), log);
            assertFalse(log.contains("env-token"), "a secret reached the log:\n" + log);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void messagesAcceptedBeforeKillNineAreDeliveredAfterRestartInOrder() throws Exception {
        int port = FreePort.find();
        Path output = Files.createTempFile("shirase-it", ".log");
        String store = "jdbc:h2:file:" + Files.createTempDirectory("shirase-it-store").resolve("shirase")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (StandInServer discord = StandInServer.start()) {
            Map<String, String> env = Map.of(
                    "PORT", String.valueOf(port),
                    "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/9/t"),
                    "SHIRASE_DELIVERY_RATE_DISCORD", "0");
            discord.answerByDefault(StandInServer.Response.of(503)); // Discord is down
            Process first = launch(output, env, store);
            awaitHealthy(port, first, output);
            String entry = Fixtures.read("clockify/clockify-timer-started.json");
            for (int i = 1; i <= 20; i++) {
                HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/clockify"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(entry
                                .replace("664bf1e0a1b2c3d4e5f60789", "entry-" + i)
                                .replace("Weekly report", "task " + i)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, accepted.statusCode());
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));

            discord.reset(); // Discord is back
            Process second = launch(output, env, store);
            try {
                awaitHealthy(port, second, output);
                var posts = discord.awaitRequests(20, Duration.ofSeconds(30));
                discord.assertNoMoreThan(20, Duration.ofSeconds(1));
                for (int i = 0; i < 20; i++) {
                    assertTrue(posts.get(i).body().contains("Acme - Website task " + (i + 1) + " を開始しました."),
                            i + ": " + posts.get(i).body());
                }
            } finally {
                second.destroy();
                assertTrue(second.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void portInUseExitsWithAClearError() throws Exception {
        Path output = Files.createTempFile("shirase-it", ".log");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process shirase = launch(output, Map.of("PORT", String.valueOf(taken.getLocalPort())));

            assertTrue(shirase.waitFor(60, TimeUnit.SECONDS), "still running with its port taken");
            assertNotEquals(0, shirase.exitValue());
            String log = Files.readString(output);
            assertTrue(log.contains("shirase: cannot listen on 0.0.0.0:" + taken.getLocalPort()), log);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

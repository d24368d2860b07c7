package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.shirase.support.Fixtures;
import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/** Two replicas (two JVMs) sharing one PostgreSQL with shirase.cluster.enabled=true. */
class ClusterIT {

    @Test
    void twoReplicasFireEachScheduledRunOnceAndSendEachMessageOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                StandInServer discord = StandInServer.start()) {
            Map<String, String> env = Map.of(
                    "SHIRASE_STORE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "SHIRASE_STORE_USERNAME", "postgres",
                    "SHIRASE_CLUSTER_ENABLED", "true",
                    "SHIRASE_DELIVERY_RATE_DISCORD", "0",
                    "CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/hooks/clockify"),
                    "CLOCKIFY_ALLOW_UNSIGNED", "true",
                    "CLUSTER_TEST_TICK_WEBHOOK_URL", discord.url("/hooks/tick"));
            String routes = "-Dcamel.main.routes-include-pattern=file:routes/*.yaml,file:src/test/resources/cluster/*.yaml";
            try (ShiraseProcess a = ShiraseProcess.start(env, routes);
                    ShiraseProcess b = ShiraseProcess.start(env, routes)) {
                a.awaitHealthy();
                b.awaitHealthy();
                Thread.sleep(2000); // both replicas running ticks
                // each replica is its own instance in the shared Quartz tables: named by its node id (host-pid) and a
                // random part, never by the start millisecond alone (two replicas started at once could share that)
                List<String> instances = new java.util.ArrayList<>();
                try (var db = postgres.getPostgresDatabase().getConnection();
                        var rows = db.createStatement().executeQuery("SELECT instance_name FROM qrtz_scheduler_state")) {
                    while (rows.next()) {
                        instances.add(rows.getString(1));
                    }
                }
                assertEquals(2, Set.copyOf(instances).size(), "Quartz instances: " + instances);
                assertTrue(instances.stream().allMatch(id -> id.matches(".+-\\d+-[0-9a-f]{8}")), instances.toString());

                String entry = Fixtures.read("clockify/clockify-timer-started.json");
                for (int i = 1; i <= 200; i++) {
                    ShiraseProcess replica = i % 2 == 0 ? a : b;
                    String event = entry.replace("664bf1e0a1b2c3d4e5f60789", "entry-" + i)
                            .replace("Weekly report", "task " + i);
                    assertEquals(202, replica.postJson("/clockify", event).statusCode());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (webhookPosts(discord).size() < 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(2000); // anything sent twice would arrive by now

                List<String> messages = webhookPosts(discord).stream().map(Recorded::body).toList();
                assertEquals(200, messages.size(), "webhook messages sent");
                assertEquals(200, Set.copyOf(messages).size(), "a message was sent twice");

                List<String> ticks = discord.received().stream().filter(r -> r.path().equals("/hooks/tick"))
                        .map(Recorded::body).toList();
                Map<String, Long> perTick = ticks.stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                assertTrue(ticks.size() >= 4, "too few ticks: " + ticks);
                assertTrue(perTick.values().stream().allMatch(n -> n == 1), () -> "a tick fired twice: " + perTick
                        + "\n--- replica a:\n" + a.log() + "\n--- replica b:\n" + b.log() + "\n--- tick requests:\n"
                        + discord.received().stream().filter(r -> r.path().equals("/hooks/tick")).toList());
                assertTrue(a.log().contains("Delivering from the outbox as node") && a.log().contains("(cluster)"),
                        a.log());

                assertTrue(a.stop(Duration.ofSeconds(30)), "replica a did not stop on SIGTERM");
                assertTrue(b.stop(Duration.ofSeconds(30)), "replica b did not stop on SIGTERM");
            }
        }
    }

    private static List<Recorded> webhookPosts(StandInServer discord) {
        return discord.received().stream().filter(r -> r.path().equals("/hooks/clockify")).toList();
    }
}

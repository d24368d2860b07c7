package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import org.junit.jupiter.api.Test;

/** A burst to one webhook becomes a steady stream at the shipped shirase.delivery.rate.discord (0.5/s). */
class DeliveryPacingTest {

    @Test
    void burstToOneWebhookIsPacedInOrder() {
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = RunningShirase
                        .with("clockify.discord-webhook-url", discord.url("/api/webhooks/5/t"))
                        .with("clockify.allow-unsigned", "true").start()) {
            String entry = Fixtures.read("clockify/clockify-timer-started.json");
            for (int i = 1; i <= 3; i++) {
                assertEquals(202, shirase.postJson("/clockify", entry.replace("664bf1e0a1b2c3d4e5f60789", "e" + i)
                        .replace("Weekly report", "task " + i)).statusCode());
            }

            List<Recorded> posts = discord.awaitRequests(3, Duration.ofSeconds(10));

            for (int i = 1; i < 3; i++) {
                long gapMillis = (posts.get(i).atNanos() - posts.get(i - 1).atNanos()) / 1_000_000;
                assertTrue(gapMillis >= 1950, "message " + (i + 1) + " came " + gapMillis + " ms after the one before");
                assertTrue(posts.get(i).body().contains("task " + (i + 1)), posts.get(i).body());
            }
        }
    }
}

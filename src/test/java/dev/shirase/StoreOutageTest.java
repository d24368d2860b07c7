package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.shirase.support.CuttableProxy;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RetryingSender;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * A database outage is a fast, honest 503: with PostgreSQL cut off, a webhook is answered 503 with Retry-After within
 * about a second (shirase.store.wait) and health says DOWN within a second; the log says so once, not per request
 * or tick; once the database is back, the same event is accepted and delivered.
 */
class StoreOutageTest {

    @Test
    void aCutDatabaseIsAQuick503AndDownAndTheRuntimeRecoversByItself() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                CuttableProxy line = new CuttableProxy(postgres.getPort());
                StandInServer discord = StandInServer.start();
                LogCapture log = LogCapture.attach();
                RunningShirase shirase = RunningShirase
                        .with("shirase.store.url", "jdbc:postgresql://127.0.0.1:" + line.port() + "/postgres")
                        .with("shirase.store.username", "postgres")
                        .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/outage"))
                        .with("clockify.allow-unsigned", "true")
                        .with("shirase.delivery.rate.discord", "0").start()) {
            discord.answerByDefault(Response.of(204));
            assertEquals(202, shirase.postJson("/clockify", RetryingSender.event(1)).statusCode());
            discord.awaitRequests(1, Duration.ofSeconds(10));

            line.cut();
            long[] webhookMillis = new long[5];
            for (int i = 0; i < webhookMillis.length; i++) {
                long started = System.nanoTime();
                HttpResponse<String> refused = shirase.postJson("/clockify", RetryingSender.event(2));
                webhookMillis[i] = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
                assertTrue(refused.body().startsWith("{\"status\":\"unavailable\",\"reason\":\"the store cannot record"
                        + " the message"), refused.body());
            }
            long started = System.nanoTime();
            HttpResponse<String> health = shirase.get("/observe/health");
            long healthMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Thread.sleep(3000); // timers tick on through the outage

            assertEquals(503, health.statusCode(), health.body());
            assertTrue(healthMillis < 1500, "health answered after " + healthMillis + " ms");
            for (long millis : webhookMillis) {
                assertTrue(millis < 2500, "a webhook waited " + millis + " ms for a store that is down");
            }
            assertEquals(1, log.lines().stream().filter(l -> l.contains("The store is unavailable")).count(),
                    log.all());
            assertFalse(log.all().contains("ERROR"), log.all());

            line.restore();
            long until = System.currentTimeMillis() + 15_000;
            HttpResponse<String> accepted;
            do {
                Thread.sleep(200);
                accepted = shirase.postJson("/clockify", RetryingSender.event(2));
            } while (accepted.statusCode() == 503 && System.currentTimeMillis() < until);
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals(200, shirase.get("/observe/health").statusCode());
            assertEquals(2, RetryingSender.eventsIn(discord.awaitRequests(2, Duration.ofSeconds(10))).size());
            assertTrue(log.all().contains("The store is back after"), log.all());
        }
    }
}

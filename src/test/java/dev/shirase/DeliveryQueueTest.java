package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/** A full delivery queue pushes back on the webhook sender instead of dropping its message. */
class DeliveryQueueTest {

    @Test
    void fullQueueAnswers503AndSendsNothingForThatRequest() throws Exception {
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = RunningShirase
                        .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/t"))
                        .with("shirase.delivery.queue-size", "1")
                        .start()) {
            discord.answerByDefault(Response.of(204).after(Duration.ofSeconds(2)));
            String entry = Fixtures.read("clockify/clockify-timer-started.json");

            assertEquals(202, shirase.postJson("/clockify", entry).statusCode()); // being delivered
            discord.awaitRequests(1, Duration.ofSeconds(5));
            assertEquals(202, shirase.postJson("/clockify", entry).statusCode()); // waits in the queue
            HttpResponse<String> third = shirase.postJson("/clockify", entry);

            assertEquals(503, third.statusCode());
            assertEquals("{\"status\":\"busy\",\"reason\":\"delivery queue is full, retry later\"}", third.body());
            discord.awaitRequests(2, Duration.ofSeconds(10));
            discord.assertNoMoreThan(2, Duration.ofSeconds(3));
        }
    }
}

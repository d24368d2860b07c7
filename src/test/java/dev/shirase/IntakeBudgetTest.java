package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/** shirase.intake.max-in-flight-bytes: bodies in memory at once are bounded; past it, 503 and Retry-After. */
class IntakeBudgetTest {

    @Test
    void aRequestThatWouldTakeTheBodiesInFlightOverTheBudgetIs503WithRetryAfterAndSendsNothing() throws Exception {
        String event = Fixtures.read("clockify/clockify-timer-started.json");
        String padded = event + " ".repeat(1500 - event.getBytes(StandardCharsets.UTF_8).length); // 1,500 bytes
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = RunningShirase.with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/t"))
                        .with("clockify.allow-unsigned", "true")
                        .with("shirase.delivery.rate.discord", "0")
                        .with("shirase.intake.max-in-flight-bytes", "2000").start();
                Socket slow = new Socket("127.0.0.1", shirase.port())) {
            discord.answerByDefault(Response.of(204));
            // a sender that has sent its headers and half its body: 1,500 bytes held
            byte[] body = padded.getBytes(StandardCharsets.UTF_8);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /clockify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Clockify-Webhook-Event-Type: NEW_TIMER_STARTED\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 750);
            out.flush();
            Thread.sleep(300);

            HttpResponse<String> refused = shirase.postJson("/clockify",
                    padded.replace("664bf1e0a1b2c3d4e5f60789", "other-entry-1"));
            HttpResponse<String> small = shirase.postJson("/clockify", "{}");

            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("{\"status\":\"unavailable\",\"reason\":\"too many large requests at once; nothing was"
                    + " accepted, retry later\"}", refused.body());
            assertEquals(400, small.statusCode(), "a small body still fits: " + small.body());

            out.write(body, 750, body.length - 750);
            out.flush();
            InputStream in = slow.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
            assertEquals(1, discord.awaitRequests(1, Duration.ofSeconds(10)).size());

            HttpResponse<String> later = shirase.postJson("/clockify",
                    padded.replace("664bf1e0a1b2c3d4e5f60789", "other-entry-2"));
            assertEquals(202, later.statusCode(), "the budget is free again: " + later.body());
            discord.awaitRequests(2, Duration.ofSeconds(10));
            discord.assertNoMoreThan(2, Duration.ofMillis(500));
        }
    }
}

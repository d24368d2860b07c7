package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.shirase.support.Fixtures;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * Idle and slow sockets cannot starve the port: with eight stalled 1 MiB bodies held open by an outsider (no
 * credentials), health, the alert form and a signed webhook are answered within a second; the stalled ones are
 * answered 408 and closed at the body deadline, and nothing of it is an ERROR in the log.
 */
class SlowClientTest {

    private static final String SIGNATURE = "clockify-signature-token";

    private static String readUntilClosed(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("not closed; got: " + got.toString(StandardCharsets.UTF_8));
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eightStalledBodiesStarveNothingAndAreClosedAtTheDeadline() throws Exception {
        try (LogCapture log = LogCapture.attach(); StandInServer discord = StandInServer.start();
                StandInServer twilio = StandInServer.start();
                RunningShirase shirase = RunningShirase.withAlertCall(twilio.url(""), "alert-token", "+819011110001")
                        .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/slow"))
                        .with("clockify.webhook-signature", SIGNATURE)
                        .with("shirase.delivery.rate.discord", "0")
                        .with("shirase.intake.body-timeout", "3s").start()) {
            discord.answerByDefault(Response.of(204));
            twilio.answerByDefault(Response.json(201, Fixtures.read("twilio/twilio-call-response.json")));
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = new Socket("127.0.0.1", shirase.port());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /uipath/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1048576\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(socket);
                }
                Thread.sleep(300);
                long started = System.nanoTime();

                HttpResponse<String> health = shirase.get("/observe/health");
                HttpResponse<String> alert = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=disk+full"))
                        .header("Authorization", "Bearer alert-token").POST(HttpRequest.BodyPublishers.noBody())
                        .build());
                HttpResponse<String> webhook = shirase.postJson("/clockify",
                        Fixtures.read("clockify/clockify-timer-started.json"), "Clockify-Signature", SIGNATURE,
                        "Clockify-Webhook-Event-Type", "NEW_TIMER_STARTED");
                long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

                assertEquals(200, health.statusCode(), health.body());
                assertEquals(202, alert.statusCode(), alert.body());
                assertEquals(202, webhook.statusCode(), webhook.body());
                assertTrue(tookMillis < 3000, "three answers took " + tookMillis + " ms");

                for (Socket socket : stalled) {
                    socket.setSoTimeout(6000);
                    String answer = readUntilClosed(socket.getInputStream()); // until the server closes
                    assertTrue(answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 503"), answer);
                    assertTrue(answer.contains("\"status\":"), answer);
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            assertEquals(1, discord.awaitRequests(1, Duration.ofSeconds(10)).size());
            assertFalse(log.all().contains("ERROR"), log.all());
        }
    }

    @Test
    void halfSentHeadersAreClosedAtTheIdleTimeoutAndAnHttp2PrefaceIsAnsweredAtOnce() throws Exception {
        try (LogCapture log = LogCapture.attach();
                RunningShirase shirase = RunningShirase.with("shirase.intake.idle-timeout", "2s").start();
                Socket halfHeaders = new Socket("127.0.0.1", shirase.port());
                Socket preface = new Socket("127.0.0.1", shirase.port())) {
            halfHeaders.getOutputStream().write("POST /clockify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            halfHeaders.getOutputStream().flush();
            long started = System.nanoTime();
            preface.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            preface.getOutputStream().flush();

            preface.setSoTimeout(1000);
            byte[] frame = preface.getInputStream().readNBytes(9); // an HTTP/2 frame header: the server's SETTINGS
            long prefaceMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            halfHeaders.setSoTimeout(4000);
            readUntilClosed(halfHeaders.getInputStream());
            long idleMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertTrue(prefaceMillis < 1000, "the preface was answered after " + prefaceMillis + " ms");
            assertEquals(9, frame.length);
            assertEquals(0x04, frame[3], "a SETTINGS frame"); // cleartext HTTP/2 (h2c) is served as well
            assertTrue(idleMillis >= 1500 && idleMillis < 4000, "half-sent headers closed after " + idleMillis + " ms");
            assertFalse(log.all().contains("ERROR"), log.all());
        }
    }

    @Test
    void requestsTheHttpDecoderRefusesAreAnsweredAsJson() throws Exception {
        try (LogCapture log = LogCapture.attach(); RunningShirase shirase = RunningShirase.withDefaults()) {
            assertEquals("431|{\"status\":\"rejected\",\"reason\":\"the request headers are too large\"}",
                    raw(shirase, "GET /observe/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000)
                            + "\r\n\r\n"));
            assertEquals("414|{\"status\":\"rejected\",\"reason\":\"the request line is too long\"}",
                    raw(shirase, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertFalse(log.all().contains("ERROR"), log.all());
        }
    }

    /** The status and body of the answer to a request written as is. */
    private static String raw(RunningShirase shirase, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", shirase.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readUntilClosed(socket.getInputStream());
            return answer.substring(9, 12) + "|" + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }
}

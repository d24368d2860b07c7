package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.shirase.support.Fixtures;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import org.junit.jupiter.api.Test;

/**
 * A chat service that closes an idle kept-alive connection: the next message is sent on a new connection at once,
 * not after the retry schedule's first wait.
 */
class DroppedConnectionTest {

    /**
     * Answers each connection's first request 204 (keep-alive, as HTTP/1.1 allows) and closes the connection
     * 50 ms later, as a server with a short idle timeout does. The JDK's HttpServer cannot be told to close that
     * early, hence a socket of its own.
     */
    private static final class ClosingSink implements AutoCloseable {

        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;

        ClosingSink() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "closing-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/api/webhooks/5/t";
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    bodies.add(readRequestBody(connection.getInputStream()));
                    connection.getOutputStream().write(
                            "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            }
        }

        private static String readRequestBody(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request cut short");
                }
                head.write(b);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aMessageAfterTheServiceClosedTheIdleConnectionGoesOutAtOnceOnANewOne() throws Exception {
        try (ClosingSink discord = new ClosingSink(); LogCapture log = LogCapture.attach();
                RunningShirase shirase = RunningShirase
                        .with("clockify.discord-webhook-url", discord.url())
                        .with("clockify.allow-unsigned", "true")
                        .with("shirase.delivery.rate.discord", "0").start()) {
            String entry = Fixtures.read("clockify/clockify-timer-started.json");
            assertEquals(202, shirase.postJson("/clockify", entry.replace("Weekly report", "task 1")).statusCode());
            awaitBodies(discord, 1);
            Thread.sleep(300); // the sink has closed the connection by now; the client's pool still holds it

            assertEquals(202, shirase.postJson("/clockify", entry.replace("664bf1e0a1b2c3d4e5f60789", "e2")
                    .replace("Weekly report", "task 2")).statusCode());
            awaitBodies(discord, 2);

            assertTrue(discord.bodies.get(1).contains("task 2"), discord.bodies.toString());
            assertEquals(2, discord.connections.get());
            assertFalse(log.all().contains("next attempt in"), log.all());
        }
    }

    /** Up to 4 s: less than the retry schedule's first wait (5 s), so a retry on the schedule fails this. */
    private static void awaitBodies(ClosingSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 4_000_000_000L;
        while (sink.bodies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, sink.bodies.size(), "requests received: " + sink.bodies);
    }
}

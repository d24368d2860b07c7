package dev.shirase.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AnswerSizeLimit in HttpClient 5 (as the http component builds it) against a real local server. */
class AnswerSizeLimitTest {

    private static final int LIMIT = 1000;

    private HttpServer server;
    private CloseableHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/exactly", exchange -> answer(exchange, new byte[LIMIT], false));
        server.createContext("/one-more", exchange -> answer(exchange, new byte[LIMIT + 1], false));
        server.createContext("/gzip-bomb", exchange -> answer(exchange, gzip(new byte[100 * LIMIT]), true));
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException clientGone) {
                exchange.close();
            }
        });
        server.start();
        HttpClientBuilder builder = HttpClientBuilder.create();
        new AnswerSizeLimit(LIMIT).configureHttpClient(builder);
        client = builder.build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void anAnswerOfExactlyTheLimitIsRead() throws IOException {
        assertEquals(LIMIT, get("/exactly").length);
    }

    @Test
    void anAnswerThatSaysItIsLargerIsRefusedBeforeItIsRead() {
        AnswerTooLarge refused = assertThrows(AnswerTooLarge.class, () -> get("/one-more"));
        assertEquals(200, refused.status());
        assertEquals("the answer (HTTP 200) is larger than 1000 bytes (shirase.http.max-answer-bytes)",
                refused.getMessage());
    }

    @Test
    void theLimitCountsTheBytesAfterDecompression() {
        assertThrows(AnswerTooLarge.class, () -> get("/gzip-bomb"));
    }

    @Test
    void anEndlessAnswerIsCutOffAndItsConnectionDroppedNotDrained() {
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(AnswerTooLarge.class, () -> get("/endless")));
    }

    @Test
    void aLimitThatIsNotPositiveIsRefusedWithTheKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AnswerSizeLimit(0));
        assertEquals("shirase.http.max-answer-bytes must be a positive number of bytes, not 0", refused.getMessage());
    }

    private byte[] get(String path) throws IOException {
        HttpGet get = new HttpGet("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
    }

    private static void answer(HttpExchange exchange, byte[] body, boolean gzipped) throws IOException {
        if (gzipped) {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(plain);
        }
        return zipped.toByteArray();
    }
}

package dev.shirase.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 standing in for an external service (Discord, Slack...). It records every
 * request and answers with scripted responses, in order, then with the default response.
 */
public final class StandInServer implements AutoCloseable {

    /** One request as the service saw it. Header names are lower-case. */
    public record Recorded(long atNanos, String method, String path, String query, Map<String, String> headers,
            String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer: status, headers, body, and how long to wait before sending it. */
    public record Response(int status, Map<String, String> headers, String body, Duration delay) {

        public static Response of(int status) {
            return new Response(status, Map.of(), "", Duration.ZERO);
        }

        public static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body, delay);
        }

        public Response after(Duration wait) {
            return new Response(status, headers, body, wait);
        }
    }

    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
    private volatile Response fallback = Response.of(204);
    /** Requests recorded but not yet answered: a test that saw a request may end before its answer went out. */
    private final AtomicInteger answering = new AtomicInteger();
    private HttpServer server;
    private int port;

    private StandInServer() {
    }

    public static StandInServer start() {
        StandInServer standIn = new StandInServer();
        standIn.listen(0);
        return standIn;
    }

    private void listen(int wantedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /**
     * Stops answering (connections are refused) until {@link #resume()}. Answers already due go out first (up to
     * 5 s): cut off, an earlier test's request would fail, be retried, and turn up in this test.
     */
    public void goDown() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (answering.get() > 0 && System.nanoTime() < deadline) {
            sleep(5);
        }
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void resume() {
        listen(port);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** The next requests get these answers, one each, in order. */
    public void enqueue(Response... responses) {
        script.addAll(List.of(responses));
    }

    public void answerByDefault(Response response) {
        fallback = response;
    }

    public List<Recorded> received() {
        return new ArrayList<>(received);
    }

    public void reset() {
        received.clear();
        script.clear();
        fallback = Response.of(204);
    }

    /** Waits until at least {@code count} requests arrived, then returns them all. */
    public List<Recorded> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " request(s) within " + timeout + ", got "
                        + received.size() + ": " + received);
            }
            sleep(20);
        }
        return received();
    }

    /** Asserts that no request arrives within {@code window} beyond the {@code count} already expected. */
    public void assertNoMoreThan(int count, Duration window) {
        sleep(window.toMillis());
        if (received.size() > count) {
            throw new AssertionError("expected at most " + count + " request(s), got " + received.size() + ": "
                    + received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        answering.incrementAndGet();
        try {
            recordAndAnswer(exchange);
        } finally {
            answering.decrementAndGet();
        }
    }

    private void recordAndAnswer(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        received.add(new Recorded(at, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));

        Response response = script.poll();
        if (response == null) {
            response = fallback;
        }
        sleep(response.delay().toMillis());
        // "Transfer-Encoding: chunked" in a scripted answer: sent in chunks, with no Content-Length
        boolean chunked = "chunked".equals(response.headers().get("Transfer-Encoding"));
        response.headers().forEach((name, value) -> {
            if (!name.equals("Transfer-Encoding")) {
                exchange.getResponseHeaders().add(name, value);
            }
        });
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(response.status(), chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException clientGone) {
            // the runtime gave up waiting (timeout test): nothing to answer
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's stand-in chat service on 127.0.0.1: answers every POST with 204 and counts them.
 * GET /count answers the count; POST /down makes it answer 503 (an outage, not counted) until POST /up.
 * Run: java bench/Sink.java PORT
 */
public class Sink {
    public static void main(String[] args) throws IOException {
        AtomicLong received = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/down") || path.equals("/up")) {
                down.set(path.equals("/down"));
                exchange.sendResponseHeaders(204, -1);
            } else if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/count")) {
                byte[] count = Long.toString(received.get()).getBytes();
                exchange.sendResponseHeaders(200, count.length);
                exchange.getResponseBody().write(count);
            } else {
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }
}

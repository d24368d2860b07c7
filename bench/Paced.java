import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Latency from accept to the sink at a steady rate (an open loop, not wrk's closed one): sends RATE Clockify events a
 * second to RELAY_URL, first for WARMUP seconds (not counted: class loading, the JIT), then for SECONDS, each its own
 * time entry named in its description, and is itself the sink on SINK_PORT (answers 204) the whole time, so the
 * relay's kept-alive connection to it stays good. For each measured event it takes the time of the relay's 2xx and
 * of the sink's receipt and prints p50 and p99 of receipt minus 2xx (negative when the relay sends before it
 * answers, as a synchronous relay does).
 * Run: java bench/Paced.java SINK_PORT RELAY_URL RATE WARMUP SECONDS RUN_NAME
 */
public class Paced {

    private static final Pattern ID = Pattern.compile("Paced ([A-Za-z0-9-]+)");

    public static void main(String[] args) throws Exception {
        int sinkPort = Integer.parseInt(args[0]);
        URI relay = URI.create(args[1]);
        int rate = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String run = args[5];
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();

        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkPort), 1024);
        sink.setExecutor(Executors.newFixedThreadPool(4));
        sink.createContext("/", exchange -> {
            long at = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher id = ID.matcher(body);
            if (id.find()) {
                received.putIfAbsent(id.group(1), at);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.start();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (warmup > 0) {
            send(client, relay, rate, warmup, run + "warm", new ConcurrentHashMap<>(), received);
        }
        send(client, relay, rate, seconds, run, accepted, received);
        List<Double> latencies = new ArrayList<>();
        for (Map.Entry<String, Long> entry : accepted.entrySet()) {
            Long at = received.get(entry.getKey());
            if (at != null) {
                latencies.add((at - entry.getValue()) / 1e6);
            }
        }
        Collections.sort(latencies);
        System.out.printf("RESULT sent=%d accepted=%d received=%d p50_ms=%.2f p99_ms=%.2f%n", rate * seconds,
                accepted.size(), latencies.size(), percentile(latencies, 50), percentile(latencies, 99));
        sink.stop(0);
        System.exit(0);
    }

    /**
     * RATE events a second for SECONDS, named RUN-0, RUN-1...; returns once each was answered and the sink has every
     * accepted one (or 30 s after the last was sent).
     */
    private static void send(HttpClient client, URI relay, int rate, int seconds, String run,
            Map<String, Long> accepted, Map<String, Long> received) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        int[] sent = {0};
        int[] failed = {0};
        ticker.scheduleAtFixedRate(() -> {
            if (sent[0] >= total) {
                return;
            }
            String id = run + "-" + sent[0]++;
            String body = "{\"id\":\"" + id + "\",\"description\":\"Paced " + id + "\",\"currentlyRunning\":true,"
                    + "\"timeInterval\":{\"start\":\"2024-05-21T01:00:00Z\"},\"user\":{\"name\":\"Hanako Yamada\"}}";
            HttpRequest request = HttpRequest.newBuilder(relay).header("Content-Type", "application/json")
                    .header("Clockify-Webhook-Event-Type", "NEW_TIMER_STARTED").header("Clockify-Signature", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() / 100 == 2) {
                    accepted.put(id, System.nanoTime());
                } else {
                    synchronized (failed) {
                        failed[0]++;
                    }
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
        // until every request was answered and the sink has every accepted message (or the deadline)
        while (System.nanoTime() < deadline && (accepted.size() + failed[0] < total
                || !received.keySet().containsAll(accepted.keySet()))) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}

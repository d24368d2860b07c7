package dev.shirase.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts a steady stream of distinct Clockify events the way a real webhook sender does: each event again and
 * again, with the same body, until it gets a 2xx; it retries on 409, 503 (any 5xx) and connection errors, and
 * follows the runtime to whatever port it was restarted on. Event n is time entry "crash-n", task n.
 */
public final class RetryingSender implements AutoCloseable {

    private static final String ENTRY = Fixtures.read("clockify/clockify-timer-started.json");
    private static final Pattern TASK = Pattern.compile("task (\\d+) を開始しました");

    private final IntSupplier port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Integer> retried = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> refused = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean producing = true;
    private volatile boolean running = true;

    /** Starts {@code senders} threads posting to 127.0.0.1 on the port {@code port} answers at the moment. */
    public RetryingSender(int senders, IntSupplier port) {
        this.port = port;
        for (int i = 0; i < senders; i++) {
            Thread t = new Thread(this::run, "retrying-sender-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    public static String event(int n) {
        return ENTRY.replace("664bf1e0a1b2c3d4e5f60789", "crash-" + n).replace("Weekly report", "task " + n);
    }

    /** The events in a sink's requests, with how often each arrived. */
    public static Map<Integer, Integer> eventsIn(List<StandInServer.Recorded> requests) {
        Map<Integer, Integer> seen = new TreeMap<>();
        for (StandInServer.Recorded r : requests) {
            Matcher m = TASK.matcher(r.body());
            if (m.find()) {
                seen.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
            }
        }
        return seen;
    }

    /** Starts no new event; each thread finishes (gets a 2xx for) the event it holds. Waits up to {@code wait}. */
    public boolean finish(Duration wait) throws InterruptedException {
        producing = false;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Events that got a 2xx. */
    public Set<Integer> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Events that had to be sent more than once (a refusal, an error, a crash in between). */
    public Set<Integer> retried() {
        return Set.copyOf(retried);
    }

    /** Events refused for good (a 4xx other than 409): none is expected. */
    public Map<Integer, String> refused() {
        return Map.copyOf(refused);
    }

    public int started() {
        return next.get();
    }

    private void run() {
        while (running && producing) {
            int n = next.incrementAndGet();
            deliver(n, event(n));
        }
    }

    private void deliver(int n, String body) {
        while (running) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port.getAsInt() + "/clockify"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    acknowledged.add(n);
                    return;
                }
                if (status != 409 && status < 500) {
                    refused.put(n, status + " " + answer.body());
                    return;
                }
            } catch (IOException e) {
                // down or restarting: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retried.add(n);
            sleep(50);
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
        running = false;
    }
}

package dev.shirase.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.shirase.Shirase;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real runtime ({@link Shirase#create()}: ./application.properties and ./routes/*.yaml) running in this
 * JVM on a free loopback port, with only the given settings overridden (service URLs, secrets). Each runtime
 * gets a fresh store in a temporary directory unless {@code shirase.store.url} is given, and checks the
 * outbox for due retries every 100 ms instead of every second, so retry tests run fast. Each runtime has its own
 * context name: Quartz keeps one scheduler per name per JVM, and in-process runtimes must not share triggers
 * (in production there is one runtime per JVM).
 */
public final class RunningShirase implements AutoCloseable {

    private final Main main;
    private final Thread thread;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningShirase(Main main, Thread thread, int port) {
        this.main = main;
        this.thread = thread;
        this.port = port;
    }

    public static Builder with(String key, String value) {
        return new Builder().with(key, value);
    }

    /** The Twilio account, number and API (a stand-in's URL) of the tests. */
    public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_AUTH = "twilio-auth-token";
    public static final String ALERT_PUBLIC_URL = "https://alerts.example.com";

    /**
     * The alert call set up against a Twilio stand-in at {@code twilioUrl}: account, auth token, from-number, the
     * alert token {@code alertToken}, the public URL callbacks are signed for, and {@code numbers} as the roster.
     */
    public static Builder withAlertCall(String twilioUrl, String alertToken, String numbers) {
        return new Builder()
                .with("twilio.account-sid", TWILIO_SID)
                .with("twilio.auth-token", TWILIO_AUTH)
                .with("twilio.from-number", "+815012345678")
                .with("twilio.api-base-url", twilioUrl)
                .with("alert.token", alertToken)
                .with("alert.public-base-url", ALERT_PUBLIC_URL)
                .with("alert.numbers", numbers);
    }

    public static RunningShirase withDefaults() {
        return new Builder().start();
    }

    private static final java.util.concurrent.atomic.AtomicInteger RUNTIMES = new java.util.concurrent.atomic.AtomicInteger();

    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final java.util.List<org.apache.camel.spi.EventNotifier> notifiers = new java.util.ArrayList<>();

        public Builder with(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Tells the notifier Camel's events from the start on (to look at the runtime while it starts). */
        public Builder notifying(org.apache.camel.spi.EventNotifier notifier) {
            notifiers.add(notifier);
            return this;
        }

        /**
         * A new, empty store URL in a temporary directory (pass it to several runtimes to share it). The directory
         * is removed when the test JVM exits.
         */
        public static String freshStoreUrl() {
            return "jdbc:sqlite:" + TempDirs.create("shirase-store").resolve("shirase.db");
        }

        /** A new, empty embedded store, opened as the runtime opens it (pool of 4, process-crash durability). */
        public static dev.shirase.store.Store freshStore() {
            return dev.shirase.store.Store.open(freshStoreUrl(), "", "", 4, dev.shirase.store.Durability.PROCESS_CRASH);
        }

        public RunningShirase start() {
            int port = FreePort.find();
            Main main = Shirase.create();
            main.addOverrideProperty("camel.server.host", "127.0.0.1");
            main.addOverrideProperty("camel.server.port", String.valueOf(port));
            main.addOverrideProperty("camel.management.port", String.valueOf(port));
            main.addOverrideProperty("camel.main.name", "shirase-test-" + RUNTIMES.incrementAndGet());
            main.addOverrideProperty("shirase.store.url", freshStoreUrl());
            main.addOverrideProperty("shirase.delivery.poll-interval", "100ms");
            overrides.forEach(main::addOverrideProperty);

            // Camel marks the context started before its startup listeners' onCamelContextFullyStarted run, and
            // Shirase starts delivery there: ready once Main's start has returned
            java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
            main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
                @Override
                public void afterConfigure(org.apache.camel.main.BaseMainSupport configured) {
                    notifiers.forEach(configured.getCamelContext().getManagementStrategy()::addEventNotifier);
                }

                @Override
                public void afterStart(org.apache.camel.main.BaseMainSupport started) {
                    ready.set(true);
                }
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    main.run();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "shirase-under-test");
            thread.setDaemon(true);
            thread.start();

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                CamelContext context = main.getCamelContext();
                if (context != null && context.isStarted() && ready.get()) {
                    return new RunningShirase(main, thread, port);
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("Shirase did not start", failure.get());
                }
                if (!thread.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Shirase did not start");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The runtime's counter shirase_deliveries_total{channel, outcome}. */
    public double deliveries(String channel, String outcome) {
        var counter = context().getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class)
                .find("shirase.deliveries").tags("channel", channel, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POSTs a JSON body with extra headers given as name, value, name, value... */
    public HttpResponse<String> postJson(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        main.completed();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

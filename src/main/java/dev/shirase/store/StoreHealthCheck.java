package dev.shirase.store;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the store, part of /observe/health: a small real write (a disk that is full or read-only, or a
 * database that is down, fails it) so the health check says what webhook senders are told, and turns UP by
 * itself once the store writes again. It answers within a second whatever the store does: a probe that has not
 * finished by then counts as DOWN (the store did not answer in time), and the next call waits on that same probe
 * rather than starting another. Readiness only: a restart would not give the disk space back.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {

    private static final long ANSWER_WITHIN_MILLIS = 900;

    private final Jdbc jdbc;
    private final java.util.concurrent.ExecutorService probes = java.util.concurrent.Executors.newSingleThreadExecutor(
            run -> {
                Thread thread = new Thread(run, "shirase-store-probe");
                thread.setDaemon(true);
                return thread;
            });
    /** The probe under way or last finished: null when the store wrote, else why not. */
    private java.util.concurrent.CompletableFuture<String> probe;

    private StoreHealthCheck(Jdbc jdbc) {
        super("shirase", "store");
        this.jdbc = jdbc;
    }

    public static void register(CamelContext context, Jdbc jdbc) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            StoreHealthCheck check = new StoreHealthCheck(jdbc);
            check.setCamelContext(context);
            registry.register(check);
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        java.util.concurrent.CompletableFuture<String> current;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                probe = java.util.concurrent.CompletableFuture.supplyAsync(this::write, probes);
            }
            current = probe;
        }
        String trouble;
        try {
            trouble = current.get(ANSWER_WITHIN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            trouble = "the store did not answer within a second";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            trouble = "interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            trouble = StoreTrouble.of(e.getCause());
        }
        if (trouble == null) {
            builder.up();
        } else {
            builder.message("the store cannot write: " + trouble);
            builder.down();
        }
    }

    /** A small real write: null when it worked, else why not. */
    private String write() {
        long now = System.currentTimeMillis();
        try {
            jdbc.updateOrInsert("UPDATE shirase_state SET state_value = ?, updated_at = ? WHERE state_key = ?",
                    new Object[] {String.valueOf(now), now, "shirase.store.probe"},
                    "INSERT INTO shirase_state (state_key, state_value, updated_at) VALUES (?, ?, ?)",
                    new Object[] {"shirase.store.probe", String.valueOf(now), now});
            return null;
        } catch (RuntimeException e) {
            return StoreTrouble.of(e);
        }
    }
}

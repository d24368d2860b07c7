package dev.shirase.store;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the store, part of /observe/health: a small real write (a disk that is full or read-only, or a
 * database that is down, fails it) so the health check says what webhook senders are told, and turns UP by
 * itself once the store writes again. Readiness only: a restart would not give the disk space back.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {

    private final Jdbc jdbc;

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
        long now = System.currentTimeMillis();
        try {
            jdbc.updateOrInsert("UPDATE shirase_state SET state_value = ?, updated_at = ? WHERE state_key = ?",
                    new Object[] {String.valueOf(now), now, "shirase.store.probe"},
                    "INSERT INTO shirase_state (state_key, state_value, updated_at) VALUES (?, ?, ?)",
                    new Object[] {"shirase.store.probe", String.valueOf(now), now});
            builder.up();
        } catch (RuntimeException e) {
            builder.message("the store cannot write: " + StoreTrouble.of(e));
            builder.down();
        }
    }
}

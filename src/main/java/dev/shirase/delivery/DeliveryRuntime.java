package dev.shirase.delivery;

import dev.shirase.store.Jdbc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery backbone's lifecycle in one place: the outbox, its intake (bean {@code outbox}, what channel routes
 * hand messages to), the dedupe repository (bean {@code dedupe}) and the dispatcher; started once every route is
 * up, refusing new messages and finishing attempts in flight at shutdown, and forgetting what is past retention.
 */
public final class DeliveryRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRuntime.class);

    private final Outbox outbox;
    private final OutboxRecords records;
    private final Dispatcher dispatcher;
    private final OutboxIntake intake;
    private final JdbcDedupe dedupe;
    private final DeliverySettings settings;
    private final boolean cluster;
    private final long dedupeRetentionMillis;

    public DeliveryRuntime(Jdbc jdbc, DeliverySettings settings, boolean cluster, long dedupeRetentionMillis) {
        this.outbox = new Outbox(jdbc);
        this.records = new OutboxRecords(jdbc);
        this.dispatcher = new Dispatcher(outbox, settings);
        this.intake = new OutboxIntake(outbox, dispatcher);
        this.dedupe = new JdbcDedupe(outbox);
        this.settings = settings;
        this.cluster = cluster;
        this.dedupeRetentionMillis = dedupeRetentionMillis;
    }

    /** What channel routes hand messages to (bean {@code outbox}). */
    public OutboxIntake intake() {
        return intake;
    }

    /** The flows' idempotent repository (bean {@code dedupe}). */
    public JdbcDedupe dedupe() {
        return dedupe;
    }

    public OutboxRecords records() {
        return records;
    }

    /** Looks for due messages now (after a replay). */
    public void wake() {
        dispatcher.wake();
    }

    /** Once every route is up: claims a crash left are released (one replica only), then sending starts. */
    public void start(CamelContext context) {
        if (!cluster) {
            int released = outbox.releaseAllClaims();
            if (released > 0) {
                LOG.info("Released {} message claim(s) left by the previous run", released);
            }
        }
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        registerGauges(registry);
        dispatcher.start(context, registry);
        LOG.info("Delivering from the outbox as node {}{}: {} pending, {} dead", settings.nodeId(),
                cluster ? " (cluster)" : "", records.count(Outbox.PENDING), records.count(Outbox.DEAD));
    }

    /**
     * At shutdown: new messages are refused (503, senders retry elsewhere or later), attempts in flight finish
     * within {@code waitMillis}; the rest stays pending for the next start (or another replica).
     */
    public void stop(long waitMillis) {
        intake.close();
        dispatcher.stop(waitMillis);
    }

    /** Forgets sent messages and dedupe keys past their retention; how many rows went. */
    public int forgetOld(long now) {
        int sent = records.deleteSentBefore(now - settings.sentRetention().toMillis());
        int keys = outbox.forgetKeysBefore(now - dedupeRetentionMillis);
        if (sent + keys > 0) {
            LOG.info("Housekeeping: removed {} old sent message(s) and {} old dedupe key(s)", sent, keys);
        }
        return sent + keys;
    }

    private void registerGauges(MeterRegistry registry) {
        if (registry == null) {
            return;
        }
        Gauge.builder("shirase.outbox.pending", records, o -> o.count(Outbox.PENDING))
                .description("Messages accepted and not yet delivered").register(registry);
        Gauge.builder("shirase.outbox.dead", records, o -> o.count(Outbox.DEAD))
                .description("Messages that failed for good; replay them through the admin API").register(registry);
        Gauge.builder("shirase.outbox.oldest.pending.age", records, o -> {
            long oldest = o.oldestPendingCreatedAt();
            return oldest == 0 ? 0 : (System.currentTimeMillis() - oldest) / 1000.0;
        }).baseUnit("seconds").description("Age of the oldest message waiting for delivery").register(registry);
    }
}

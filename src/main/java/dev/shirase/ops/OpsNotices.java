package dev.shirase.ops;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.shirase.settings.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watching the watcher: notices about Shirase itself (a dead message, a skipped scheduled run, a flow that is not
 * started although it is half configured) to the ops chat (shirase.ops.channel), through the outbox by route
 * direct:ops-notice. The same notice again within shirase.ops.quiet-period is dropped, and at most
 * {@value #PER_MINUTE} go out a minute; each is counted in shirase_ops_notices_total{kind}. Notices raised before
 * the routes are up wait for them.
 */
public class OpsNotices {

    /** The bean's name in the registry. */
    public static final String BEAN = "opsNotices";
    static final int PER_MINUTE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(OpsNotices.class);

    private final CamelContext context;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final Deque<Long> recent = new ArrayDeque<>();
    private final List<OpsValues> waiting = new ArrayList<>();
    private volatile boolean started;
    private ProducerTemplate template;

    public OpsNotices(CamelContext context) {
        this.context = context;
    }

    /** The runtime's notices, or none (a context without Shirase's backbone). */
    public static void report(CamelContext context, OpsValues notice) {
        OpsNotices notices = context.getRegistry().lookupByNameAndType(BEAN, OpsNotices.class);
        if (notices != null) {
            notices.report(notice);
        }
    }

    public void report(OpsValues notice) {
        if (Settings.get(context.getPropertiesComponent(), "shirase.ops.channel", "").isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        long quiet = Settings.duration(context.getPropertiesComponent(), "shirase.ops.quiet-period", "10m").toMillis();
        String key = notice.kind() + ":"
                + (notice.dead() ? notice.subject().replaceAll(" \\d+$", "") : notice.subject()) + ":" + notice.reason();
        Long last = lastSent.get(key);
        if (last != null && now - last < quiet) {
            return;
        }
        synchronized (this) {
            while (!recent.isEmpty() && now - recent.peekFirst() > 60_000) {
                recent.pollFirst();
            }
            if (recent.size() >= PER_MINUTE) {
                LOG.warn("Ops notice dropped (more than {} a minute): {} {}", PER_MINUTE, key, notice.reason());
                return;
            }
            recent.addLast(now);
            lastSent.put(key, now);
            if (!started) {
                waiting.add(notice);
                return;
            }
        }
        send(notice);
    }

    /** Once the routes are up: the notices raised while starting go out. */
    public void started() {
        List<OpsValues> pending;
        synchronized (this) {
            started = true;
            pending = new ArrayList<>(waiting);
            waiting.clear();
        }
        pending.forEach(this::send);
    }

    private void send(OpsValues notice) {
        try {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
            }
            template.sendBody("direct:ops-notice", notice);
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry != null) {
                registry.counter("shirase.ops.notices", "kind", notice.kind()).increment();
            }
        } catch (RuntimeException e) {
            LOG.warn("Ops notice not kept ({}): {}", e.getMessage(), notice.reason());
        }
    }
}

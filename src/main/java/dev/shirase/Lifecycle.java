package dev.shirase;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.shirase.admin.AdminPort;
import dev.shirase.admin.HealthDetailsGate;
import dev.shirase.check.ChannelHandOffs;
import dev.shirase.delivery.DeliveryRuntime;
import dev.shirase.ops.RequiredSettings;
import dev.shirase.settings.Settings;
import dev.shirase.store.Store;
import dev.shirase.store.StoreHealthCheck;
import dev.shirase.template.TemplateCheck;
import dev.shirase.webhook.GuardedVertx;
import dev.shirase.webhook.HeaderCheck;
import dev.shirase.webhook.HttpRouter;
import dev.shirase.webhook.IntakeBudget;
import dev.shirase.webhook.JsonRefusals;
import dev.shirase.webhook.ReadyGate;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and stop, in order. Before the port opens: the request guards in front of every route (the ready gate, the
 * header and body budgets, JSON refusals, the health details gate, the admin port). Once every route is built: the
 * store must be open, templates and settings are checked. Once started: the gate opens, the outbox starts sending,
 * housekeeping runs every 10 minutes. At stop: new requests are refused and attempts in flight finish while the
 * routes are still up, then the store closes.
 */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final CamelContext context;
    private final PropertiesComponent p;
    private final Store store;
    private final DeliveryRuntime delivery;
    private final Beans beans;
    private final IdleRoutes idle;
    private final ReadyGate gate = new ReadyGate();
    private final AdminPort adminPort = new AdminPort();
    private final AtomicBoolean guarded = new AtomicBoolean();
    private GuardedVertx vertx;
    private ScheduledExecutorService housekeeping;

    Lifecycle(CamelContext context, Store store, DeliveryRuntime delivery, Beans beans, IdleRoutes idle) {
        this.context = context;
        this.idle = idle;
        this.p = context.getPropertiesComponent();
        this.store = store;
        this.delivery = delivery;
        this.beans = beans;
    }

    void install() {
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent
                        || event instanceof CamelEvent.CamelContextStoppedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    stopped();
                } else {
                    stopping();
                }
            }
        });
        // the guards go in front of the routes before the port opens: Camel's server makes its HTTP server on this
        // Vert.x instance (it uses the one in the registry), and the instance puts them in first; should the server
        // be made some other way, onCamelContextStarted puts them in, still before any route starts
        vertx = GuardedVertx.create(Settings.duration(p, "shirase.intake.idle-timeout", "30s"), () -> {
            if (HttpRouter.of(context) != null) {
                guard();
            }
        });
        context.getRegistry().bind("shiraseVertx", Vertx.class, vertx);
        try {
            context.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarting(CamelContext ctx, boolean alreadyStarted) {
                    store.awaitOpen(); // every route is built and none started: a store that could not open stops here
                }

                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                    built();
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    started();
                }
            });
        } catch (Exception e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Every route is built, none started: no request meets unguarded defaults, a broken template stops the start. */
    private void built() {
        guard();
        TemplateCheck.run(context, Path.of(Settings.get(p, "shirase.templates", "templates")), idle.templates());
        ModelCamelContext model = (ModelCamelContext) context;
        List<String> handOffs = ChannelHandOffs.problems(model.getRouteTemplateDefinitions(), model.getRouteDefinitions());
        if (!handOffs.isEmpty()) {
            throw new IllegalStateException("a channel hand-off names no destination:\n  "
                    + String.join("\n  ", handOffs));
        }
        StartLog.warnOfUnmatchedVariables(context, System.getenv());
        RequiredSettings.report(context);
    }

    private void started() {
        StoreHealthCheck.register(context, store.jdbc());
        gate.open(); // every route that will start has: no more 503 "starting"
        MissedRuns.watch(context);
        LOG.info("{}", StartLog.readyLine(context));
        delivery.start(context);
        beans.notices().started();
        housekeeping = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "housekeeping");
        housekeeping.scheduleWithFixedDelay(this::cleanUp, 1, 10, TimeUnit.MINUTES);
    }

    /** Refuse new requests, finish delivery attempts in flight while the routes are still up. */
    private void stopping() {
        gate.close();
        adminPort.stop();
        delivery.stop(context.getShutdownStrategy().getTimeUnit().toMillis(context.getShutdownStrategy().getTimeout())
                / 2);
    }

    private void stopped() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        store.close();
        vertx.close(); // Camel's server leaves a Vert.x instance it did not make running
    }

    /** What stands in front of every route, put in once. */
    private void guard() {
        if (!guarded.compareAndSet(false, true)) {
            return;
        }
        gate.install(context);
        HeaderCheck.install(context);
        String maxBody = Settings.get(p, "camel.server.max-body-size", "").strip();
        new IntakeBudget(Long.parseLong(Settings.get(p, "shirase.intake.max-in-flight-bytes", "8388608").strip()),
                maxBody.isEmpty() ? Long.MAX_VALUE / 4 : Long.parseLong(maxBody),
                Settings.duration(p, "shirase.intake.body-timeout", "10s").toMillis()).install(context);
        JsonRefusals.install(context);
        String healthPath = Settings.get(p, "camel.management.health-path", "/observe/health");
        HealthDetailsGate.install(HttpRouter.server(context), beans.adminTokens(), beans.brake(), healthPath);
        String adminPortSetting = Settings.get(p, "shirase.admin.port", "");
        if (!adminPortSetting.isBlank()) {
            adminPort.start(context, Settings.get(p, "camel.server.host", "0.0.0.0"),
                    Integer.parseInt(adminPortSetting.strip()), Settings.get(p, "camel.server.max-body-size", ""));
            HealthDetailsGate.install(adminPort.router(), beans.adminTokens(), beans.brake(), healthPath);
        }
    }

    private void cleanUp() {
        try {
            long now = System.currentTimeMillis();
            int removed = delivery.forgetOld(now);
            int gone = beans.incidents().forgetOpenedBefore(now - beans.alertSettings().incidentRetention().toMillis());
            if (gone > 0) {
                LOG.info("Housekeeping: removed {} incident(s) past alert.incident-retention", gone);
                removed += gone;
            }
            if (removed > 0) {
                store.reclaimSpace();
            }
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed: {}", e.getMessage());
        }
    }
}

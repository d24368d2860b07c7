package dev.shirase;

import dev.shirase.settings.Settings;
import dev.shirase.settings.RequiredSettings;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.shirase.admin.AdminAccess;
import dev.shirase.admin.AdminPort;
import dev.shirase.admin.AdminTokens;
import dev.shirase.admin.AuditTrail;
import dev.shirase.admin.DeliveriesAdmin;
import dev.shirase.webhook.FailedTokenBrake;
import dev.shirase.admin.HealthDetailsGate;
import dev.shirase.alert.AlertCalls;
import dev.shirase.alert.AlertHeartbeat;
import dev.shirase.alert.IncidentsApi;
import dev.shirase.alert.AlertIntake;
import dev.shirase.alert.CallBudget;
import dev.shirase.alert.Redials;
import dev.shirase.alert.TwilioClient;
import dev.shirase.alert.Incidents;
import dev.shirase.delivery.DeliveryRuntime;
import dev.shirase.delivery.DeliverySettings;
import dev.shirase.scheduled.DigestState;
import dev.shirase.ops.OpsNotices;
import dev.shirase.store.Durability;
import dev.shirase.store.Store;
import dev.shirase.store.StoreHealthCheck;
import dev.shirase.template.TemplateCheck;
import dev.shirase.webhook.HttpRouter;
import dev.shirase.webhook.IntakeBudget;
import dev.shirase.webhook.JsonRefusals;
import dev.shirase.webhook.HeaderCheck;
import dev.shirase.webhook.ReadyGate;
import dev.shirase.webhook.GuardedVertx;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery backbone under every flow: opens the store, binds {@code outbox} (what channel routes hand
 * messages to) and {@code dedupe} (the idempotent repository), sends from the outbox once the routes are up,
 * and stops claiming at shutdown. With {@code shirase.cluster.enabled}, Quartz runs clustered on PostgreSQL.
 * <p>
 * It is the one place Java beans are bound by name (the beans only the store can make: outbox, dedupe, incidents,
 * the admin API's), and runs as a Camel configuration class (camel.main.configuration-classes), so the routes load
 * the same under {@code java -jar}, the tests and Camel JBang.
 */
public class Backbone implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(Backbone.class);

    private Store store;
    private GuardedVertx vertx;
    private DeliveryRuntime delivery;
    private Incidents incidents;
    private long incidentRetentionMillis;
    private ScheduledExecutorService housekeeping;

    @Override
    public void configure(CamelContext context) {
        warnOfIgnoredPortVariables(System.getenv());
        warnOfRetiredWordingVariables(System.getenv());
        PropertiesComponent p = context.getPropertiesComponent();
        boolean cluster = Boolean.parseBoolean(setting(p, "shirase.cluster.enabled", "false"));
        String url = setting(p, "shirase.store.url", "jdbc:sqlite:./data/shirase.db");
        if (cluster && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("shirase.cluster.enabled=true needs a PostgreSQL store shared by all"
                    + " replicas: set shirase.store.url to a jdbc:postgresql: URL");
        }
        // the pool and the migrations on a thread of their own while the routes are built (~0.3 s of the start)
        store = Store.openInBackground(url, setting(p, "shirase.store.username", ""),
                setting(p, "shirase.store.password", ""), Integer.parseInt(setting(p, "shirase.store.pool-size", "10")),
                Durability.of(setting(p, "shirase.store.durability", "process-crash")),
                Settings.duration(p, "shirase.store.wait", "1s"));

        DeliverySettings settings = DeliverySettings.from(p, setting(p, "shirase.cluster.node-id", defaultNodeId()));
        delivery = new DeliveryRuntime(store.jdbc(), settings, cluster,
                Settings.duration(p, "shirase.dedupe.retention", "30d").toMillis());
        delivery.bind(context);
        context.getRegistry().bind("shiraseStore", store.dataSource());
        OpsNotices opsNotices = new OpsNotices(context);
        context.getRegistry().bind(OpsNotices.BEAN, opsNotices);
        ReadyGate gate = new ReadyGate();
        AdminPort adminPort = new AdminPort();
        String adminPortSetting = setting(p, "shirase.admin.port", "");
        context.getRegistry().bind("deliveriesAdmin", new DeliveriesAdmin(delivery.outbox(), delivery::wake));
        context.getRegistry().bind("flowsAdmin", new dev.shirase.admin.FlowsAdmin(delivery.outbox()));
        AdminTokens adminTokens = new AdminTokens(setting(p, "shirase.admin-token", ""),
                setting(p, "shirase.admin.operator-tokens", ""), setting(p, "shirase.admin.read-only-tokens", ""));
        FailedTokenBrake brake = new FailedTokenBrake();
        context.getRegistry().bind("adminReader", new AdminAccess(adminTokens, brake, AdminTokens.Role.READ_ONLY));
        context.getRegistry().bind("adminOperator", new AdminAccess(adminTokens, brake, AdminTokens.Role.OPERATOR));
        context.getRegistry().bind("auditTrail", new AuditTrail(store.jdbc()));
        context.getRegistry().bind("digestState", new DigestState(store.jdbc()));
        incidents = new Incidents(store.jdbc());
        incidentRetentionMillis = Settings.duration(p, "alert.incident-retention", "90d").toMillis();
        CallBudget budget = new CallBudget(incidents, Integer.parseInt(setting(p, "alert.max-incidents-per-hour", "20")),
                Integer.parseInt(setting(p, "alert.max-calls-per-hour", "100")), context);
        context.getRegistry().bind("alertIntake", new AlertIntake(incidents, budget));
        context.getRegistry().bind("alertIncidents", new IncidentsApi(incidents));
        Settings.duration(p, "alert.heartbeat.every", "0s"); // a heartbeat period that does not parse stops the start
        context.getRegistry().bind("alertHeartbeat", new AlertHeartbeat(incidents, new DigestState(store.jdbc())));
        context.getRegistry().bind("alertCalls", new AlertCalls(incidents, new Redials(store.jdbc()), budget));
        // its HTTP client loads the trust store (~0.1 s): built beside the routes, asked for when the twilio
        // component is made
        java.util.concurrent.CompletableFuture<com.twilio.http.TwilioRestClient> twilio = InBackground.start("twilio-client",
                () -> TwilioClient.of(setting(p, "twilio.account-sid", ""), setting(p, "twilio.auth-token", ""),
                        setting(p, "twilio.api-base-url", "https://api.twilio.com")));
        context.getRegistry().bind("twilioRestClient", com.twilio.http.TwilioRestClient.class, twilio::join);

        if (cluster) {
            clusterQuartz(context, url, p, settings.nodeId());
        }
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent
                        || event instanceof CamelEvent.CamelContextStoppedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    closeStore();
                    vertx.close(); // Camel's server leaves a Vert.x instance it did not make running
                    return;
                }
                // refuse new requests, finish delivery attempts in flight while the routes are still up
                gate.close();
                adminPort.stop();
                delivery.stop(context.getShutdownStrategy().getTimeUnit().toMillis(
                        context.getShutdownStrategy().getTimeout()) / 2);
            }
        });
        // the guards go in front of the routes before the port opens: Camel's server makes its HTTP server on this
        // Vert.x instance (it uses the one in the registry), and the instance puts them in first; should the server
        // be made some other way, onCamelContextStarted puts them in, still before any route starts
        java.util.concurrent.atomic.AtomicBoolean guarded = new java.util.concurrent.atomic.AtomicBoolean();
        vertx = GuardedVertx.create(Settings.duration(p, "shirase.intake.idle-timeout", "30s"), () -> {
            if (HttpRouter.of(context) != null && guarded.compareAndSet(false, true)) {
                guardHttpServer(context, p, gate, adminTokens, brake, adminPort, adminPortSetting);
            }
        });
        context.getRegistry().bind("shiraseVertx", io.vertx.core.Vertx.class, vertx);
        addStartupListener(context, new org.apache.camel.ExtendedStartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext ctx, boolean alreadyStarted) {
                // every route is built and none started: a store that could not open stops the start here
                store.awaitOpen();
            }

            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // no route is started yet: no request meets Vert.x's plain defaults or unguarded health details
                if (guarded.compareAndSet(false, true)) {
                    guardHttpServer(ctx, p, gate, adminTokens, brake, adminPort, adminPortSetting);
                }
                // every route is built, none started: a broken template stops the start, not the first alert
                TemplateCheck.run(ctx, java.nio.file.Path.of(setting(p, "shirase.templates", "templates")));
                warnOfUnmatchedVariables(ctx, System.getenv());
                RequiredSettings.report(ctx);
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                StoreHealthCheck.register(ctx, store.jdbc());
                gate.open(); // every route that will start has: no more 503 "starting"
                MissedRuns.watch(ctx);
                LOG.info("{}", readyLine(ctx, p));
                delivery.start(ctx);
                opsNotices.started();
                housekeeping = ctx.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "housekeeping");
                housekeeping.scheduleWithFixedDelay(Backbone.this::cleanUp, 1, 10, TimeUnit.MINUTES);
            }
        });
    }

    /**
     * What stands in front of every route: the ready gate (503 while starting or stopping), the intake budget, JSON refusals, the health details gate, and the admin
     * port when one is set.
     */
    private static void guardHttpServer(CamelContext ctx, PropertiesComponent p, ReadyGate gate,
            AdminTokens adminTokens, FailedTokenBrake brake, AdminPort adminPort, String adminPortSetting) {
        gate.install(ctx);
        HeaderCheck.install(ctx);
        String maxBody = setting(p, "camel.server.max-body-size", "").strip();
        new IntakeBudget(Long.parseLong(setting(p, "shirase.intake.max-in-flight-bytes", "8388608").strip()),
                maxBody.isEmpty() ? Long.MAX_VALUE / 4 : Long.parseLong(maxBody),
                Settings.duration(p, "shirase.intake.body-timeout", "10s").toMillis()).install(ctx);
        JsonRefusals.install(ctx);
        String healthPath = setting(p, "camel.management.health-path", "/observe/health");
        HealthDetailsGate.install(HttpRouter.server(ctx), adminTokens, brake, healthPath);
        if (!adminPortSetting.isBlank()) {
            adminPort.start(ctx, setting(p, "camel.server.host", "0.0.0.0"), Integer.parseInt(adminPortSetting.strip()),
                    setting(p, "camel.server.max-body-size", ""));
            HealthDetailsGate.install(adminPort.router(), adminTokens, brake, healthPath);
        }
    }

    private static void addStartupListener(CamelContext context, org.apache.camel.StartupListener listener) {
        try {
            context.addStartupListener(listener);
        } catch (Exception e) {
            throw new org.apache.camel.RuntimeCamelException(e);
        }
    }

    private void closeStore() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    private void cleanUp() {
        try {
            long now = System.currentTimeMillis();
            int removed = delivery.forgetOld(now);
            int gone = incidents.forgetOpenedBefore(now - incidentRetentionMillis);
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

    /** Quartz on a clustered JDBC job store in the shared PostgreSQL: each scheduled run fires on one replica. */
    private static void clusterQuartz(CamelContext context, String url, PropertiesComponent p, String nodeId) {
        Properties quartz = new Properties();
        quartz.put("org.quartz.scheduler.instanceName", "shirase");
        quartz.put("org.quartz.scheduler.instanceId", quartzInstanceId(nodeId));
        quartz.put("org.quartz.threadPool.threadCount", "4");
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.put("org.quartz.jobStore.dataSource", "shirase");
        quartz.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // a tick more than a second late (the database was down, every replica stopped) is a misfire, and a cron
        // trigger's misfire fires once when it can: not once per missed tick, four identical posts in a row
        quartz.put("org.quartz.jobStore.misfireThreshold", "1000");
        quartz.put("org.quartz.dataSource.shirase.provider", "hikaricp");
        quartz.put("org.quartz.dataSource.shirase.driver", "org.postgresql.Driver");
        quartz.put("org.quartz.dataSource.shirase.URL", url);
        quartz.put("org.quartz.dataSource.shirase.user", setting(p, "shirase.store.username", ""));
        quartz.put("org.quartz.dataSource.shirase.password", setting(p, "shirase.store.password", ""));
        quartz.put("org.quartz.dataSource.shirase.maxConnections", "4");
        context.getComponent("quartz", QuartzComponent.class).setProperties(quartz);
    }

    /**
     * The start in one line: where it listens (the address it is bound to), how long it took, and which flows run
     * (their webhook or schedule routes); a flow that does not run said why in its own line above.
     */
    private static String readyLine(CamelContext context, PropertiesComponent p) {
        java.util.List<String> running = new java.util.ArrayList<>();
        java.util.List<String> off = new java.util.ArrayList<>();
        for (org.apache.camel.Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            String id = route.getRouteId();
            // a webhook or a schedule; of the alert call's routes, the alert and the heartbeat watch (its callbacks,
            // ack and resolve serve calls and people, not a flow)
            boolean entry = uri.startsWith("quartz:") || id.equals("alert-heartbeat-watch")
                    || uri.startsWith("platform-http:") && !id.startsWith("admin") && !id.startsWith("alert-");
            if (entry) {
                (context.getRouteController().getRouteStatus(id).isStarted() ? running : off).add(id);
            }
        }
        java.util.Collections.sort(running);
        java.util.Collections.sort(off);
        String admin = setting(p, "shirase.admin.port", "");
        return "Shirase " + Shirase.version() + " ready on " + setting(p, "camel.server.host", "0.0.0.0") + ":"
                + setting(p, "camel.server.port", "8080") + (admin.isBlank() ? "" : " (admin port " + admin + ")")
                + " in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms; running: "
                + (running.isEmpty() ? "none" : String.join(", ", running))
                + (off.isEmpty() ? "" : "; not running: " + String.join(", ", off));
    }

    /**
     * An environment variable that looks like a Shirase setting but sets none (a typo, a team or KPI that does not
     * exist) would change nothing without a word: one line each, as bin/shirase check says it.
     */
    private static void warnOfUnmatchedVariables(CamelContext context, java.util.Map<String, String> env) {
        java.util.Set<String> keys = new java.util.TreeSet<>(dev.shirase.check.ConfigCheck.shippedKeys());
        keys.addAll(context.getPropertiesComponent().loadProperties().stringPropertyNames());
        java.util.Set<String> prefixes = new java.util.TreeSet<>();
        for (org.apache.camel.model.RouteDefinition route
                : ((org.apache.camel.model.ModelCamelContext) context).getRouteDefinitions()) {
            if (route.getTemplateParameters() != null && route.getTemplateParameters().get("settings") != null) {
                prefixes.add(route.getTemplateParameters().get("settings").toString());
            }
        }
        dev.shirase.check.ConfigCheck.unmatchedVariables(env, keys, prefixes).forEach(line -> LOG.warn("{}", line));
    }

    /** Settings whose wording moved to templates/: a value still set for them would be ignored without a word. */
    static void warnOfRetiredWordingVariables(java.util.Map<String, String> env) {
        java.util.Map.of("ALERT_SAY_PREFIX", "announcement", "ALERT_JOIN_PROMPT", "join-prompt",
                "ALERT_GOODBYE", "goodbye").forEach((name, template) -> {
                    if (env.containsKey(name)) {
                        LOG.warn("Environment variable {} is ignored: what the alert call says is in"
                                + " templates/alert-call/<alert.language>/{}.mustache", name, template);
                    }
                });
    }

    /**
     * Camel's main skips CAMEL_ environment variables ending in _PORT (Kubernetes injects such variables for every
     * service), so CAMEL_SERVER_PORT would be ignored without a word: say so, and which variable sets the port.
     * Shirase's own keys are read through the properties component, which does take SHIRASE_ADMIN_PORT and
     * SHIRASE_MAIL_PORT: no warning for those.
     */
    static void warnOfIgnoredPortVariables(java.util.Map<String, String> env) {
        env.keySet().stream().filter(name -> name.startsWith("CAMEL_")
                && (name.endsWith("_PORT") || name.contains("_PORT_"))).sorted().forEach(name -> LOG.warn(
                        "Environment variable {} is ignored (Camel skips variables ending in _PORT); the HTTP port"
                                + " is set by PORT, or camel.server.port in application.properties", name));
    }

    /**
     * This process's name in the shared Quartz tables: the node id and a random part. Quartz's own AUTO id is the
     * host name and the start millisecond, so two replicas started at once on one host could share it; the second
     * one's first check-in then takes the first one's acquired triggers for a crashed instance's and fires them again.
     */
    static String quartzInstanceId(String nodeId) {
        return nodeId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "shirase";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static String setting(PropertiesComponent p, String key, String fallback) {
        return Settings.get(p, key, fallback);
    }
}

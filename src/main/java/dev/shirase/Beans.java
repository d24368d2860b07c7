package dev.shirase;

import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.twilio.http.TwilioRestClient;
import dev.shirase.admin.AdminAccess;
import dev.shirase.admin.AdminTokens;
import dev.shirase.admin.AuditTrail;
import dev.shirase.admin.DeliveriesAdmin;
import dev.shirase.admin.FlowsAdmin;
import dev.shirase.admin.FlowsOverview;
import dev.shirase.admin.IncidentsAdmin;
import dev.shirase.alert.AlertEscalation;
import dev.shirase.alert.AlertFirstCalls;
import dev.shirase.alert.AlertHeartbeat;
import dev.shirase.alert.AlertIntake;
import dev.shirase.alert.AlertPlaceCall;
import dev.shirase.alert.AlertSettings;
import dev.shirase.alert.AlertToken;
import dev.shirase.alert.CallBudget;
import dev.shirase.alert.Incidents;
import dev.shirase.alert.Redials;
import dev.shirase.alert.TwilioCallbacks;
import dev.shirase.alert.TwilioClient;
import dev.shirase.alert.TwilioSignature;
import dev.shirase.delivery.DeliveryRuntime;
import dev.shirase.delivery.JdbcDedupe;
import dev.shirase.delivery.OutboxIntake;
import dev.shirase.ops.OpsNotices;
import dev.shirase.scheduled.DigestState;
import dev.shirase.settings.Settings;
import dev.shirase.store.InBackground;
import dev.shirase.uipath.OrchestratorNtlm;
import dev.shirase.store.Store;
import dev.shirase.webhook.FailedTokenBrake;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Every bean the routes call by name ({@code ref: <name>}), declared here and nowhere else, each named after the
 * route that calls it. They are made with the store (opened by {@link Backbone}) and bound when Camel processes
 * this class's {@link BindToRegistry} methods, before any route is built. Beans a route file configures itself
 * (the webhook signature checks) are in its {@code beans:} section.
 */
public final class Beans {

    private final CamelContext context;
    private final PropertiesComponent p;
    private final Store store;
    private final DeliveryRuntime delivery;
    private final AlertSettings alert;
    private final Incidents incidents;
    private final Redials redials;
    private final DigestState state;
    private final CallBudget budget;
    private final AdminTokens adminTokens;
    private final FailedTokenBrake brake = new FailedTokenBrake();
    private final OpsNotices opsNotices;
    private final CompletableFuture<TwilioRestClient> twilio;
    private final ZoneId zone;

    Beans(CamelContext context, Store store, DeliveryRuntime delivery) {
        this.context = context;
        this.p = context.getPropertiesComponent();
        this.store = store;
        this.delivery = delivery;
        this.alert = AlertSettings.from(p);
        this.zone = ZoneId.of(Settings.get(p, "shirase.time-zone", "Asia/Tokyo"));
        this.opsNotices = new OpsNotices(context);
        this.incidents = new Incidents(store.jdbc());
        this.redials = new Redials(store.jdbc());
        this.state = new DigestState(store.jdbc());
        this.budget = new CallBudget(incidents, alert.maxIncidentsPerHour(), alert.maxCallsPerHour(), context);
        this.adminTokens = new AdminTokens(Settings.get(p, "shirase.admin-token", ""),
                Settings.get(p, "shirase.admin.operator-tokens", ""), Settings.get(p, "shirase.admin.read-only-tokens", ""));
        // its HTTP client loads the trust store (~0.1 s): built beside the routes, asked for when a call is placed
        this.twilio = InBackground.start("twilio-client", () -> TwilioClient.of(Settings.get(p, "twilio.account-sid", ""),
                Settings.get(p, "twilio.auth-token", ""), Settings.get(p, "twilio.api-base-url", "https://api.twilio.com")));
    }

    // --- the delivery backbone: every channel route, every flow's dedupe, the SQL of the store -------------------

    /** The channels' kamelets: accept a rendered message into the outbox (routes/channels.camel.yaml). */
    @BindToRegistry("outbox")
    public OutboxIntake outbox() {
        return delivery.intake();
    }

    /** Every flow's idempotentConsumer. */
    @BindToRegistry("dedupe")
    public JdbcDedupe dedupe() {
        return delivery.dedupe();
    }

    /** The store's connections, for the routes' sql: and Camel's health. */
    @BindToRegistry("shiraseStore")
    public DataSource shiraseStore() {
        return store.dataSource();
    }

    /** Notices to the ops chat (shirase.ops.*). */
    @BindToRegistry(OpsNotices.BEAN)
    public OpsNotices opsNotices() {
        return opsNotices;
    }

    // --- routes/admin.camel.yaml ----------------------------------------------------------------------------------

    @BindToRegistry("adminReader")
    public AdminAccess adminReader() {
        return new AdminAccess(adminTokens, brake, AdminTokens.Role.READ_ONLY);
    }

    @BindToRegistry("adminOperator")
    public AdminAccess adminOperator() {
        return new AdminAccess(adminTokens, brake, AdminTokens.Role.OPERATOR);
    }

    @BindToRegistry("deliveriesAdmin")
    public DeliveriesAdmin deliveriesAdmin() {
        return new DeliveriesAdmin(delivery.records(), delivery::wake, zone);
    }

    @BindToRegistry("flowsAdmin")
    public FlowsAdmin flowsAdmin() {
        return new FlowsAdmin(delivery.records());
    }

    @BindToRegistry("flowsOverview")
    public FlowsOverview flowsOverview() {
        return new FlowsOverview(delivery.records(), zone);
    }

    @BindToRegistry("auditTrail")
    public AuditTrail auditTrail() {
        return new AuditTrail(store.jdbc());
    }

    // --- routes/scheduled.camel.yaml: when each schedule last ran ---------------------------------------------------

    @BindToRegistry("digestState")
    public DigestState digestState() {
        return state;
    }

    // --- routes/alert-call.camel.yaml, one bean per calling route ---------------------------------------------------

    /** Routes alert, alert-heartbeat, alert-incident: the alert token. */
    @BindToRegistry("alertToken")
    public AlertToken alertToken() {
        return new AlertToken(brake, Settings.get(p, "alert.token", ""),
                Boolean.parseBoolean(Settings.get(p, "alert.allow-token-in-url", "false")));
    }

    /** Routes alert-join, alert-status: Twilio's signature. */
    @BindToRegistry("twilioSignature")
    public TwilioSignature twilioSignature() {
        return new TwilioSignature(alert, Settings.get(p, "twilio.auth-token", ""));
    }

    /** Route alert. */
    @BindToRegistry("alertIntake")
    public AlertIntake alertIntake() {
        return new AlertIntake(alert, incidents, budget);
    }

    /** Route alert-first-calls. */
    @BindToRegistry("alertFirstCalls")
    public AlertFirstCalls alertFirstCalls() {
        return new AlertFirstCalls(incidents);
    }

    /** Routes alert-place-call, alert-call-not-placed, alert-hang-up-all and the twilio-call configuration. */
    @BindToRegistry("alertPlaceCall")
    public AlertPlaceCall alertPlaceCall() {
        return new AlertPlaceCall(alert, incidents);
    }

    /** Routes alert-join and alert-status. */
    @BindToRegistry("twilioCallbacks")
    public TwilioCallbacks twilioCallbacks() {
        return new TwilioCallbacks(alert, incidents, redials);
    }

    /** Routes alert-escalations and alert-redials. */
    @BindToRegistry("alertEscalation")
    public AlertEscalation alertEscalation() {
        return new AlertEscalation(alert, incidents, redials, budget);
    }

    /** Routes alert-heartbeat and alert-heartbeat-watch, and the flows page. */
    @BindToRegistry("alertHeartbeat")
    public AlertHeartbeat alertHeartbeat() {
        return new AlertHeartbeat(alert, incidents, state);
    }

    /** Routes alert-incident, alert-ack, alert-resolve and admin-incidents. */
    @BindToRegistry("alertIncidents")
    public IncidentsAdmin alertIncidents() {
        return new IncidentsAdmin(incidents);
    }

    // --- routes/uipath-jobs.camel.yaml -------------------------------------------------------------------------------

    /** Template uipath-poll: Windows authentication to an on-premises Orchestrator (its Jobs request). */
    @BindToRegistry("orchestratorNtlm")
    public OrchestratorNtlm orchestratorNtlm() {
        return new OrchestratorNtlm(Settings.get(p, "uipath.orchestrator.ntlm-domain", ""),
                Settings.get(p, "uipath.orchestrator.username", ""), Settings.get(p, "uipath.orchestrator.password", ""));
    }

    /** The twilio component's client, made on a thread of its own while the routes are built. */
    @BindToRegistry(value = "twilioRestClient", lazy = true)
    public TwilioRestClient twilioRestClient() {
        return twilio.join();
    }

    // --- what the lifecycle needs -----------------------------------------------------------------------------------

    OpsNotices notices() {
        return opsNotices;
    }

    AdminTokens adminTokens() {
        return adminTokens;
    }

    FailedTokenBrake brake() {
        return brake;
    }

    Incidents incidents() {
        return incidents;
    }

    AlertSettings alertSettings() {
        return alert;
    }
}

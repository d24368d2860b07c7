package dev.shirase.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.shirase.scheduled.DigestState;
import org.apache.camel.Exchange;

import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import dev.shirase.webhook.RejectedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * Monitoring's heartbeat (bean alertHeartbeat): POST /alert/heartbeat, or a notification carrying
 * alert.heartbeat.alertname (Alertmanager's Watchdog), says monitoring is alive. With alert.heartbeat.every set,
 * a heartbeat missing for longer opens an incident like any alert (worded by
 * templates/alert-call/&lt;language&gt;/heartbeat-silent.mustache), and the next heartbeat resolves it. When it
 * last came is kept in the store, so a restart does not reset the clock; the incident is its group's only open
 * one, so two replicas open one.
 */
public class AlertHeartbeat {

    /** The incident key (group) of monitoring gone silent. */
    static final String KEY = AlertRequest.sha256("group:shirase-heartbeat");
    private static final Logger LOG = LoggerFactory.getLogger(AlertHeartbeat.class);
    private static final String LAST_SEEN = "alert.heartbeat.last-seen";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final AlertSettings settings;
    private final Incidents incidents;
    private final DigestState state;
    /** When this replica last found the heartbeat overdue: it tries again after a minute at most once. */
    private volatile long lastTry;

    public AlertHeartbeat(AlertSettings settings, Incidents incidents, DigestState state) {
        this.settings = settings;
        this.incidents = incidents;
        this.state = state;
    }

    /**
     * Monitoring is alive: the clock starts again, and an open "monitoring silent" incident is resolved (its live
     * calls in property {@value dev.shirase.seam.Seam#ALERT_HANG_UP}, a timeline event).
     */
    public void beat(Exchange exchange) {
        state.put(LAST_SEEN, String.valueOf(System.currentTimeMillis()));
        incidents.open(KEY).ifPresent(incident -> IncidentEnd.resolved(exchange, incidents, incident, "heartbeat"));
    }

    /** The answer to POST /alert/heartbeat: 200 alive, and by when the next one is due. */
    public void alive(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "alive");
        settings.heartbeatEvery().ifPresent(every -> body.put("dueBy",
                Instant.ofEpochMilli(System.currentTimeMillis() + every.toMillis()).toString()));
        reply(exchange, 200, body);
    }

    /**
     * The values of the "monitoring silent" message when the heartbeat is overdue and no incident was opened for
     * this silence yet (one that failed is tried again after alert.heartbeat.every); else null. Before the first
     * heartbeat ever, the clock starts now.
     */
    public AlertValues overdue(Exchange exchange) {
        Optional<Duration> every = settings.heartbeatEvery();
        if (every.isEmpty()) {
            return null;
        }
        long now = System.currentTimeMillis();
        Long lastSeen = lastSeen();
        if (lastSeen == null) {
            state.put(LAST_SEEN, String.valueOf(now));
            return null;
        }
        long period = every.get().toMillis();
        if (now - lastSeen <= period) {
            return null;
        }
        Optional<Incidents.Incident> opened = incidents.newestSince(KEY, lastSeen);
        if (opened.isPresent() && (opened.get().failedAt() == null || now - opened.get().failedAt() < period)) {
            return null;
        }
        if (now - lastTry < Math.min(period, 60_000)) {
            return null; // tried a moment ago and could not open it (the hour's budget, no roster)
        }
        lastTry = now;
        return AlertValues.silentSince(HH_MM.format(Instant.ofEpochMilli(lastSeen).atZone(AlertTimeline.zone(exchange))));
    }

    /** The alert of monitoring gone silent ({@code message} from heartbeat-silent.mustache): the roster is called. */
    public AlertRequest silent(String message) {
        List<List<String>> tiers = settings.roster();
        if (tiers.isEmpty()) {
            throw new RejectedRequest(503, "no roster to call: set alert.tiers.1 or alert.numbers");
        }
        return new AlertRequest(dev.shirase.channel.Notice.textOf(message).strip(), KEY, true, false,
                tiers, true, List.of("heartbeat"), false, null);
    }

    /** Monitoring is silent but no incident could be opened (the hour's budget, no roster): the log and ops chat. */
    public void notOpened(Exchange exchange) {
        Throwable why = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = why == null ? "unknown" : why.getMessage();
        LOG.warn("Alert: monitoring is silent, but nobody was called: {}", reason);
        OpsNotices.report(exchange.getContext(), OpsValues.alertFailed("heartbeat", "monitoring is silent, but nobody"
                + " was called: " + reason, null));
    }

    /** For the flows page: when the last heartbeat came and when the next is due (null when off or none yet). */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Optional<Duration> every = settings.heartbeatEvery();
        Long lastSeen = lastSeen();
        status.put("every", every.map(dev.shirase.settings.Durations::words).orElse(null));
        status.put("lastSeen", lastSeen == null ? null : Instant.ofEpochMilli(lastSeen).toString());
        status.put("dueBy", lastSeen == null || every.isEmpty() ? null
                : Instant.ofEpochMilli(lastSeen + every.get().toMillis()).toString());
        status.put("silent", incidents.open(KEY).isPresent());
        return status;
    }

    private Long lastSeen() {
        return state.get(LAST_SEEN).map(Long::valueOf).orElse(null);
    }
}

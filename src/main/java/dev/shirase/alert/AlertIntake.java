package dev.shirase.alert;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.shirase.preview.Preview;
import dev.shirase.seam.Seam;
import dev.shirase.webhook.RefusesAll;
import dev.shirase.webhook.RejectedRequest;
import dev.shirase.webhook.WebhookReply;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The steps of route alert (bean alertIntake) that need code: reading the accepted forms, recognising a repeat or a
 * new alert of an open group, opening the incident within the hour's budget (one open incident per group, enforced
 * by the store), and the answers. Incident state is in the store ({@link Incidents}).
 */
public class AlertIntake implements RefusesAll {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlertSettings settings;
    private final Incidents incidents;
    private final CallBudget budget;
    private final IncidentView views;

    public AlertIntake(AlertSettings settings, Incidents incidents, CallBudget budget) {
        this.settings = settings;
        this.incidents = incidents;
        this.budget = budget;
        this.views = new IncidentView(incidents);
    }

    @Override
    public String refusesAll() {
        return settings.missingTwilio() == null ? null : settings.missingTwilio() + " is not set";
    }

    /** 503 naming the first Twilio setting that is missing: without them no call can be placed. */
    public void requireTwilio(Exchange exchange) {
        if (settings.missingTwilio() != null && !Preview.active(exchange)) {
            throw new RejectedRequest(503, "alert call is not configured: set " + settings.missingTwilio());
        }
    }

    /** Our form or a monitoring tool's notification ({@link AlertRequest#read}); 400 with the reason otherwise. */
    public AlertRequest read(Exchange exchange) {
        return AlertRequest.read(exchange.getMessage(), settings);
    }

    /** The notification with its spoken message, as templates/alert-call/&lt;language&gt;/alerts.mustache worded it. */
    public AlertRequest worded(AlertRequest alert, String message) {
        return alert.worded(message);
    }

    /**
     * The incident this alert belongs to, or null for a new one: the open incident of a monitoring alert's group
     * (or the one an operator resolved while it fired, as long as no new alert joined it), or the same message
     * within alert.dedupe-window. A failed incident is no incident: a retry calls again.
     */
    public Incidents.Incident existing(Exchange exchange, AlertRequest alert) {
        if (alert.group()) {
            var open = incidents.open(alert.key());
            if (open.isPresent()) {
                return open.get();
            }
            var held = incidents.held(alert.key());
            if (held.isPresent() && incidents.fingerprints(held.get().id()).containsAll(alert.fingerprints())) {
                return held.get();
            }
            held.ifPresent(h -> incidents.release(alert.key())); // a new alert: the operator's resolve holds no longer
            return null;
        }
        return incidents.recent(alert.key(), System.currentTimeMillis() - settings.dedupeWindow().toMillis())
                .orElse(null);
    }

    /**
     * An alert of an incident that exists. The same alerts again: 200 duplicate (or resolved, when an operator
     * resolved it). New alerts of the group join it: a timeline line, and when it is acknowledged or ended
     * unanswered and alert.new-alert-calls is true, tier 1 is called again (variable {@value Seam#CALL_AGAIN}; for
     * an unanswered incident the escalation starts over): 202 added.
     */
    public void repeat(Exchange exchange, AlertRequest alert, Incidents.Incident existing) {
        exchange.removeVariable(Seam.CALL_AGAIN);
        if (existing.resolvedAt() != null) {
            Map<String, Object> body = views.view(existing, "resolved");
            body.put("reason", "resolved by an operator while it fired; quiet until the monitoring tool resolves it or"
                    + " a new alert joins");
            reply(exchange, 200, body);
            return;
        }
        List<String> added = alert.group() ? incidents.addFingerprints(existing.id(), alert.fingerprints()) : List.of();
        if (added.isEmpty()) {
            reply(exchange, 200, views.view(existing, "duplicate"));
            return;
        }
        List<String> numbers = new ArrayList<>();
        if (!existing.escalating() && settings.newAlertCalls()) {
            List<List<String>> tiers = incidents.tiers(existing.id());
            for (String number : tiers.isEmpty() ? List.<String>of() : tiers.get(0)) {
                if (settings.allowed(number) && budget.redial(existing.id(), number)) {
                    numbers.add(number);
                }
            }
            if (existing.unansweredAt() != null && !numbers.isEmpty()) {
                incidents.reopenEscalation(existing.id(), alert.escalates() && tiers.size() > 1
                        ? System.currentTimeMillis() + settings.escalateAfter().toMillis() : null);
            }
            exchange.setVariable(Seam.CALL_AGAIN, numbers);
        }
        LOG.info("Alert {}: {} new alert(s) joined; calling {} number(s) again", existing.id(), added.size(),
                numbers.size());
        AlertTimeline.added(exchange, existing, alert.message(), numbers);
        reply(exchange, 202, views.view(existing, "added"));
    }

    /** A notification with nothing in it that calls: the heartbeat, or alerts on alert.never-call-alertnames. */
    public void nobodyToCall(Exchange exchange, AlertRequest alert) {
        reply(exchange, 200, nobodyToCall(alert));
    }

    /** The answer when nothing in a notification calls: status heartbeat (or ignored), and why. */
    static Map<String, String> nobodyToCall(AlertRequest alert) {
        return WebhookReply.ordered("status", alert.heartbeat() ? "heartbeat" : "ignored", "reason",
                "no alert in it calls anyone (alert.never-call-alertnames)");
    }

    /**
     * A "resolved" notification: its group's open incident is resolved (its live calls are left in property
     * {@value Seam#ALERT_HANG_UP} to be hung up), and an operator's resolve of it holds no longer; nobody is called.
     */
    public void resolve(Exchange exchange, AlertRequest alert) {
        incidents.release(alert.key());
        var open = incidents.open(alert.key());
        open.ifPresent(incident -> IncidentEnd.resolved(exchange, incidents, incident, "monitoring"));
        reply(exchange, 200, open.flatMap(incident -> incidents.find(incident.id()))
                .<Map<String, ?>>map(resolved -> views.view(resolved, "resolved"))
                .orElseGet(() -> WebhookReply.ordered("status", "resolved", "reason",
                        "no open incident for this alert group")));
    }

    /**
     * A new incident, tier 1's calls reserved in the hour's budget (429 past it, and nothing is opened), and for the
     * roster its first escalation step due after alert.escalate-after; left in variable {@value Seam#INCIDENT}. When
     * the same group (or message) was opened meanwhile, by another request or replica, this one is its duplicate
     * (200) and the variable is absent. (A bean step, not an expression: an expression's bean runs on a copy of the
     * exchange, and the 200 answer is written here.)
     */
    public void open(Exchange exchange, AlertRequest alert) {
        exchange.removeVariable(Seam.INCIDENT);
        String id = "INC-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        long now = System.currentTimeMillis();
        Incidents.Incident incident = new Incidents.Incident(id, alert.message(), settings.conference(id), now);
        synchronized (budget) {
            Incidents.Incident first = alert.group() ? null : existing(exchange, alert);
            if (first == null && budget.open(incident, alert.key(), alert.group(), alert.fingerprints(), alert.tiers(),
                    alert.escalates() ? now + settings.escalateAfter().toMillis() : null)) {
                AlertTimeline.opened(exchange, incident, alert.numbers());
                exchange.setVariable(Seam.INCIDENT, incident);
                return;
            }
            if (first == null) {
                first = incidents.open(alert.key()).orElse(null);
            }
            reply(exchange, 200, first == null ? Map.of("status", "duplicate") : views.view(first, "duplicate"));
        }
    }

    /** In a preview: what each number would hear on answering (the speech route ran); nobody is called. */
    public void preview(Exchange exchange, AlertRequest alert, String announcement, String joinPrompt, String goodbye) {
        if (alert.resolved()) {
            reply(exchange, 200, Map.of("status", "resolved", "reason", "a resolved alert calls nobody"));
            return;
        }
        if (!alert.firing()) {
            reply(exchange, 200, nobodyToCall(alert));
            return;
        }
        String id = "INC-preview";
        AlertTwiml.Speech speech = AlertTwiml.Speech.rendered(settings, announcement, joinPrompt, goodbye);
        String twiml = settings.requireKeypress() ? AlertTwiml.announceAndAsk(speech, settings.joinUrl(id))
                : AlertTwiml.announceAndJoin(speech, new Incidents.Incident(id, alert.message(),
                        settings.conference(id), System.currentTimeMillis()));
        for (String number : alert.numbers()) {
            Preview.of(exchange).message("twilio-call", number, twiml, alert.message());
        }
        reply(exchange, 202, Map.of("status", "calling", "numbers", alert.numbers()));
    }

    /** The values the preview speaks with. */
    public AlertValues previewValues(AlertRequest alert) {
        return AlertValues.speech(alert.message(), "INC-preview");
    }
}

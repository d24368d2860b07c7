package dev.shirase.alert;

import dev.shirase.seam.Seam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.shirase.settings.Settings;
import dev.shirase.channel.Notice;
import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import dev.shirase.webhook.Quoted;
import dev.shirase.webhook.RejectedRequest;
import dev.shirase.webhook.WebhookReply;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The steps of an alert (routes/alert-call.camel.yaml, route alert) that need code: reading the accepted forms,
 * recognising a repeat or a new alert of an open group, opening the incident within the hour's budget (one open
 * incident per group, enforced by the store), and the answers: 202 while calling, 502 when nobody could be called.
 * Incident state is in the store ({@link Incidents}).
 */
public class AlertIntake {

    /**
     * What an alert asks for: its message, the key that recognises a repeat (a monitoring alert's group, or the
     * message), whether it resolves its group, and whom to call: the tiers of the roster (escalating), or the numbers
     * the alert named (one tier, no escalation). A monitoring notification also brings its firing alerts'
     * fingerprints, whether it carried the heartbeat alert, and the values its spoken message is made from
     * ({@code spoken}, rendered by templates/alert-call/&lt;language&gt;/alerts.mustache into {@code message}).
     */
    public record AlertRequest(String message, String key, boolean group, boolean resolved, List<List<String>> tiers,
            boolean escalates, List<String> fingerprints, boolean heartbeat, AlertValues spoken) {

        /** Tier 1: who is called first. */
        public List<String> numbers() {
            return tiers.isEmpty() ? List.of() : tiers.get(0);
        }

        /** Whether it calls anyone: our form always; a notification with an alert firing that may call. */
        public boolean firing() {
            return !resolved && (!group || !fingerprints.isEmpty());
        }
    }

    /** Exchange variable: the numbers to call again for new alerts joining an acknowledged or ended incident. */
    public static final String CALL_AGAIN = Seam.CALL_AGAIN;

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Incidents incidents;
    private final CallBudget budget;
    private final IncidentsApi views;

    public AlertIntake(Incidents incidents, CallBudget budget) {
        this.incidents = incidents;
        this.budget = budget;
        this.views = new IncidentsApi(incidents);
    }

    /**
     * Our form (message, tels in the query or a form body), or a POSTed JSON notification of Alertmanager or
     * Grafana, whose alert group is the incident. 400 with the reason for anything else.
     */
    public AlertRequest read(Exchange exchange) {
        Message in = exchange.getMessage();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            MonitoringAlert alert = MonitoringAlert.parse(in.getBody(byte[].class),
                    setting(exchange, "alert.heartbeat.alertname", "Watchdog"),
                    Set.copyOf(split(setting(exchange, "alert.never-call-alertnames", "Watchdog,InfoInhibitor"))));
            String tels = param(in, "tels");
            return new AlertRequest(null, sha256("group:" + alert.groupKey()), true, alert.resolved(),
                    alert.firing() ? tiers(exchange, tels) : List.of(), tels == null || tels.isBlank(),
                    alert.fingerprints(), alert.heartbeat(),
                    alert.firing() ? AlertValues.alerts(alert.lines(), alert.more()) : null);
        }
        String message = param(in, "message");
        if (message == null || message.isBlank()) {
            throw new RejectedRequest(400, "message is required");
        }
        message = message.strip();
        if (message.length() > 500) {
            throw new RejectedRequest(400, "message is longer than 500 characters");
        }
        String tels = param(in, "tels");
        return new AlertRequest(message, sha256(message), false, false, tiers(exchange, tels),
                tels == null || tels.isBlank(), List.of(), false, null);
    }

    /** The notification with its spoken message, as templates/alert-call/&lt;language&gt;/alerts.mustache worded it. */
    public AlertRequest worded(AlertRequest alert, String message) {
        String text = Notice.textOf(message).strip();
        return new AlertRequest(text.length() > 500 ? text.substring(0, 499) + "…" : text, alert.key(), alert.group(),
                alert.resolved(), alert.tiers(), alert.escalates(), alert.fingerprints(), alert.heartbeat(),
                alert.spoken());
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
        long window = Settings.duration(exchange.getContext().getPropertiesComponent(), "alert.dedupe-window", "5m")
                .toMillis();
        return incidents.recent(alert.key(), System.currentTimeMillis() - window).orElse(null);
    }

    /**
     * An alert of an incident that exists. The same alerts again: 200 duplicate (or resolved, when an operator
     * resolved it). New alerts of the group join it: a timeline line, and when it is acknowledged or ended
     * unanswered and alert.new-alert-calls is true, tier 1 is called again (variable {@value #CALL_AGAIN}; for an
     * unanswered incident the escalation starts over): 202 added.
     */
    public void repeat(Exchange exchange, AlertRequest alert, Incidents.Incident existing) {
        exchange.removeVariable(CALL_AGAIN);
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
        if (!existing.escalating() && Boolean.parseBoolean(setting(exchange, "alert.new-alert-calls", "true"))) {
            List<List<String>> tiers = incidents.tiers(existing.id());
            for (String number : tiers.isEmpty() ? List.<String>of() : tiers.get(0)) {
                if (allowed(exchange, number) && budget.redial(existing.id(), number)) {
                    numbers.add(number);
                }
            }
            if (existing.unansweredAt() != null && !numbers.isEmpty()) {
                incidents.reopenEscalation(existing.id(), alert.escalates() && tiers.size() > 1
                        ? System.currentTimeMillis() + escalateAfter(exchange) : null);
            }
            exchange.setVariable(CALL_AGAIN, numbers);
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
     * {@value IncidentsApi#HANG_UP} to be hung up), and an operator's resolve of it holds no longer; nobody is called.
     */
    public void resolve(Exchange exchange, AlertRequest alert) {
        incidents.release(alert.key());
        var open = incidents.open(alert.key());
        open.ifPresent(incident -> IncidentsApi.resolved(exchange, incidents, incident, "monitoring"));
        reply(exchange, 200, open.flatMap(incident -> incidents.find(incident.id()))
                .<Map<String, ?>>map(resolved -> views.view(resolved, "resolved"))
                .orElseGet(() -> WebhookReply.ordered("status", "resolved", "reason",
                        "no open incident for this alert group")));
    }

    /**
     * A new incident, tier 1's calls reserved in the hour's budget (429 past it, and nothing is opened), and for the
     * roster its first escalation step due after alert.escalate-after; left in variable {@code incident}. When the
     * same group (or message) was opened meanwhile, by another request or replica, this one is its duplicate
     * (200) and the variable is absent. (A bean step, not an expression: an expression's bean runs on a copy of the
     * exchange.)
     */
    public void open(Exchange exchange, AlertRequest alert) {
        exchange.removeVariable(Seam.INCIDENT);
        String id = "INC-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        long now = System.currentTimeMillis();
        Incidents.Incident incident = new Incidents.Incident(id, alert.message(), conference(exchange, id), now);
        synchronized (budget) {
            Incidents.Incident first = alert.group() ? null : existing(exchange, alert);
            if (first == null && budget.open(incident, alert.key(), alert.group(), alert.fingerprints(), alert.tiers(),
                    alert.escalates() ? now + escalateAfter(exchange) : null)) {
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

    /**
     * After tier 1 was called: 202 with the calls (naming the numbers Twilio refused, if any), or, when no call could
     * be placed, 502 so the sender retries: the incident is failed with the reason, and the timeline (variable
     * timeline) and the ops chat say that nobody could be called.
     */
    public void calling(Exchange exchange, Incidents.Incident incident, List<String> numbers) {
        List<Incidents.CallState> calls = incidents.calls(incident.id()).stream()
                .filter(c -> numbers.contains(c.number())).toList();
        List<String> refused = calls.stream().filter(c -> c.callSid() == null).map(Incidents.CallState::number).toList();
        LOG.info("Alert {}: {} call(s) placed, {} failed", incident.id(), calls.size() - refused.size(),
                refused.size());
        if (!calls.isEmpty() && refused.size() < calls.size()) {
            Map<String, Object> body = views.view(incident, "calling");
            if (!refused.isEmpty()) {
                body.put("refused", refused);
            }
            reply(exchange, 202, body);
            return;
        }
        String reason = calls.stream().map(Incidents.CallState::error).filter(e -> e != null).distinct()
                .collect(Collectors.joining("; "));
        reason = reason.isEmpty() ? "no call was placed" : reason;
        incidents.fail(incident.id(), reason, System.currentTimeMillis());
        LOG.warn("Alert {}: nobody could be called ({}); answered 502 so the sender retries", incident.id(), reason);
        AlertTimeline.failed(exchange, incident, reason);
        OpsNotices.report(exchange.getContext(), OpsValues.alertFailed(incident.id(),
                "nobody could be called: " + reason, incident.message()));
        Map<String, Object> body = views.view(incidents.find(incident.id()).orElse(incident), "failed");
        body.put("reason", "nobody could be called: " + reason);
        reply(exchange, 502, body);
    }

    static long escalateAfter(Exchange exchange) {
        return Settings.duration(exchange.getContext().getPropertiesComponent(), "alert.escalate-after", "3m")
                .toMillis();
    }

    static String conference(Exchange exchange, String id) {
        return setting(exchange, "alert.conference-name", "AlertRoom") + "-" + id;
    }

    /** The roster's tiers (alert.tiers.1, .2, ..., else alert.numbers as one), or the alert's own numbers. */
    private static List<List<String>> tiers(Exchange exchange, String tels) {
        if (tels != null && !tels.isBlank()) {
            return List.of(checked(exchange, split(plusRestored(tels))));
        }
        List<List<String>> tiers = roster(exchange);
        if (tiers.isEmpty()) {
            throw new RejectedRequest(400, "no numbers to call: pass tels or set alert.tiers.1 (or alert.numbers)");
        }
        return tiers.stream().map(tier -> checked(exchange, tier)).toList();
    }

    /** The on-call roster in tiers: alert.tiers.1, alert.tiers.2 ... in order, or alert.numbers as one tier. */
    static List<List<String>> roster(Exchange exchange) {
        List<List<String>> tiers = new ArrayList<>();
        for (int tier = 1; !split(setting(exchange, "alert.tiers." + tier, "")).isEmpty(); tier++) {
            tiers.add(split(setting(exchange, "alert.tiers." + tier, "")));
        }
        if (tiers.isEmpty() && !split(setting(exchange, "alert.numbers", "")).isEmpty()) {
            tiers.add(split(setting(exchange, "alert.numbers", "")));
        }
        return tiers;
    }

    /** Whether a number may be called: alert.allowed-numbers, by default everyone on the roster. */
    static boolean allowed(Exchange exchange, String number) {
        String roster = roster(exchange).stream().flatMap(List::stream).collect(Collectors.joining(","));
        return split(setting(exchange, "alert.allowed-numbers", roster)).contains(number);
    }

    private static List<String> checked(Exchange exchange, List<String> numbers) {
        for (String number : numbers) {
            if (!E164.matcher(number).matches()) {
                throw new RejectedRequest(400, "not an E.164 phone number: " + Quoted.of(number)
                        + " (in a URL, send + as %2B)");
            }
            if (!allowed(exchange, number)) {
                throw new RejectedRequest(400, "number not allowed: " + Quoted.of(number)
                        + " (see alert.allowed-numbers)");
            }
        }
        int max = Integer.parseInt(setting(exchange, "alert.max-numbers", "10"));
        if (numbers.size() > max) {
            throw new RejectedRequest(400, "at most " + max + " numbers per alert, got " + numbers.size());
        }
        return numbers.stream().distinct().toList();
    }

    /** A parameter from the form body, else from the query. */
    static String param(Message in, String name) {
        if (in.getBody() instanceof Map<?, ?> form && form.get(name) != null) {
            return String.valueOf(form.get(name));
        }
        return in.getHeader(name, String.class);
    }

    /**
     * An unencoded + in a query string arrives as a space ("tels=+8190..." reads " 8190..."): a number that is a
     * space and digits only can have been nothing else, so its + is put back. Anything else stays as sent.
     */
    static String plusRestored(String tels) {
        return Arrays.stream(tels.split(",", -1))
                .map(t -> t.matches(" \\d{2,15}") ? "+" + t.substring(1) : t)
                .collect(Collectors.joining(","));
    }

    static String publicUrl(Exchange exchange) {
        return setting(exchange, "alert.public-base-url", "").replaceAll("/+$", "");
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String setting(Exchange exchange, String key, String fallback) {
        return Settings.get(exchange.getContext().getPropertiesComponent(), key, fallback);
    }
}

package dev.shirase.alert;

import dev.shirase.admin.AuditTrail;
import dev.shirase.admin.DeliveriesAdmin;
import dev.shirase.admin.AdminAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.shirase.Settings;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The steps of an alert (routes/alert-call.camel.yaml, route alert) that need code: reading the accepted forms,
 * recognising a repeat, opening the incident within the hour's budget, and the answers. Incident state is in the
 * store ({@link Incidents}).
 */
public class AlertIntake {

    /**
     * What an alert asks for: its message, the key that recognises a repeat (a monitoring alert's group, or the
     * message), whether it resolves its group, and whom to call: the tiers of the roster (escalating), or the numbers
     * the alert named (one tier, no escalation).
     */
    public record AlertRequest(String message, String key, boolean group, boolean resolved, List<List<String>> tiers,
            boolean escalates) {

        /** Tier 1: who is called first. */
        public List<String> numbers() {
            return tiers.isEmpty() ? List.of() : tiers.get(0);
        }
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Incidents incidents;
    private final CallBudget budget;

    public AlertIntake(Incidents incidents, CallBudget budget) {
        this.incidents = incidents;
        this.budget = budget;
    }

    /**
     * Our form (message, tels in the query or a form body), or a POSTed JSON notification of Alertmanager or
     * Grafana, whose alert group is the incident. 400 with the reason for anything else.
     */
    public AlertRequest read(Exchange exchange) {
        Message in = exchange.getMessage();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            MonitoringAlert alert = MonitoringAlert.parse(in.getBody(byte[].class));
            String tels = param(in, "tels");
            return new AlertRequest(alert.message(), sha256("group:" + alert.groupKey()), true, alert.resolved(),
                    alert.resolved() ? List.of() : tiers(exchange, tels), tels == null || tels.isBlank());
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
                tels == null || tels.isBlank());
    }

    /**
     * The incident this alert repeats, or null: the open incident of a monitoring alert's group, or the same message
     * within alert.dedupe-window.
     */
    public Incidents.Incident existing(Exchange exchange, AlertRequest alert) {
        if (alert.group()) {
            return incidents.open(alert.key()).orElse(null);
        }
        long window = Settings.duration(exchange.getContext().getPropertiesComponent(), "alert.dedupe-window", "5m")
                .toMillis();
        return incidents.recent(alert.key(), System.currentTimeMillis() - window).orElse(null);
    }

    /**
     * A "resolved" notification: its group's open incident is resolved (its live calls are left in property
     * {@value #HANG_UP} to be hung up); nobody is called.
     */
    public void resolve(Exchange exchange, AlertRequest alert) {
        var open = incidents.open(alert.key());
        open.ifPresent(incident -> resolved(exchange, incident, "monitoring"));
        reply(exchange, 200, open.flatMap(incident -> incidents.find(incident.id()))
                .map(resolved -> view(resolved, "resolved"))
                .orElse(Map.of("status", "resolved", "reason", "no open incident for this alert group")));
    }

    /** Exchange property: the SIDs of the calls to hang up (an incident was resolved). */
    public static final String HANG_UP = "alertHangUp";

    /** POST /alert/{incident}/ack (operator): escalation stops; whoever presses 1 still joins. */
    public void acknowledge(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        String by = exchange.getProperty(AdminAccess.WHO, "operator", String.class);
        if (incidents.acknowledge(incident.id(), by, System.currentTimeMillis())) {
            AlertTimeline.acknowledged(exchange, incident, by);
        }
        audit(exchange, "alert-ack", incident.id());
        reply(exchange, 200, view(incidents.find(incident.id()).orElseThrow(), "acknowledged"));
    }

    /** POST /alert/{incident}/resolve (operator): the incident ends, calls still ringing or talking are hung up. */
    public void resolveByOperator(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        resolved(exchange, incident, exchange.getProperty(AdminAccess.WHO, "operator",
                String.class));
        audit(exchange, "alert-resolve", incident.id());
        reply(exchange, 200, view(incidents.find(incident.id()).orElseThrow(), "resolved"));
    }

    private void resolved(Exchange exchange, Incidents.Incident incident, String by) {
        if (incidents.resolve(incident.id(), System.currentTimeMillis())) {
            AlertTimeline.resolved(exchange, incident, by);
            exchange.setProperty(HANG_UP, incidents.liveCalls(incident.id()).stream()
                    .map(Incidents.CallState::callSid).toList());
        }
    }

    private Incidents.Incident incident(Exchange exchange) {
        String id = exchange.getMessage().getHeader("incident", String.class);
        return incidents.find(id).orElseThrow(() -> new RejectedRequest(404, "no incident " + id));
    }

    private static void audit(Exchange exchange, String action, String incident) {
        exchange.setProperty(AuditTrail.ACTION, action);
        exchange.setProperty(AuditTrail.DETAIL, incident);
        exchange.setProperty(AuditTrail.COUNT, 1);
    }

    /** A repeat: 200 with the incident it repeats. */
    public void duplicate(Exchange exchange, Incidents.Incident existing) {
        reply(exchange, 200, view(existing, "duplicate"));
    }

    /**
     * A new incident, tier 1's calls reserved in the hour's budget (429 past it, and nothing is opened), and for the
     * roster its first escalation step due after alert.escalate-after; left in variable {@code incident}. (A bean
     * step, not an expression: an expression's bean runs on a copy of the exchange.)
     */
    public void open(Exchange exchange, AlertRequest alert) {
        String id = "INC-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        long now = System.currentTimeMillis();
        Incidents.Incident incident = new Incidents.Incident(id, alert.message(), conference(exchange, id), now);
        budget.open(incident, alert.key(), alert.tiers(), alert.escalates()
                ? now + Settings.duration(exchange.getContext().getPropertiesComponent(), "alert.escalate-after", "3m")
                        .toMillis()
                : null);
        AlertTimeline.opened(exchange, incident, alert.numbers());
        exchange.setVariable("incident", incident);
    }

    /** 202 with who is being called. */
    public void calling(Exchange exchange, Incidents.Incident incident) {
        reply(exchange, 202, view(incident, "calling"));
    }

    /** GET /alert/{incident}: who was called, who answered, who joined. */
    public void show(Exchange exchange) {
        String id = exchange.getMessage().getHeader("incident", String.class);
        Incidents.Incident incident = incidents.find(id)
                .orElseThrow(() -> new RejectedRequest(404, "no incident " + id));
        reply(exchange, 200, view(incident, null));
    }

    /**
     * GET /admin/incidents?size=20 (read-only token): the newest incidents, each with its state (escalating,
     * acknowledged, resolved, unanswered) and calls.
     */
    public void list(Exchange exchange) {
        int limit = DeliveriesAdmin.number(exchange.getMessage(), "size", 1, 200, 20);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Incidents.Incident incident : incidents.newest(limit)) {
            Map<String, Object> view = view(incident, incident.resolvedAt() != null ? "resolved"
                    : incident.ackedAt() != null ? "acknowledged" : incident.unansweredAt() != null ? "unanswered"
                    : "escalating");
            view.put("message", incident.message());
            view.put("createdAt", Instant.ofEpochMilli(incident.createdAt()).toString());
            if (incident.ackedBy() != null) {
                view.put("acknowledgedBy", incident.ackedBy());
            }
            view.put("timeline", timeline(incident));
            listed.add(view);
        }
        reply(exchange, 200, Map.of("incidents", listed));
    }

    /** What happened to an incident, oldest first: opened, each call placed, acknowledged, unanswered, resolved. */
    private List<Map<String, Object>> timeline(Incidents.Incident incident) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(incident.createdAt(), "opened", null));
        for (Incidents.PlacedCall call : incidents.placedCalls(incident.id())) {
            events.add(event(call.placedAt(), "called", call.number()));
        }
        if (incident.ackedAt() != null) {
            events.add(event(incident.ackedAt(), "acknowledged", incident.ackedBy()));
        }
        if (incident.unansweredAt() != null) {
            events.add(event(incident.unansweredAt(), "unanswered", null));
        }
        if (incident.resolvedAt() != null) {
            events.add(event(incident.resolvedAt(), "resolved", null));
        }
        events.sort(Comparator.comparing(e -> (String) e.get("at")));
        return events;
    }

    private static Map<String, Object> event(long at, String what, String detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", Instant.ofEpochMilli(at).toString());
        event.put("event", what);
        if (detail != null) {
            event.put("detail", detail);
        }
        return event;
    }

    static String conference(Exchange exchange, String id) {
        return setting(exchange, "alert.conference-name", "AlertRoom") + "-" + id;
    }

    private Map<String, Object> view(Incidents.Incident incident, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident", incident.id());
        if (status != null) {
            body.put("status", status);
        }
        body.put("conference", incident.conference());
        if (incident.resolvedAt() != null) {
            body.put("resolvedAt", Instant.ofEpochMilli(incident.resolvedAt()).toString());
        }
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Incidents.CallState call : incidents.calls(incident.id())) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("number", call.number());
            if (call.callSid() != null) {
                c.put("callSid", call.callSid());
            }
            if (call.error() != null) {
                c.put("error", call.error());
            }
            c.put("status", call.status());
            c.put("attempts", call.attempts());
            c.put("answered", call.answered());
            c.put("joined", call.joined());
            calls.add(c);
        }
        body.put("calls", calls);
        return body;
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
                throw new RejectedRequest(400, "not an E.164 phone number: " + number + " (in a URL, send + as %2B)");
            }
            if (!allowed(exchange, number)) {
                throw new RejectedRequest(400, "number not allowed: " + number + " (see alert.allowed-numbers)");
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

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String sha256(String text) {
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

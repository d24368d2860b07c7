package dev.shirase.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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
     * message), whether it resolves its group, and whom to call.
     */
    public record AlertRequest(String message, String key, boolean group, boolean resolved, List<String> numbers) {
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
            return new AlertRequest(alert.message(), sha256("group:" + alert.groupKey()), true, alert.resolved(),
                    alert.resolved() ? List.of() : numbers(exchange, param(in, "tels")));
        }
        String message = param(in, "message");
        if (message == null || message.isBlank()) {
            throw new RejectedRequest(400, "message is required");
        }
        message = message.strip();
        if (message.length() > 500) {
            throw new RejectedRequest(400, "message is longer than 500 characters");
        }
        return new AlertRequest(message, sha256(message), false, false, numbers(exchange, param(in, "tels")));
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

    /** A "resolved" notification: its group's open incident is resolved; nobody is called. */
    public void resolve(Exchange exchange, AlertRequest alert) {
        var open = incidents.open(alert.key());
        open.ifPresent(incident -> incidents.resolve(incident.id(), System.currentTimeMillis()));
        reply(exchange, 200, open.flatMap(incident -> incidents.find(incident.id()))
                .map(resolved -> view(resolved, "resolved"))
                .orElse(Map.of("status", "resolved", "reason", "no open incident for this alert group")));
    }

    /** A repeat: 200 with the incident it repeats. */
    public void duplicate(Exchange exchange, Incidents.Incident existing) {
        reply(exchange, 200, view(existing, "duplicate"));
    }

    /** A new incident, its calls reserved in the hour's budget: 429 past it, and nothing is opened. */
    public Incidents.Incident open(Exchange exchange, AlertRequest alert) {
        String id = "INC-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        Incidents.Incident incident = new Incidents.Incident(id, alert.message(), conference(exchange, id),
                System.currentTimeMillis());
        budget.open(incident, alert.key(), alert.numbers());
        return incident;
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

    private static List<String> numbers(Exchange exchange, String tels) {
        List<String> roster = split(setting(exchange, "alert.numbers", ""));
        List<String> numbers = tels == null || tels.isBlank() ? roster : split(plusRestored(tels));
        if (numbers.isEmpty()) {
            throw new RejectedRequest(400, "no numbers to call: pass tels or set alert.numbers");
        }
        List<String> allowed = split(setting(exchange, "alert.allowed-numbers", String.join(",", roster)));
        for (String number : numbers) {
            if (!E164.matcher(number).matches()) {
                throw new RejectedRequest(400, "not an E.164 phone number: " + number + " (in a URL, send + as %2B)");
            }
            if (!allowed.contains(number)) {
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

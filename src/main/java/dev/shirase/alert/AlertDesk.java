package dev.shirase.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.twilio.security.RequestValidator;
import dev.shirase.Settings;
import dev.shirase.channel.Notice;
import dev.shirase.preview.Preview;
import dev.shirase.webhook.RejectedRequest;
import dev.shirase.admin.FailedTokenBrake;
import dev.shirase.webhook.BearerToken;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The alert call: an authenticated alert phones the on-call numbers through Twilio, reads the message, and
 * joins everyone who presses 1 into one conference per incident. Twilio's callbacks must carry a valid
 * X-Twilio-Signature for the public URL. Numbers that do not answer are called again a few times.
 */
public class AlertDesk {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDesk.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Set<String> REDIAL = Set.of("no-answer", "busy", "failed");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TWILIO_PARAMS = "alertTwilioParams";

    private final Incidents incidents;
    private final PropertiesComponent settings;
    private final ScheduledExecutorService redials = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shirase-alert-redial");
        t.setDaemon(true);
        return t;
    });
    private final CallBudget budget;
    private final FailedTokenBrake guesses = new FailedTokenBrake();
    private volatile TwilioCalls twilio;

    public AlertDesk(Incidents incidents, PropertiesComponent settings, CamelContext context) {
        this.incidents = incidents;
        this.settings = settings;
        this.budget = new CallBudget(incidents, Integer.parseInt(setting("alert.max-incidents-per-hour", "20")),
                Integer.parseInt(setting("alert.max-calls-per-hour", "100")), context);
    }

    /**
     * GET or POST /alert?message=...&tels=+81...,+81... with the alert token; or a POSTed JSON notification of
     * Alertmanager or Grafana, whose alert group is the incident: a repeat of an open group calls nobody, and its
     * "resolved" notification resolves the incident.
     */
    public void accept(Exchange exchange) throws java.io.IOException {
        boolean preview = Preview.active(exchange);
        if (!preview) {
            requireToken(exchange);
        }
        TwilioCalls calls = preview ? null : twilio();
        Message in = exchange.getMessage();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String message;
        String key;
        Optional<Incidents.Incident> existing;
        if (contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            MonitoringAlert alert = MonitoringAlert.parse(in.getBody(byte[].class));
            key = sha256("group:" + alert.groupKey());
            existing = preview ? Optional.empty() : incidents.open(key);
            if (alert.resolved()) {
                if (preview) {
                    reply(exchange, 200, Map.of("status", "resolved", "reason", "a resolved alert calls nobody"));
                    return;
                }
                existing.ifPresent(open -> incidents.resolve(open.id(), System.currentTimeMillis()));
                reply(exchange, 200, existing.flatMap(open -> incidents.find(open.id()))
                        .map(resolvedIncident -> view(resolvedIncident, "resolved"))
                        .orElse(Map.of("status", "resolved", "reason", "no open incident for this alert group")));
                return;
            }
            message = alert.message();
        } else {
            message = param(in, "message");
            if (message == null || message.isBlank()) {
                throw new RejectedRequest(400, "message is required");
            }
            message = message.strip();
            if (message.length() > 500) {
                throw new RejectedRequest(400, "message is longer than 500 characters");
            }
            key = sha256(message);
            long window = Settings.duration(settings, "alert.dedupe-window", "5m").toMillis();
            existing = incidents.recent(key, System.currentTimeMillis() - window);
        }
        List<String> numbers = numbers(param(in, "tels"));
        if (preview) {
            preview(exchange, message, numbers);
            return;
        }
        if (existing.isPresent()) {
            reply(exchange, 200, view(existing.get(), "duplicate"));
            return;
        }
        String id = "INC-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        Incidents.Incident incident = new Incidents.Incident(id, message,
                setting("alert.conference-name", "AlertRoom") + "-" + id, System.currentTimeMillis());
        budget.open(incident, key, numbers); // 429 past the hour's budget: nothing opened, nobody called
        for (String number : numbers) {
            place(calls, incident.id(), number, 1);
        }
        LOG.info("Alert {}: called {} number(s)", id, numbers.size());
        reply(exchange, 202, view(incident, "calling"));
    }

    /** What each callee would hear on answering, rendered by the speech route; nobody is called. */
    private void preview(Exchange exchange, String message, List<String> numbers) throws java.io.IOException {
        String id = "INC-preview";
        Incidents.Incident incident = new Incidents.Incident(id, message,
                setting("alert.conference-name", "AlertRoom") + "-" + id, System.currentTimeMillis());
        exchange.setVariable("alert", new AlertValues(message, id));
        try (ProducerTemplate speech = exchange.getContext().createProducerTemplate()) {
            speech.send("direct:alert-speech", exchange);
        }
        String twiml = Boolean.parseBoolean(setting("alert.require-keypress", "true"))
                ? AlertTwiml.announceAndAsk(speech(exchange), joinUrl(id))
                : AlertTwiml.announceAndJoin(speech(exchange), incident);
        for (String number : numbers) {
            Preview.of(exchange).message("twilio-call", number, twiml, message);
        }
        reply(exchange, 202, Map.of("status", "calling", "numbers", numbers));
    }

    /** GET /alert/{incident}: who was called, who answered, who joined. */
    public void show(Exchange exchange) {
        requireToken(exchange);
        String id = exchange.getMessage().getHeader("incident", String.class);
        Incidents.Incident incident = incidents.find(id)
                .orElseThrow(() -> new RejectedRequest(404, "no incident " + id));
        reply(exchange, 200, view(incident, null));
    }

    /**
     * Twilio fetches what to say when a callee answers (and again with Digits after the keypress): 403 unless
     * X-Twilio-Signature is valid for the public URL; the incident's values go to the speech templates.
     */
    public AlertValues spoken(Exchange exchange) {
        exchange.setProperty(TWILIO_PARAMS, verifiedTwilioParams(exchange, "/alert/join"));
        String id = exchange.getMessage().getHeader("incident", String.class);
        return (id == null ? Optional.<Incidents.Incident>empty() : incidents.find(id))
                .map(incident -> new AlertValues(incident.message(), incident.id())).orElse(null);
    }

    /** The TwiML answer, from the speech the route rendered (variables announcement, joinPrompt, goodbye). */
    @SuppressWarnings("unchecked")
    public void join(Exchange exchange) {
        Map<String, String> params = exchange.getProperty(TWILIO_PARAMS, Map.class);
        String id = exchange.getMessage().getHeader("incident", String.class);
        Optional<Incidents.Incident> incident = id == null ? Optional.empty() : incidents.find(id);
        AlertTwiml.Speech speech = speech(exchange);
        String callSid = params.getOrDefault("CallSid", "");
        String twiml;
        if (incident.isEmpty()) {
            twiml = AlertTwiml.hangup();
        } else if (!Boolean.parseBoolean(setting("alert.require-keypress", "true"))) {
            incidents.joined(id, callSid);
            twiml = AlertTwiml.announceAndJoin(speech, incident.get());
        } else if (params.get("Digits") == null) {
            incidents.answered(id, callSid);
            twiml = AlertTwiml.announceAndAsk(speech, joinUrl(id));
        } else if (params.get("Digits").equals("1")) {
            incidents.joined(id, callSid);
            twiml = AlertTwiml.join(incident.get());
        } else {
            twiml = AlertTwiml.goodbye(speech);
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8");
        out.setBody(twiml);
    }

    private AlertTwiml.Speech speech(Exchange exchange) {
        return new AlertTwiml.Speech(setting("alert.say-language", "ja-JP"), setting("alert.say-voice", "Polly.Mizuki"),
                spokenText(exchange, "announcement"), spokenText(exchange, "joinPrompt"), spokenText(exchange, "goodbye"));
    }

    private static String spokenText(Exchange exchange, String variable) {
        return Notice.textOf(exchange.getVariable(variable, String.class));
    }

    /** Twilio reports a call's progress; a number that did not answer is called again after a while. */
    public void status(Exchange exchange) {
        Map<String, String> params = verifiedTwilioParams(exchange, "/alert/status");
        String id = exchange.getMessage().getHeader("incident", String.class);
        String callSid = params.getOrDefault("CallSid", "");
        String status = params.getOrDefault("CallStatus", "");
        // only a call that has just ended this way may be redialled: a repeated callback changes nothing
        if (id != null && incidents.status(id, callSid, status)) {
            incidents.callBySid(id, callSid).ifPresent(call -> redialIfUnanswered(id, call, status));
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }

    /**
     * A call that ended without its callee joining is tried again: no answer, busy, failed, and also a call that
     * was answered (by voicemail, or someone who hung up without pressing 1) and completed without a join.
     */
    private void redialIfUnanswered(String id, Incidents.CallState call, String status) {
        int attempts = Integer.parseInt(setting("alert.redial-attempts", "2"));
        boolean notReached = REDIAL.contains(status) || ("completed".equals(status) && !call.joined());
        if (!notReached || call.attempts() > attempts) {
            return;
        }
        long delay = Settings.duration(settings, "alert.redial-delay", "60s").toMillis();
        LOG.info("Alert {}: {} ended {}; calling again in {} ms (attempt {})", id, call.number(), status, delay,
                call.attempts() + 1);
        redials.schedule(() -> {
            try {
                if (incidents.find(id).map(i -> i.resolvedAt() != null).orElse(true)) {
                    return; // resolved meanwhile: nobody is needed any more
                }
                if (!budget.redial(id, call.number())) {
                    return;
                }
                place(twilio(), id, call.number(), call.attempts() + 1);
            } catch (RuntimeException e) {
                LOG.error("Alert {}: redial of {} failed: {}", id, call.number(), e.getMessage());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void place(TwilioCalls calls, String id, String number, int attempt) {
        TwilioCalls.Placed placed = calls.call(number, joinUrl(id), publicUrl() + "/alert/status?incident=" + id);
        incidents.recordCall(id, number, attempt, placed.sid(), placed.error());
        if (placed.error() != null) {
            LOG.warn("Alert {}: call to {} not placed: {}", id, number, placed.error());
        }
    }

    private Map<String, Object> view(Incidents.Incident incident, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident", incident.id());
        if (status != null) {
            body.put("status", status);
        }
        body.put("conference", incident.conference());
        if (incident.resolvedAt() != null) {
            body.put("resolvedAt", java.time.Instant.ofEpochMilli(incident.resolvedAt()).toString());
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

    private List<String> numbers(String tels) {
        List<String> roster = split(setting("alert.numbers", ""));
        List<String> numbers = tels == null || tels.isBlank() ? roster : split(plusRestored(tels));
        if (numbers.isEmpty()) {
            throw new RejectedRequest(400, "no numbers to call: pass tels or set alert.numbers");
        }
        List<String> allowed = split(setting("alert.allowed-numbers", String.join(",", roster)));
        for (String number : numbers) {
            if (!E164.matcher(number).matches()) {
                throw new RejectedRequest(400, "not an E.164 phone number: " + number + " (in a URL, send + as %2B)");
            }
            if (!allowed.contains(number)) {
                throw new RejectedRequest(400, "number not allowed: " + number + " (see alert.allowed-numbers)");
            }
        }
        int max = Integer.parseInt(setting("alert.max-numbers", "10"));
        if (numbers.size() > max) {
            throw new RejectedRequest(400, "at most " + max + " numbers per alert, got " + numbers.size());
        }
        return numbers.stream().distinct().toList();
    }

    private void requireToken(Exchange exchange) {
        String token = setting("alert.token", "");
        if (token.isEmpty()) {
            throw new RejectedRequest(503, "alert call is not configured");
        }
        String address = FailedTokenBrake.addressOf(exchange);
        guesses.check(address, "alert");
        Message in = exchange.getMessage();
        String presented = BearerToken.of(in.getHeader("Authorization", String.class));
        if (presented == null && param(in, "token") != null) {
            // a token in the URL ends up in proxies' and servers' access logs: only where the seed's form is needed
            if (!Boolean.parseBoolean(setting("alert.allow-token-in-url", "false"))) {
                throw new RejectedRequest(401, "the alert token is accepted in the Authorization: Bearer header only"
                        + " (alert.allow-token-in-url=false)");
            }
            presented = param(in, "token");
        }
        if (presented == null || !MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            if (presented != null) {
                guesses.failed(address, System.currentTimeMillis()); // a wrong token, not a missing one, is a guess
            }
            throw new RejectedRequest(401, "missing or wrong alert token");
        }
    }

    /** The form parameters of a Twilio callback, once X-Twilio-Signature matched them and the public URL. */
    private Map<String, String> verifiedTwilioParams(Exchange exchange, String path) {
        if (setting("twilio.auth-token", "").isEmpty()) {
            throw new RejectedRequest(503, "not configured: set twilio.auth-token (Twilio's callbacks are checked"
                    + " with it)");
        }
        Message in = exchange.getMessage();
        Map<String, String> params = new LinkedHashMap<>();
        if (in.getBody() instanceof Map<?, ?> form) {
            form.forEach((k, v) -> params.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        String query = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        String url = publicUrl() + path + (query == null || query.isEmpty() ? "" : "?" + query);
        String signature = in.getHeader("X-Twilio-Signature", String.class);
        if (signature == null || !new RequestValidator(setting("twilio.auth-token", "")).validate(url, params, signature)) {
            throw new RejectedRequest(403, "X-Twilio-Signature does not match this request");
        }
        if (!params.containsKey("Digits") && in.getHeader("Digits") != null && !(in.getBody() instanceof Map)) {
            params.put("Digits", in.getHeader("Digits", String.class)); // a GET callback carries them in the query
        }
        return params;
    }

    private TwilioCalls twilio() {
        TwilioCalls calls = twilio;
        if (calls == null) {
            for (String key : List.of("twilio.account-sid", "twilio.auth-token", "twilio.from-number",
                    "alert.public-base-url")) {
                if (setting(key, "").isEmpty()) {
                    throw new RejectedRequest(503, "alert call is not configured: set " + key);
                }
            }
            calls = new TwilioCalls(setting("twilio.account-sid", ""), setting("twilio.auth-token", ""),
                    setting("twilio.from-number", ""), setting("twilio.api-base-url", "https://api.twilio.com"),
                    Integer.parseInt(setting("alert.twilio-429-retries", "3")), 1000);
            twilio = calls;
        }
        return calls;
    }

    private String joinUrl(String id) {
        return publicUrl() + "/alert/join?incident=" + id;
    }

    private String publicUrl() {
        return setting("alert.public-base-url", "").replaceAll("/+$", "");
    }

    private static String param(Message in, String name) {
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
        return java.util.Arrays.stream(tels.split(",", -1))
                .map(t -> t.matches(" \\d{2,15}") ? "+" + t.substring(1) : t)
                .collect(java.util.stream.Collectors.joining(","));
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

    private String setting(String key, String fallback) {
        return Settings.get(settings, key, fallback);
    }
}

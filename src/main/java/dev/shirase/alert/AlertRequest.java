package dev.shirase.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.shirase.channel.Notice;
import dev.shirase.webhook.Quoted;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What an alert asks for: its message, the key that recognises a repeat (a monitoring alert's group, or the
 * message), whether it resolves its group, and whom to call: the tiers of the roster (escalating), or the numbers
 * the alert named (one tier, no escalation). A monitoring notification also brings its firing alerts'
 * fingerprints, whether it carried the heartbeat alert, and the values its spoken message is made from
 * ({@code spoken}, rendered by templates/alert-call/&lt;language&gt;/alerts.mustache into {@code message}).
 */
public record AlertRequest(String message, String key, boolean group, boolean resolved, List<List<String>> tiers,
        boolean escalates, List<String> fingerprints, boolean heartbeat, AlertValues spoken) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    /** Tier 1: who is called first. */
    public List<String> numbers() {
        return tiers.isEmpty() ? List.of() : tiers.get(0);
    }

    /** Whether it calls anyone: our form always; a notification with an alert firing that may call. */
    public boolean firing() {
        return !resolved && (!group || !fingerprints.isEmpty());
    }

    /**
     * Our form (message, tels in the query or a form body), or a POSTed JSON notification of Alertmanager or
     * Grafana, whose alert group is the incident. 400 with the reason for anything else.
     */
    static AlertRequest read(Message in, AlertSettings settings) {
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            MonitoringAlert alert = MonitoringAlert.parse(in.getBody(byte[].class), settings.heartbeatAlertname(),
                    settings.neverCall());
            String tels = param(in, "tels");
            return new AlertRequest(null, sha256("group:" + alert.groupKey()), true, alert.resolved(),
                    alert.firing() ? tiers(settings, tels) : List.of(), tels == null || tels.isBlank(),
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
        return new AlertRequest(message, sha256(message), false, false, tiers(settings, tels),
                tels == null || tels.isBlank(), List.of(), false, null);
    }

    /** The same request with its spoken message, as a template worded it (cut to 500 characters). */
    AlertRequest worded(String rendered) {
        String text = Notice.textOf(rendered).strip();
        return new AlertRequest(text.length() > 500 ? text.substring(0, 499) + "…" : text, key, group, resolved,
                tiers, escalates, fingerprints, heartbeat, spoken);
    }

    /** The roster's tiers, or the alert's own numbers. */
    private static List<List<String>> tiers(AlertSettings settings, String tels) {
        if (tels != null && !tels.isBlank()) {
            return List.of(checked(settings, AlertSettings.split(plusRestored(tels))));
        }
        if (settings.roster().isEmpty()) {
            throw new RejectedRequest(400, "no numbers to call: pass tels or set alert.tiers.1 (or alert.numbers)");
        }
        return settings.roster().stream().map(tier -> checked(settings, tier)).toList();
    }

    private static List<String> checked(AlertSettings settings, List<String> numbers) {
        for (String number : numbers) {
            if (!E164.matcher(number).matches()) {
                throw new RejectedRequest(400, "not an E.164 phone number: " + Quoted.of(number)
                        + " (in a URL, send + as %2B)");
            }
            if (!settings.allowed(number)) {
                throw new RejectedRequest(400, "number not allowed: " + Quoted.of(number)
                        + " (see alert.allowed-numbers)");
            }
        }
        if (numbers.size() > settings.maxNumbers()) {
            throw new RejectedRequest(400, "at most " + settings.maxNumbers() + " numbers per alert, got "
                    + numbers.size());
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

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

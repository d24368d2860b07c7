package dev.shirase.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.shirase.settings.Settings;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The alert call's settings (alert.*, twilio.from-number), read and checked once at start: a value that does not
 * parse stops the start, as {@code bin/shirase check} says, instead of failing the first alert at 3 a.m.
 *
 * @param roster the on-call tiers: alert.tiers.1, .2 ... in order, or alert.numbers as one tier
 * @param allowedNumbers who may be called (alert.allowed-numbers; everyone on the roster by default)
 * @param missingTwilio the first Twilio setting that is missing (no call can be placed), or null
 */
public record AlertSettings(List<List<String>> roster, Set<String> allowedNumbers, int maxNumbers,
        Duration dedupeWindow, Duration escalateAfter, String conferenceName, String publicBaseUrl,
        boolean newAlertCalls, boolean requireKeypress, int maxCycles, int redialAttempts, Duration redialDelay,
        String sayLanguage, String sayVoice, String fromNumber, String heartbeatAlertname, Set<String> neverCall,
        Optional<Duration> heartbeatEvery, String missingTwilio, int maxIncidentsPerHour, int maxCallsPerHour,
        Duration incidentRetention) {

    public static AlertSettings from(PropertiesComponent p) {
        List<List<String>> roster = new ArrayList<>();
        for (int tier = 1; !split(Settings.get(p, "alert.tiers." + tier, "")).isEmpty(); tier++) {
            roster.add(split(Settings.get(p, "alert.tiers." + tier, "")));
        }
        if (roster.isEmpty() && !split(Settings.get(p, "alert.numbers", "")).isEmpty()) {
            roster.add(split(Settings.get(p, "alert.numbers", "")));
        }
        String everyone = roster.stream().flatMap(List::stream).collect(Collectors.joining(","));
        String missingTwilio = List.of("twilio.account-sid", "twilio.auth-token", "twilio.from-number",
                "alert.public-base-url").stream().filter(key -> Settings.get(p, key, "").isEmpty()).findFirst()
                .orElse(null);
        String every = Settings.get(p, "alert.heartbeat.every", "");
        return new AlertSettings(List.copyOf(roster), Set.copyOf(split(Settings.get(p, "alert.allowed-numbers",
                everyone))), number(p, "alert.max-numbers", "10"),
                Settings.duration(p, "alert.dedupe-window", "5m"), Settings.duration(p, "alert.escalate-after", "3m"),
                Settings.get(p, "alert.conference-name", "AlertRoom"),
                Settings.get(p, "alert.public-base-url", "").replaceAll("/+$", ""),
                Boolean.parseBoolean(Settings.get(p, "alert.new-alert-calls", "true")),
                Boolean.parseBoolean(Settings.get(p, "alert.require-keypress", "true")),
                number(p, "alert.max-cycles", "2"), number(p, "alert.redial-attempts", "2"),
                Settings.duration(p, "alert.redial-delay", "60s"), Settings.get(p, "alert.say-language", "ja-JP"),
                Settings.get(p, "alert.say-voice", "Polly.Mizuki"), Settings.get(p, "twilio.from-number", ""),
                Settings.get(p, "alert.heartbeat.alertname", "Watchdog"),
                Set.copyOf(split(Settings.get(p, "alert.never-call-alertnames", "Watchdog,InfoInhibitor"))),
                every.isEmpty() ? Optional.empty() : Optional.of(Settings.duration(p, "alert.heartbeat.every", "")),
                missingTwilio, number(p, "alert.max-incidents-per-hour", "20"),
                number(p, "alert.max-calls-per-hour", "100"), Settings.duration(p, "alert.incident-retention", "90d"));
    }

    /** Whether a number may be called. */
    public boolean allowed(String number) {
        return allowedNumbers.contains(number);
    }

    /** The conference room of an incident. */
    public String conference(String incident) {
        return conferenceName + "-" + incident;
    }

    /** Where Twilio asks what to say when a callee answers. */
    public String joinUrl(String incident) {
        return publicBaseUrl + "/alert/join?incident=" + incident;
    }

    /** Where Twilio reports a call's progress. */
    public String statusUrl(String incident) {
        return publicBaseUrl + "/alert/status?incident=" + incident;
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int number(PropertiesComponent p, String key, String fallback) {
        String value = Settings.get(p, key, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is " + value + ", not a whole number");
        }
    }
}

package dev.shirase.check;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.shirase.delivery.RetrySchedule;
import dev.shirase.settings.Durations;
import dev.shirase.settings.Schedules;
import org.quartz.CronExpression;

/**
 * Each value of application.properties (the environment's override where there is one) against what its key takes:
 * cron expressions, sizes in bytes, a chat that exists, the store's URL, http(s) URLs (never printed: a webhook URL
 * carries its token), durations, the retry schedule, a language whose templates exist, E.164 numbers.
 */
final class ValueCheck {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    /** The language settings and the template folder of the flow each names (templates/&lt;flow&gt;/&lt;language&gt;/). */
    private static final Map<String, String> LANGUAGE_FOLDERS = Map.of("clockify.language", "clockify-discord",
            "kpi.language", "kpi-progress", "issue-index.language", "issue-index", "uipath.language", "uipath-jobs",
            "alert.language", "alert-call", "shirase.ops.language", "ops");
    private static final Set<String> SHIPPED_DURATIONS = Keys.durations();

    private final Path dir;
    private final Function<String, String> settings;
    private final List<String> chats;
    private final List<String> problems;

    ValueCheck(Path dir, Function<String, String> settings, List<String> chats, List<String> problems) {
        this.dir = dir;
        this.settings = settings;
        this.chats = chats;
        this.problems = problems;
    }

    private String value(String key) {
        return settings.apply(key);
    }

    void check(Set<String> keys) {
        for (String key : new TreeSet<>(keys)) {
            String value = value(key);
            if (value.isEmpty() || value.contains("{{")) {
                continue;
            }
            if (key.endsWith(".schedule") && Schedules.isRate(value)) {
                try {
                    Schedules.cron(key, value);
                } catch (IllegalArgumentException e) {
                    problems.add("application.properties: " + e.getMessage());
                }
            } else if (key.endsWith(".schedule") && !CronExpression.isValidExpression(value)) {
                problems.add("application.properties: " + key + " is not a Quartz cron expression (second minute hour"
                        + " day-of-month month day-of-week): " + value);
            }
            if (key.endsWith("-bytes") && !value.matches("\\d+")) {
                problems.add("application.properties: " + key + " is " + value + ", not a whole number of bytes"
                        + " (2097152 for 2 MiB)");
            }
            if ((key.equals("alert.timeline.channel") || key.equals("shirase.ops.channel"))
                    && !chats.contains(value)) {
                problems.add("application.properties: " + key + " is " + value + ", not one of " + chats);
            }
            if (key.equals("shirase.store.url")) {
                if (!value.startsWith("jdbc:sqlite:") && !value.startsWith("jdbc:postgresql:")) {
                    problems.add("application.properties: shirase.store.url is neither jdbc:sqlite: nor"
                            + " jdbc:postgresql: (the URL may hold a password, so it is not printed)");
                }
            } else if ((key.endsWith("-url") || key.endsWith(".url")) && !key.endsWith("allow-token-in-url")
                    && !httpUrl(value)) {
                // the value is not printed: a webhook URL carries its token
                problems.add("application.properties: " + key + " is not an http(s) URL (https://host/...)");
            }
            if (SHIPPED_DURATIONS.contains(key) || key.endsWith(".every")) {
                try {
                    Durations.parse(key, value);
                } catch (IllegalArgumentException e) {
                    problems.add("application.properties: " + e.getMessage());
                }
            }
            if (key.equals("shirase.delivery.retry-schedule") || key.equals("shirase.delivery.give-up-after")) {
                try {
                    RetrySchedule.parse(value("shirase.delivery.retry-schedule"),
                            value("shirase.delivery.give-up-after"));
                } catch (RuntimeException e) {
                    String problem = "application.properties: " + e.getMessage();
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
            String flow = LANGUAGE_FOLDERS.get(key);
            if (flow != null && !Files.isDirectory(dir.resolve("templates").resolve(flow).resolve(value))) {
                problems.add("application.properties: " + key + " is " + value + ", but there is no templates/" + flow
                        + "/" + value + "/ (the wording in that language)");
            }
            if (key.equals("alert.numbers") || key.equals("alert.allowed-numbers") || key.startsWith("alert.tiers.")
                    || key.equals("twilio.from-number")) {
                for (String number : value.split(",")) {
                    if (!number.isBlank() && !E164.matcher(number.trim()).matches()) {
                        problems.add("application.properties: " + key + " has " + number.trim()
                                + ", not an E.164 number (+ and the country code, e.g. +819012345678)");
                    }
                }
            }
        }
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}

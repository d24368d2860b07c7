package dev.shirase.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the human durations used in settings: 500ms, 5s, 2m, 1h, 7d. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String setting, String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + " must be a duration like 500ms, 5s, 2m, 1h or 7d, not '"
                    + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** A duration as people write it: 12 s, 3 min, 1 h 30 min, 2 d; 500 ms below a second. */
    public static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return duration.toMillis() + " ms";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder words = new StringBuilder();
        append(words, days, "d");
        append(words, hours, "h");
        append(words, minutes, "min");
        append(words, rest, "s");
        return words.toString();
    }

    private static void append(StringBuilder words, long n, String unit) {
        if (n > 0) {
            words.append(words.isEmpty() ? "" : " ").append(n).append(' ').append(unit);
        }
    }
}

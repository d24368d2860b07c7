package dev.shirase.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule as a setting writes it: a Quartz cron expression, or rate(N minutes), rate(N hours), rate(N days) as
 * the UiPath seed's config writes it (an AWS schedule expression). A rate becomes the cron that fires at every
 * multiple of N from the start of the hour (or day, or month): rate(10 minutes) is 0 0/10 * * * ?.
 */
public final class Schedules {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private Schedules() {
    }

    /** The cron expression for a setting's schedule; a cron is returned as it is. */
    public static String cron(String key, String schedule) {
        Matcher rate = RATE.matcher(schedule.strip().toLowerCase(Locale.ROOT));
        if (!rate.matches()) {
            if (isRate(schedule)) {
                throw new IllegalArgumentException(key + " is " + schedule + ", not a rate like rate(10 minutes),"
                        + " rate(1 hour) or rate(1 day)");
            }
            return schedule.strip();
        }
        int n = Integer.parseInt(rate.group(1));
        String unit = rate.group(2);
        int most = unit.startsWith("minute") ? 59 : unit.startsWith("hour") ? 23 : 31;
        if (n < 1 || n > most) {
            throw new IllegalArgumentException(key + " is " + schedule + ": a rate of 1 to " + most + " " + unit);
        }
        return switch (unit.charAt(0)) {
            case 'm' -> "0 0/" + n + " * * * ?";
            case 'h' -> "0 0 0/" + n + " * * ?";
            default -> "0 0 0 1/" + n + " * ?";
        };
    }

    /** Whether the text is a rate(...) expression (valid or not). */
    public static boolean isRate(String schedule) {
        return schedule.strip().toLowerCase(Locale.ROOT).startsWith("rate(");
    }
}

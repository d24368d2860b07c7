package dev.shirase.clockify;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The values of a Clockify timer event, for the message template (templates/clockify-discord/). */
public class ClockifyMessage {

    public ClockifyValues values(ClockifyTimeEntry entry) {
        boolean running = Boolean.TRUE.equals(entry.currentlyRunning());
        Duration tracked = running ? null : tracked(entry.timeInterval());
        ClockifyTimeEntry.Project project = entry.project();
        return new ClockifyValues(entry.user().name().trim(), subject(entry), running, !running,
                tracked == null ? null : parts(tracked), entry.task() == null ? null : present(entry.task().name()),
                project == null ? null : present(project.clientName()), project == null ? null : present(project.name()),
                present(entry.description()));
    }

    /** The text trimmed, or null when there is none (a template's section then leaves it out). */
    private static String present(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** "client - project description", leaving out what is missing, so no stray " - " or double space. */
    static String subject(ClockifyTimeEntry entry) {
        ClockifyTimeEntry.Project project = entry.project();
        String where = project == null ? "" : joinNonBlank(" - ", project.clientName(), project.name());
        return joinNonBlank(" ", where, entry.description());
    }

    private static String joinNonBlank(String separator, String... parts) {
        return Stream.of(parts)
                .filter(p -> p != null && !p.isBlank())
                .map(String::trim)
                .collect(Collectors.joining(separator));
    }

    /** The entry's ISO-8601 duration, else end minus start; null when neither is usable. */
    static Duration tracked(ClockifyTimeEntry.TimeInterval interval) {
        if (interval == null) {
            return null;
        }
        try {
            if (interval.duration() != null) {
                return nonNegative(Duration.parse(interval.duration()));
            }
            if (interval.start() != null && interval.end() != null) {
                return nonNegative(Duration.between(Instant.parse(interval.start()), Instant.parse(interval.end())));
            }
        } catch (RuntimeException unreadable) {
            return null;
        }
        return null;
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? null : duration;
    }

    static ClockifyValues.Tracked parts(Duration tracked) {
        long hours = tracked.toHours();
        long minutes = tracked.toMinutesPart();
        return new ClockifyValues.Tracked(hours > 0 ? String.valueOf(hours) : null,
                minutes > 0 ? String.valueOf(minutes) : null,
                hours == 0 && minutes == 0 ? String.valueOf(tracked.toSecondsPart()) : null);
    }
}

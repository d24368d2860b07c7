package dev.shirase.clockify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.shirase.Wording;

/** Turns a Clockify timer event into the sentence posted to chat. */
public class ClockifyMessage {

    public String format(ClockifyTimeEntry entry, String language) {
        Wording wording = Wording.of(language);
        Map<String, Object> values = new HashMap<>();
        values.put("user", entry.user().name().trim());
        String subject = subject(entry);
        values.put("subject", subject);

        StringBuilder key = new StringBuilder(Boolean.TRUE.equals(entry.currentlyRunning())
                ? "clockify.started" : "clockify.stopped");
        if (subject.isEmpty()) {
            key.append(".no-subject");
        }
        if (!Boolean.TRUE.equals(entry.currentlyRunning())) {
            Duration tracked = tracked(entry.timeInterval());
            if (tracked == null) {
                key.append(".no-duration");
            } else {
                values.put("duration", duration(tracked, wording));
            }
        }
        return wording.format(key.toString(), values);
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

    static String duration(Duration tracked, Wording wording) {
        long hours = tracked.toHours();
        long minutes = tracked.toMinutesPart();
        Map<String, Object> parts = Map.of("hours", hours, "minutes", minutes, "seconds", tracked.toSecondsPart());
        if (hours > 0 && minutes > 0) {
            return wording.format("clockify.duration.hours-minutes", parts);
        }
        if (hours > 0) {
            return wording.format("clockify.duration.hours", parts);
        }
        if (minutes > 0) {
            return wording.format("clockify.duration.minutes", parts);
        }
        return wording.format("clockify.duration.seconds", parts);
    }
}

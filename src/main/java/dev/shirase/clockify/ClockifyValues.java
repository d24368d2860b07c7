package dev.shirase.clockify;

/**
 * What the Clockify templates (templates/clockify-discord/) may use.
 *
 * @param user     who started or stopped the timer
 * @param subject  "client - project description", leaving out what is missing; empty when all of it is
 * @param started  true for a timer that started
 * @param stopped  true for a timer that stopped
 * @param duration the time tracked, for a stopped timer whose time is known; otherwise absent
 * @param task the task's name (task.name), absent when the entry has none
 * @param client the project's client, absent when none
 * @param project the project's name, absent when none
 * @param description the entry's description, absent when empty
 */
public record ClockifyValues(String user, String subject, boolean started, boolean stopped, Tracked duration,
        String task, String client, String project, String description) {

    /** Without the separate parts (task, client, project, description). */
    public ClockifyValues(String user, String subject, boolean started, boolean stopped, Tracked duration) {
        this(user, subject, started, stopped, duration, null, null, null, null);
    }

    /**
     * A duration in parts, each absent when zero: hours and minutes; seconds only when both of those are absent
     * (so "0" seconds for a timer stopped at once).
     */
    public record Tracked(String hours, String minutes, String seconds) {
    }
}

package dev.shirase.clockify;

/**
 * What the Clockify templates (templates/clockify-discord/) may use.
 *
 * @param user     who started or stopped the timer
 * @param subject  "client - project description", leaving out what is missing; empty when all of it is
 * @param started  true for a timer that started
 * @param stopped  true for a timer that stopped
 * @param duration the time tracked, for a stopped timer whose time is known; otherwise absent
 */
public record ClockifyValues(String user, String subject, boolean started, boolean stopped, Tracked duration) {

    /**
     * A duration in parts, each absent when zero: hours and minutes; seconds only when both of those are absent
     * (so "0" seconds for a timer stopped at once).
     */
    public record Tracked(String hours, String minutes, String seconds) {
    }
}

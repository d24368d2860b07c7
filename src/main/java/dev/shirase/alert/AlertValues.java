package dev.shirase.alert;

/**
 * What the alert call templates (templates/alert-call/) may use: the speech (announcement, join-prompt, goodbye)
 * uses {@code message} and {@code incident}; the timeline posted to chat (timeline) also one flag per event.
 *
 * @param message      the alert's message, as the alert gave it
 * @param incident     the incident's id
 * @param opened       the incident opened; tier 1 is being called
 * @param escalated    nobody pressed 1 in time; {@code tier} is being called (in {@code cycle})
 * @param joined       {@code by} pressed 1 and joined the conference
 * @param acknowledged {@code by} acknowledged it (the first to press 1, or an operator): escalation stops
 * @param resolved     it was resolved ({@code by} an operator or the monitoring tool), after {@code duration}
 * @param unanswered   every tier was called {@code cycle} times and nobody pressed 1, after {@code duration}
 * @param tier         the tier called
 * @param cycle        which round of the tiers
 * @param numbers      the numbers called, comma-separated
 * @param by           who: a number, an operator's token name, or "monitoring"
 * @param at           when, in alert.time-zone (HH:mm:ss)
 * @param duration     how long since it opened (e.g. 12m 5s)
 */
public record AlertValues(String message, String incident, boolean opened, boolean escalated, boolean joined,
        boolean acknowledged, boolean resolved, boolean unanswered, String tier, String cycle, String numbers,
        String by, String at, String duration) {

    /** The values of the speech: the message and the incident. */
    public static AlertValues speech(String message, String incident) {
        return new AlertValues(message, incident, false, false, false, false, false, false, null, null, null, null,
                null, null);
    }
}

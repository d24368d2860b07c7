package dev.shirase.alert;

import java.util.List;

/**
 * What the alert call templates (templates/alert-call/) may use: the speech (announcement, join-prompt, goodbye)
 * uses {@code message} and {@code incident}; alerts (the spoken message of a monitoring notification) uses
 * {@code alerts} and {@code more}; heartbeat-silent (the message when monitoring went quiet) uses {@code since};
 * the timeline posted to chat (timeline) one flag per event.
 *
 * @param message      the alert's message, as the alert gave it
 * @param incident     the incident's id
 * @param opened       the incident opened; tier 1 is being called
 * @param escalated    nobody pressed 1 in time; {@code tier} is being called (in {@code cycle})
 * @param joined       {@code by} pressed 1 and joined the conference
 * @param acknowledged {@code by} acknowledged it (the first to press 1, or an operator): escalation stops
 * @param resolved     it was resolved ({@code by} an operator, the monitoring tool or the heartbeat), after
 *                     {@code duration}
 * @param unanswered   every tier was called {@code cycle} times and nobody pressed 1, after {@code duration}
 * @param failed       nobody could be called ({@code reason}): the sender was answered 502 and may retry
 * @param added        new alerts ({@code message}) joined the open incident; {@code numbers} are called again
 *                     when set
 * @param callFailed   a later call (escalation, redial) to {@code numbers} could not be placed: {@code reason}
 * @param tier         the tier called
 * @param cycle        which round of the tiers
 * @param numbers      the numbers called, comma-separated
 * @param by           who: a number, an operator's token name, "monitoring" or "heartbeat"
 * @param at           when, in alert.time-zone (HH:mm:ss)
 * @param duration     how long since it opened (e.g. 12m 5s)
 * @param reason       why it failed, in words (Twilio error 20003: Authenticate; Twilio unreachable...)
 * @param alerts       a monitoring notification's firing alerts, identical ones collapsed: each with {@code name},
 *                     {@code detail} (its summary or description), {@code count} and {@code several} (count > 1)
 * @param more         how many firing alerts are not in {@code alerts}; absent when none
 * @param since        when the last heartbeat came, in alert.time-zone (HH:mm)
 */
public record AlertValues(String message, String incident, boolean opened, boolean escalated, boolean joined,
        boolean acknowledged, boolean resolved, boolean unanswered, boolean failed, boolean added,
        boolean callFailed, String tier, String cycle, String numbers, String by, String at, String duration,
        String reason, List<Line> alerts, String more, String since) {

    /** One spoken line of a monitoring notification: {@code count} firing alerts with this name and detail. */
    public record Line(String name, String detail, int count, boolean several) {
        static Line of(String name, String detail, int count) {
            return new Line(name, detail, count, count > 1);
        }
    }

    /** The values of the speech: the message and the incident. */
    public static AlertValues speech(String message, String incident) {
        return new AlertValues(message, incident, false, false, false, false, false, false, false, false, false, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** The values the spoken message of a monitoring notification is made from. */
    static AlertValues alerts(List<Line> alerts, int more) {
        return new AlertValues(null, null, false, false, false, false, false, false, false, false, false, null, null,
                null, null, null, null, null, alerts, more > 0 ? String.valueOf(more) : null, null);
    }

    /** The values of the message when monitoring went quiet. */
    static AlertValues silentSince(String since) {
        return new AlertValues(null, null, false, false, false, false, false, false, false, false, false, null, null,
                null, null, null, null, null, null, null, since);
    }
}

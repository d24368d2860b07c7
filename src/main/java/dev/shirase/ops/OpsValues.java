package dev.shirase.ops;

/**
 * What the ops notice templates (templates/ops/) may use.
 *
 * @param dead    a message went dead: {@code subject} (channel and id), {@code reason}, {@code text}, {@code id}
 * @param skipped a scheduled run posted nothing: {@code subject} (the route), {@code reason}
 * @param flow    a flow is not started although some of its settings are set: {@code subject}, {@code reason}
 * @param alert   an alert call could not ring: {@code subject} (the incident), {@code reason}, {@code text} (the
 *                alert's message)
 * @param subject what it is about
 * @param reason  why
 * @param text    the dead message's text, or the alert's message
 * @param id      the dead message's id (for its replay)
 */
public record OpsValues(boolean dead, boolean skipped, boolean flow, boolean alert, String subject, String reason,
        String text, String id) {

    public static OpsValues dead(String subject, String reason, String text, String id) {
        return new OpsValues(true, false, false, false, subject, reason, text, id);
    }

    public static OpsValues skipped(String subject, String reason) {
        return new OpsValues(false, true, false, false, subject, reason, null, null);
    }

    public static OpsValues flow(String subject, String reason) {
        return new OpsValues(false, false, true, false, subject, reason, null, null);
    }

    /** An alert call could not ring (nobody of the first step, or a later call). */
    public static OpsValues alertFailed(String incident, String reason, String message) {
        return new OpsValues(false, false, false, true, incident, reason, message, null);
    }

    /** What kind of notice it is: dead, skipped, flow or alert. */
    public String kind() {
        return dead ? "dead" : skipped ? "skipped" : alert ? "alert" : "flow";
    }
}

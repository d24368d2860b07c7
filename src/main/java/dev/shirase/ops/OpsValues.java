package dev.shirase.ops;

/**
 * What the ops notice templates (templates/ops/) may use.
 *
 * @param dead    a message went dead: {@code subject} (channel and id), {@code reason}, {@code text}, {@code id}
 * @param skipped a scheduled run posted nothing: {@code subject} (the route), {@code reason}
 * @param flow    a flow is not started although some of its settings are set: {@code subject}, {@code reason}
 * @param subject what it is about
 * @param reason  why
 * @param text    the dead message's text
 * @param id      the dead message's id (for its replay)
 */
public record OpsValues(boolean dead, boolean skipped, boolean flow, String subject, String reason, String text,
        String id) {
}

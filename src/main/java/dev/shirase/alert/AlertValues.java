package dev.shirase.alert;

/**
 * What the alert call templates (templates/alert-call/: announcement, join-prompt, goodbye) may use.
 *
 * @param message  the alert's message, as the alert gave it
 * @param incident the incident's id
 */
public record AlertValues(String message, String incident) {
}

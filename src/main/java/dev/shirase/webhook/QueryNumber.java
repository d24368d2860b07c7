package dev.shirase.webhook;

import org.apache.camel.Message;

/** A whole-number query parameter within bounds (?size=50): its fallback when absent, 400 naming it when wrong. */
public final class QueryNumber {

    private QueryNumber() {
    }

    public static int of(Message in, String name, int min, int max, int fallback) {
        String value = in.getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RejectedRequest(400, name + " must be a whole number from " + min + " to " + max);
    }
}

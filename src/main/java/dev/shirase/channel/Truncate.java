package dev.shirase.channel;

/** Cuts text to a service's length limit, ending with an ellipsis, without splitting a surrogate pair. */
final class Truncate {

    private static final String ELLIPSIS = "…";

    private Truncate() {
    }

    /** At most {@code max} UTF-16 units (what JavaScript-based services count as characters). */
    static String to(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}

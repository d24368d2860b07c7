package dev.shirase.webhook;

/** What a caller sent, quoted in a refusal's reason: at most {@value #MAX} characters, so a reason stays a line. */
public final class Quoted {

    public static final int MAX = 100;
    /** The longest a refusal's reason gets, whatever it quotes (the list of missing settings fits). */
    public static final int MAX_REASON = 1000;
    /** The longest an "ignored" reason gets: a sentence around one quoted header value. */
    public static final int MAX_IGNORED = 160;

    private Quoted() {
    }

    public static String of(String sent) {
        if (sent == null) {
            return "";
        }
        return sent.length() <= MAX ? sent : sent.substring(0, MAX) + "… (" + sent.length() + " characters)";
    }

    /** A reason cut to {@value #MAX_REASON} characters (one that quotes a long header value, say). */
    public static String reason(String reason) {
        return cut(reason, MAX_REASON);
    }

    /** A reason cut to {@code max} characters. */
    public static String cut(String reason, int max) {
        if (reason == null || reason.length() <= max) {
            return reason;
        }
        return reason.substring(0, max) + "… (" + reason.length() + " characters)";
    }
}

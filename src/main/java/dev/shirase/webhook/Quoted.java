package dev.shirase.webhook;

/** What a caller sent, quoted in a refusal's reason: at most {@value #MAX} characters, so a reason stays a line. */
public final class Quoted {

    public static final int MAX = 100;
    /** The longest a refusal's reason gets, whatever it quotes. */
    public static final int MAX_REASON = 300;

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
        if (reason == null || reason.length() <= MAX_REASON) {
            return reason;
        }
        return reason.substring(0, MAX_REASON) + "… (" + reason.length() + " characters)";
    }
}

package dev.shirase.webhook;

/** The token of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

    private BearerToken() {
    }

    /** The token, trimmed; null when the header is absent or not a Bearer one. */
    public static String of(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }
}

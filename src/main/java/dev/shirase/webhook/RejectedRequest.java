package dev.shirase.webhook;

/**
 * An inbound request we refuse, with the HTTP status and a one-line reason for the caller. The reason
 * never contains a secret or the request body, and is cut to {@value Quoted#MAX_REASON} characters: what the caller
 * sent is quoted in it (by {@link Quoted#of}) at most {@value Quoted#MAX} characters long.
 */
public class RejectedRequest extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public RejectedRequest(int status, String reason) {
        this(status, reason, 0);
    }

    /** A refusal that tells the caller when to come back (Retry-After), for 429 and 503. */
    public RejectedRequest(int status, String reason, long retryAfterSeconds) {
        super(Quoted.reason(reason), null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int getStatus() {
        return status;
    }

    public String getReason() {
        return getMessage();
    }

    /**
     * The refusal a failure carries (a step that calls a bean with arguments wraps what the bean threw), else the
     * failure itself.
     */
    public static Throwable in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RejectedRequest) {
                return t;
            }
        }
        return failure;
    }
}

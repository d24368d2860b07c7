package dev.shirase.webhook;

/**
 * An inbound request we refuse, with the HTTP status and a one-line reason for the caller. The reason
 * never contains a secret or the request body.
 */
public class RejectedRequest extends RuntimeException {

    private final int status;

    public RejectedRequest(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    public String getReason() {
        return getMessage();
    }
}

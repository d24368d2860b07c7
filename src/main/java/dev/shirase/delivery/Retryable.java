package dev.shirase.delivery;

import java.io.IOException;

import dev.shirase.http.AnswerTooLarge;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Whether a failed delivery may succeed later: a timeout, a refused connection (also under another exception,
 * as an SMTP connection's), 408, 429 or 5xx. Any other 4xx (bad URL, revoked webhook, invalid payload) and a
 * refused SMTP login or address will fail the same way again.
 * <p>
 * A read timeout is the exception where the channel's send route says so (retry-read-timeout: false, Backlog): the
 * request reached the service and the record may exist, and a retry would open a second one. That message goes dead
 * instead; check the service and replay it if needed.
 * <p>
 * An answer over shirase.http.max-answer-bytes counts by its status: a 2xx one may mean the message was posted
 * (dead at once, not sent twice), a 5xx one (a proxy's error page) is retried, any other 4xx one is dead.
 */
public final class Retryable {

    private Retryable() {
    }

    /** {@code retryReadTimeout}: false where a repeated request creates a second record, not a second chat line. */
    public static boolean isRetryable(boolean retryReadTimeout, Throwable failure) {
        if (failure instanceof java.net.SocketTimeoutException && !retryReadTimeout) {
            return false;
        }
        return isRetryable(failure);
    }

    /**
     * The service closed the connection without an answer: most often a kept-alive connection it had closed while
     * idle, which the client learns of only when it sends on it. The pool drops that connection, so trying again at
     * once goes out on a new one.
     */
    public static boolean isDroppedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.hc.core5.http.NoHttpResponseException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof AnswerTooLarge big) {
            return mayPassLater(big.status());
        }
        if (failure instanceof HttpOperationFailedException http) {
            return mayPassLater(http.getStatusCode());
        }
        // a connection that failed under another exception (an SMTP server that is down: MailConnectException)
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayPassLater(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}

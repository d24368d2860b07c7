package dev.shirase.delivery;

import java.io.IOException;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Whether a failed delivery may succeed later: a timeout, a refused connection, 408, 429 or 5xx. Any other
 * 4xx (bad URL, revoked webhook, invalid payload) will fail the same way again.
 */
public final class Retryable {

    private Retryable() {
    }

    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        return failure instanceof IOException;
    }
}

package dev.shirase.delivery;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Whether a failed delivery may succeed later: a timeout, a refused connection, 408, 429 or 5xx. Any other
 * 4xx (bad URL, revoked webhook, invalid payload) will fail the same way again.
 */
public class Retryable implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        return isRetryable(failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        return failure instanceof IOException;
    }
}

package dev.shirase.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs after each failed delivery attempt that will be retried: makes the next attempt wait as long as a
 * 429 asked (capped), and logs the attempt without the destination.
 */
public class FailedAttempt implements Processor {

    private long maxRetryAfter = 300_000;

    /** Longest wait (ms) honoured when a service answers 429 with Retry-After / retry_after. */
    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public void process(Exchange exchange) {
        RetryAfter.apply(exchange, maxRetryAfter);
        DeliveryLog.attemptFailed(exchange);
    }
}

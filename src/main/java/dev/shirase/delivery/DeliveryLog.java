package dev.shirase.delivery;

import java.net.URI;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts what happens to each delivery, without ever writing the destination (webhook URLs carry
 * their token). Counted in {@code shirase_deliveries_total{channel, outcome}}.
 */
public class DeliveryLog {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

    /** The message reached the service. */
    public void sent(Exchange exchange) {
        count(exchange, "sent");
    }

    /** An attempt failed with something worth retrying. */
    static void attemptFailed(Exchange exchange) {
        // Camel has already counted this failure when the processor runs, so the counter is the attempt number
        int attempt = Math.max(1, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
        Long wait = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
        LOG.warn("{} delivery attempt {} failed ({}){}", channel(exchange), attempt, reason(exchange),
                wait == null ? "" : "; the service asked to wait " + wait + " ms");
        count(exchange, "retried");
    }

    /** Retries are exhausted or the failure is permanent: the message is not delivered. */
    public void failed(Exchange exchange) {
        LOG.error("{} delivery failed for good ({}); message not delivered: {}", channel(exchange), reason(exchange),
                exchange.getProperty(Delivery.TEXT, String.class));
        count(exchange, "failed");
    }

    private static String channel(Exchange exchange) {
        return exchange.getProperty(Delivery.CHANNEL, "unknown", String.class);
    }

    static String reason(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (failure == null) {
            return "unknown";
        }
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return redact(text, exchange.getProperty(Delivery.DESTINATION, String.class));
    }

    /** Removes the destination and its path (where webhook tokens live) from a text. */
    static String redact(String text, String destination) {
        if (text == null || destination == null || destination.isBlank()) {
            return text;
        }
        String redacted = text.replace(destination, "<destination>");
        try {
            String path = URI.create(destination).getRawPath();
            if (path != null && path.length() > 1) {
                redacted = redacted.replace(path, "/<redacted>");
            }
        } catch (IllegalArgumentException e) {
            // not a URI: the whole-string replacement above is all we can do
        }
        return redacted;
    }

    private static void count(Exchange exchange, String outcome) {
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("shirase.deliveries", "channel", channel(exchange), "outcome", outcome).increment();
        }
    }
}

package dev.shirase.delivery;

import dev.shirase.http.AnswerTooLarge;
import dev.shirase.ops.OpsValues;
import dev.shirase.ops.OpsNotices;
import java.net.URI;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts what happens to each delivery, without ever writing the target (webhook URLs carry their
 * token). Counted in {@code shirase_deliveries_total{channel, outcome}}: sent, retried, dead.
 */
final class DeliveryLog {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

    private final MeterRegistry registry;
    private final org.apache.camel.CamelContext context;

    DeliveryLog(MeterRegistry registry, org.apache.camel.CamelContext context) {
        this.registry = registry;
        this.context = context;
    }

    void sent(Outbox.Claimed message) {
        LOG.debug("{} message {} sent", message.channel(), message.id());
        count(message.channel(), "sent");
    }

    void retried(Outbox.Claimed message, String reason, long waitMillis) {
        LOG.warn("{} message {} attempt {} failed ({}); next attempt in {} ms", message.channel(), message.id(),
                message.attempts() + 1, reason, waitMillis);
        count(message.channel(), "retried");
    }

    void dead(Outbox.Claimed message, String reason) {
        LOG.error("{} message {} is dead after {} attempt(s) ({}); replay it with POST /admin/deliveries/{}/replay: {}",
                message.channel(), message.id(), message.attempts() + 1, reason, message.id(), message.summary());
        count(message.channel(), "dead");
        if (context != null && !message.destination().startsWith("shirase.ops")) { // a dead notice reports nothing
            OpsNotices.report(context, OpsValues.dead(
                    message.channel() + " message " + message.id(), reason, message.summary(),
                    String.valueOf(message.id())));
        }
    }

    /** An inbound event replayed and still unreadable: what was sent is at fault, not Shirase, hence WARN. */
    void deadInput(Outbox.Claimed message, String reason) {
        LOG.warn("{} message {} still cannot be read ({}); it stays dead, replay it after a fix", message.channel(),
                message.id(), reason);
        count(message.channel(), "dead");
    }

    private void count(String channel, String outcome) {
        if (registry != null) {
            registry.counter("shirase.deliveries", "channel", channel, "outcome", outcome).increment();
        }
    }

    /** What went wrong, safe to log and store: the status code, or the exception without the target. */
    static String reason(Throwable failure, String target) {
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        if (failure instanceof AnswerTooLarge big && big.status() / 100 == 2) {
            return big.getMessage() + "; it may have been posted: check before a replay";
        }
        if (failure instanceof IllegalStateException && failure.getMessage() != null) {
            return redact(failure.getMessage(), target); // a channel route's own words (throwException)
        }
        return redact(failure.getClass().getSimpleName() + ": " + failure.getMessage(), target);
    }

    /** Removes the target and its path (where webhook tokens live) from a text. */
    static String redact(String text, String target) {
        if (text == null || target == null || target.isBlank()) {
            return text;
        }
        String redacted = text.replace(target, "<target>");
        try {
            String path = URI.create(target).getRawPath();
            if (path != null && path.length() > 1) {
                redacted = redacted.replace(path, "/<redacted>");
            }
        } catch (IllegalArgumentException e) {
            // not a URI: the whole-string replacement above is all we can do
        }
        return redacted;
    }
}

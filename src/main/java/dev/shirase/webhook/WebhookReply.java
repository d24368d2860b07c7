package dev.shirase.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shirase.store.Jdbc;
import dev.shirase.store.StoreTrouble;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a webhook caller gets back: a status code and a one-line JSON body. Every inbound header is
 * dropped first, so nothing the caller sent (or Camel added) is echoed in the response.
 */
public class WebhookReply {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReply.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.concurrent.atomic.AtomicLong lastStoreWarning = new java.util.concurrent.atomic.AtomicLong();

    /** 202: the message is in the outbox and will be delivered. */
    public void accepted(Exchange exchange) {
        reply(exchange, 202, Map.of("status", "accepted"));
    }

    /** 202: a well-formed event this flow does not handle. The body holds the reason. */
    public void ignored(Exchange exchange) {
        reply(exchange, 202, ordered("status", "ignored", "reason",
                Quoted.cut(exchange.getMessage().getBody(String.class), Quoted.MAX_IGNORED)));
    }

    /** A repeat of an event already accepted: 200 and nothing else happens. */
    public void duplicate(Exchange exchange) {
        reply(exchange, 200, Map.of("status", "duplicate"));
    }

    /** The status and reason of the {@link RejectedRequest} that stopped the exchange; 500 for anything else. */
    public void rejected(Exchange exchange) {
        Throwable cause = RejectedRequest.in(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (cause instanceof RejectedRequest rejected) {
            reply(exchange, rejected.getStatus(), ordered("status", "rejected", "reason", rejected.getReason()));
            if (rejected.getRetryAfterSeconds() > 0) {
                exchange.getMessage().setHeader("Retry-After", rejected.getRetryAfterSeconds());
            }
        } else if (cause instanceof Jdbc.StoreException) {
            // anyone can send requests while the store is down: one line every 10 s, not one per request
            long now = System.currentTimeMillis();
            long last = lastStoreWarning.get();
            if (now - last >= 10_000 && lastStoreWarning.compareAndSet(last, now)) {
                LOG.warn("Webhook {} refused with 503: the store is unavailable ({})", exchange.getFromRouteId(),
                        cause.getMessage());
            }
            reply(exchange, 503, ordered("status", "unavailable", "reason",
                    "the store cannot record the message (" + StoreTrouble.of(cause) + "); nothing was accepted,"
                            + " retry later"));
            exchange.getMessage().setHeader("Retry-After", 5);
        } else {
            LOG.error("Webhook {} failed: {}", exchange.getFromRouteId(), cause == null ? "unknown" : cause.toString());
            reply(exchange, 500, ordered("status", "error", "reason", "internal error, see the runtime's log"));
        }
    }

    /** A body as the one line of JSON a reply carries (status first when the map keeps its order). */
    public static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers with {@code status} and {@code body} as JSON, after dropping every inbound header. */
    public static void reply(Exchange exchange, int status, Map<String, ?> body) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body of two fields in this order (status, then reason), as every answer puts them. */
    public static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}

package dev.shirase.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** 202: the message is handed to delivery. */
    public void accepted(Exchange exchange) {
        reply(exchange, 202, Map.of("status", "accepted"));
    }

    /** 202: a well-formed event this flow does not handle. The body holds the reason. */
    public void ignored(Exchange exchange) {
        reply(exchange, 202, ordered("status", "ignored", "reason", exchange.getMessage().getBody(String.class)));
    }

    /** The status and reason of the {@link RejectedRequest} that stopped the exchange; 500 for anything else. */
    public void rejected(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof RejectedRequest rejected) {
            reply(exchange, rejected.getStatus(), ordered("status", "rejected", "reason", rejected.getReason()));
        } else if (isQueueFull(cause)) {
            LOG.warn("Webhook {} refused with 503: the delivery queue is full", exchange.getFromRouteId());
            reply(exchange, 503, ordered("status", "busy", "reason", "delivery queue is full, retry later"));
        } else {
            LOG.error("Webhook {} failed: {}", exchange.getFromRouteId(), cause == null ? "unknown" : cause.toString());
            reply(exchange, 500, ordered("status", "error", "reason", "internal error, see the runtime's log"));
        }
    }

    /** The in-memory delivery queue (seda) refuses more messages; the sender should retry later. */
    private static boolean isQueueFull(Throwable cause) {
        return cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).startsWith("Queue full");
    }

    private static void reply(Exchange exchange, int status, Map<String, ?> body) {
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

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}

package dev.shirase.scheduled;

import dev.shirase.ops.OpsValues;
import dev.shirase.ops.OpsNotices;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;

import dev.shirase.http.AnswerTooLarge;
import dev.shirase.preview.Preview;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of a scheduled run: posted, or skipped with one log line saying why (never a made-up number).
 * Counted in {@code shirase_digests_total{route, outcome}}; the reason is left in {@link #REASON} for
 * {@code POST /admin/run/{routeId}}.
 */
public class DigestLog {

    /** Exchange property: why a run posted nothing. */
    public static final String REASON = "shiraseSkipReason";
    private static final Logger LOG = LoggerFactory.getLogger(DigestLog.class);

    public void posted(Exchange exchange) {
        if (!Preview.active(exchange)) {
            count(exchange, "posted");
            RunRecord.lastRun(exchange.getContext(), exchange.getFromRouteId(), "posted", null);
        }
    }

    public void skipped(Exchange exchange) {
        String reason = reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class),
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        exchange.setProperty(REASON, reason);
        if (Preview.active(exchange)) {
            return;
        }
        LOG.warn("{}: posted nothing: {}", exchange.getFromRouteId(), reason);
        count(exchange, "skipped");
        RunRecord.lastRun(exchange.getContext(), exchange.getFromRouteId(), "skipped", reason);
        OpsNotices.report(exchange.getContext(), OpsValues.skipped(exchange.getFromRouteId(), reason));
    }

    /**
     * A one-line reason in words, naming the service (the host of the failing endpoint: kintone, metrics, vtiger);
     * {@code contentType} is what the service's answer said it was, when known.
     */
    public static String reason(Throwable failure, String endpoint, String contentType) {
        String service = service(endpoint);
        if (failure instanceof Skipped) {
            return failure.getMessage();
        }
        if (failure instanceof HttpOperationFailedException http) {
            return service + " answered HTTP " + http.getStatusCode();
        }
        if (failure instanceof AnswerTooLarge big) {
            return service + " answered more than " + big.limit() + " bytes (shirase.http.max-answer-bytes)";
        }
        if (failure instanceof InterruptedIOException) {
            return service + " did not answer in time";
        }
        if (failure instanceof ConnectException) {
            return service + " could not be reached";
        }
        if (notJson(failure)) {
            String type = contentType == null ? "" : contentType.split(";")[0].strip();
            return service + " answered " + (type.isEmpty() || type.contains("json") ? "something that is not the JSON"
                    + " expected" : type + ", not JSON");
        }
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return service + " failed: " + (root.getMessage() == null ? root.getClass().getSimpleName()
                : dev.shirase.webhook.Quoted.of(withoutUrlDetails(root.getMessage())));
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^@/\\s]*@)?([^/\\s?#]+)[^\\s]*");

    /**
     * A library's message with every URL cut to its scheme and host: a path, query or user part may carry a token
     * (a metrics API's ?token=, a webhook's key), and this reason goes to the log, the ops chat and /admin/run.
     */
    static String withoutUrlDetails(String message) {
        return URL.matcher(message).replaceAll("$1$2");
    }

    /** A JSON answer that did not parse, or a JSON path that did not apply to what came. */
    private static boolean notJson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException
                    || t.getClass().getSimpleName().equals("ExpressionEvaluationException")
                    || t.getClass().getName().startsWith("com.jayway.jsonpath.")) {
                return true;
            }
        }
        return false;
    }

    private static String service(String endpoint) {
        if (endpoint == null) {
            return "a service";
        }
        try {
            String host = URI.create(endpoint).getHost();
            return host == null ? "a service" : host;
        } catch (IllegalArgumentException e) {
            return "a service";
        }
    }

    private static void count(Exchange exchange, String outcome) {
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("shirase.digests", "route", exchange.getFromRouteId(), "outcome", outcome).increment();
        }
    }
}

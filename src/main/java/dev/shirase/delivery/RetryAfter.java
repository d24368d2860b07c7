package dev.shirase.delivery;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * How long a 429 answer asks us to wait: Discord's {@code retry_after} (float seconds in the JSON body), else the
 * {@code Retry-After} header (seconds or an HTTP date), else {@code X-RateLimit-Reset}, the epoch second the
 * service's window resets (Backlog, Chatwork). Empty when the answer says nothing.
 */
public final class RetryAfter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RetryAfter() {
    }

    public static OptionalLong millis(HttpOperationFailedException failure) {
        if (failure.getStatusCode() != 429) {
            return OptionalLong.empty();
        }
        OptionalLong fromBody = fromBody(failure.getResponseBody());
        if (fromBody.isPresent()) {
            return fromBody;
        }
        OptionalLong retryAfter = fromHeader(header(failure.getResponseHeaders(), "Retry-After"));
        return retryAfter.isPresent() ? retryAfter
                : untilReset(header(failure.getResponseHeaders(), "X-RateLimit-Reset"), System.currentTimeMillis());
    }

    /** The time until an epoch second (fractional allowed), at least 0; empty when it is not one. */
    static OptionalLong untilReset(String value, long now) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long resetAt = new BigDecimal(value.trim()).movePointRight(3).setScale(0, java.math.RoundingMode.CEILING)
                    .longValueExact();
            return OptionalLong.of(Math.max(0, resetAt - now));
        } catch (NumberFormatException | ArithmeticException notEpochSeconds) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong fromBody(String body) {
        if (body == null || !body.trim().startsWith("{")) {
            return OptionalLong.empty();
        }
        try {
            JsonNode retryAfter = JSON.readTree(body).get("retry_after");
            if (retryAfter != null && retryAfter.isNumber()) {
                return seconds(retryAfter.decimalValue());
            }
        } catch (Exception e) {
            // not JSON after all: fall back to the header
        }
        return OptionalLong.empty();
    }

    static OptionalLong fromHeader(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return seconds(new BigDecimal(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return OptionalLong.of(Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis()));
            } catch (Exception notDate) {
                return OptionalLong.empty();
            }
        }
    }

    private static OptionalLong seconds(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}

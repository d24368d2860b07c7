package dev.shirase.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks that a webhook carries one of the configured static tokens in a header (Clockify sends each
 * webhook's own token in {@code Clockify-Signature}). Compared in constant time; no tokens configured
 * means the endpoint accepts unsigned requests.
 */
public class SharedTokenCheck implements Processor {

    private List<String> headers = List.of();
    private List<byte[]> tokens = List.of();

    /** Header names to look in, comma-separated; the first one present is used. */
    public void setHeaders(String headers) {
        this.headers = split(headers).stream().toList();
    }

    /** Accepted tokens, comma-separated. */
    public void setTokens(String tokens) {
        this.tokens = split(tokens).stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void process(Exchange exchange) {
        if (tokens.isEmpty()) {
            return;
        }
        String presented = presented(exchange);
        if (presented == null) {
            throw new RejectedRequest(401, "missing " + headers.get(0) + " header");
        }
        if (!matchesAny(presented.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new RejectedRequest(401, headers.get(0) + " does not match any configured webhook token");
        }
    }

    private String presented(Exchange exchange) {
        for (String header : headers) {
            String value = exchange.getMessage().getHeader(header, String.class);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private boolean matchesAny(byte[] presented) {
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(presented, token);
        }
        return match;
    }

    private static List<String> split(String csv) {
        if (csv == null) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

package dev.shirase.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.shirase.webhook.FailedTokenBrake;
import dev.shirase.preview.Preview;
import dev.shirase.webhook.BearerToken;
import dev.shirase.webhook.RefusesAll;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The alert token (alert.token) in {@code Authorization: Bearer}: 503 while it is unset, 401 when missing or wrong,
 * 429 for a wrong one from an address that sent five wrong ones within a minute. The right token always passes,
 * whatever came from its address before (behind a shared proxy every sender has the same address). {@code token=} in the query or form only with
 * alert.allow-token-in-url=true (proxies and access logs keep URLs).
 */
public class AlertToken implements Processor, RefusesAll {

    private final FailedTokenBrake guesses;
    private final String token;
    private final boolean tokenInUrl;

    /** {@code token}: alert.token; {@code tokenInUrl}: alert.allow-token-in-url. */
    public AlertToken(FailedTokenBrake guesses, String token, boolean tokenInUrl) {
        this.guesses = guesses;
        this.token = token;
        this.tokenInUrl = tokenInUrl;
    }

    @Override
    public String refusesAll() {
        return token.isEmpty() ? "alert.token is not set" : null;
    }

    @Override
    public void process(Exchange exchange) {
        if (Preview.active(exchange)) {
            return; // an admin preview of a sample: the admin token was checked
        }
        if (token.isEmpty()) {
            throw new RejectedRequest(503, "alert call is not configured");
        }
        Message in = exchange.getMessage();
        String presented = BearerToken.of(in.getHeader("Authorization", String.class));
        if (presented == null && AlertRequest.param(in, "token") != null) {
            if (!tokenInUrl) {
                throw new RejectedRequest(401, "the alert token is accepted in the Authorization: Bearer header only"
                        + " (alert.allow-token-in-url=false)");
            }
            presented = AlertRequest.param(in, "token");
        }
        if (presented == null || !MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            if (presented != null) { // a wrong token, not a missing one, is a guess
                guesses.wrong(FailedTokenBrake.addressOf(exchange), "alert");
            }
            throw new RejectedRequest(401, "missing or wrong alert token");
        }
    }
}

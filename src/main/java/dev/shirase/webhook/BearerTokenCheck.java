package dev.shirase.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Requires {@code Authorization: Bearer <token>}, compared in constant time; 401 otherwise. */
public class BearerTokenCheck implements Processor {

    private byte[] token = new byte[0];

    public void setToken(String token) {
        this.token = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new RejectedRequest(401, "missing Authorization: Bearer token");
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (token.length == 0 || !MessageDigest.isEqual(presented, token)) {
            throw new RejectedRequest(401, "wrong bearer token");
        }
    }
}

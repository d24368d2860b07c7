package dev.shirase.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import dev.shirase.preview.Preview;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Checks that a webhook carries one of the configured static tokens in a header (Clockify sends each
 * webhook's own token in {@code Clockify-Signature}). Compared in constant time. Without tokens, requests are
 * refused with 503 unless unsigned requests are allowed on purpose ({@link UnsignedPolicy}).
 */
public class SharedTokenCheck extends ServiceSupport implements Processor, RefusesAll {

    private List<String> headers = List.of();
    private List<byte[]> tokens = List.of();
    private boolean allowUnsigned;
    private String flow = "webhook";
    private String tokensSetting = "the webhook token";
    private String allowSetting = "allow-unsigned";

    /** Header names to look in, comma-separated; the first one present is used. */
    public void setHeaders(String headers) {
        this.headers = split(headers).stream().toList();
    }

    /** Accepted tokens, comma-separated. */
    public void setTokens(String tokens) {
        this.tokens = split(tokens).stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public void setAllowUnsigned(boolean allowUnsigned) {
        this.allowUnsigned = allowUnsigned;
    }

    /** The route id, for the start-up log. */
    public void setFlow(String flow) {
        this.flow = flow;
    }

    /** The setting holding the tokens, named when they are missing. */
    public void setTokensSetting(String tokensSetting) {
        this.tokensSetting = tokensSetting;
    }

    /** The setting that allows unsigned requests. */
    public void setAllowSetting(String allowSetting) {
        this.allowSetting = allowSetting;
    }

    /**
     * When its route starts, says how the flow treats unsigned requests. Not a bean initMethod: Camel's YAML DSL
     * makes a file's beans twice (once while it reads the file ahead, once for the routes), and each copy said it.
     */
    @Override
    protected void doStart() {
        policy().report(!tokens.isEmpty(), allowUnsigned);
    }

    @Override
    public String refusesAll() {
        return policy().refusesAll(!tokens.isEmpty(), allowUnsigned);
    }

    @Override
    public void process(Exchange exchange) {
        if (Preview.active(exchange)) {
            return; // an admin preview of a sample: the admin token was checked
        }
        if (tokens.isEmpty()) {
            policy().refuseUnlessAllowed(allowUnsigned);
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

    private UnsignedPolicy policy() {
        return new UnsignedPolicy(flow, tokensSetting, allowSetting);
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

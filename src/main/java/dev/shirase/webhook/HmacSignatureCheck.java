package dev.shirase.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.shirase.preview.Preview;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Checks a webhook signed as Base64(HMAC-SHA256(secret, raw body)) in a header (UiPath's X-UiPath-Signature),
 * over the exact bytes received, compared in constant time: 401 otherwise. Without a secret the endpoint answers
 * 503 "not configured", unless unsigned requests are allowed on purpose.
 */
public class HmacSignatureCheck extends ServiceSupport implements Processor {

    private String header = "X-Signature";
    private byte[] secret = new byte[0];
    private boolean allowUnsigned;
    private String secretSetting = "the webhook secret";
    private String flow = "webhook";
    private String allowSetting = "allow-unsigned";

    public void setHeader(String header) {
        this.header = header;
    }

    public void setSecret(String secret) {
        this.secret = secret == null ? new byte[0] : secret.trim().getBytes(StandardCharsets.UTF_8);
    }

    public void setAllowUnsigned(boolean allowUnsigned) {
        this.allowUnsigned = allowUnsigned;
    }

    /** The setting to name when the secret is missing. */
    public void setSecretSetting(String secretSetting) {
        this.secretSetting = secretSetting;
    }

    /** The route id, for the start-up log. */
    public void setFlow(String flow) {
        this.flow = flow;
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
        policy().report(secret.length > 0, allowUnsigned);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (Preview.active(exchange)) {
            return; // an admin preview of a sample: the admin token was checked
        }
        if (secret.length == 0) {
            policy().refuseUnlessAllowed(allowUnsigned);
            return;
        }
        String presented = exchange.getMessage().getHeader(header, String.class);
        if (presented == null || presented.isBlank()) {
            throw new RejectedRequest(401, "missing " + header + " header");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(body); // keep the exact bytes for parsing
        if (!MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.US_ASCII),
                sign(body == null ? new byte[0] : body).getBytes(StandardCharsets.US_ASCII))) {
            throw new RejectedRequest(401, header + " does not match the body signed with " + secretSetting);
        }
    }

    private UnsignedPolicy policy() {
        return new UnsignedPolicy(flow, secretSetting, allowSetting);
    }

    String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}

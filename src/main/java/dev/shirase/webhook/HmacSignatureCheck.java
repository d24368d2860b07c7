package dev.shirase.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.shirase.preview.Preview;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Checks a webhook signed as HMAC-SHA256(secret, raw body) in a header, over the exact bytes received, compared in
 * constant time: 401 otherwise. The signature is written in Base64 (UiPath's X-UiPath-Signature, the default) or
 * in hex after a prefix ({@code encoding: hex}, {@code prefix: "sha256="}: GitHub's X-Hub-Signature-256). Without a
 * secret the endpoint answers 503 "not configured", unless unsigned requests are allowed on purpose.
 */
public class HmacSignatureCheck extends ServiceSupport implements Processor, RefusesAll {

    private String header = "X-Signature";
    private byte[] secret = new byte[0];
    private boolean allowUnsigned;
    private String secretSetting = "the webhook secret";
    private String flow = "webhook";
    private String allowSetting = "allow-unsigned";
    private boolean hex;
    private String prefix = "";

    public void setHeader(String header) {
        this.header = header;
    }

    /** How the signature is written: base64 (the default) or hex. */
    public void setEncoding(String encoding) {
        String chosen = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("base64") && !chosen.equals("hex")) {
            throw new IllegalArgumentException("encoding of a signature check is base64 or hex, not " + encoding);
        }
        hex = chosen.equals("hex");
    }

    /** What comes before the signature in the header, e.g. sha256= (GitHub); empty by default. */
    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
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
    public String refusesAll() {
        return policy().refusesAll(secret.length > 0, allowUnsigned);
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
        String expected = prefix + sign(body == null ? new byte[0] : body);
        String written = presented.trim();
        if (hex) { // hex digits in either case
            expected = expected.toLowerCase(Locale.ROOT);
            written = written.toLowerCase(Locale.ROOT);
        }
        if (!MessageDigest.isEqual(written.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII))) {
            throw new RejectedRequest(401, header + " does not match the body signed with " + secretSetting);
        }
    }

    private UnsignedPolicy policy() {
        return new UnsignedPolicy(flow, secretSetting, allowSetting);
    }

    String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] signature = mac.doFinal(body);
        return hex ? HexFormat.of().formatHex(signature) : Base64.getEncoder().encodeToString(signature);
    }
}

package dev.shirase.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HmacSignatureCheckTest {

    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    static {
        CONTEXT.start(); // message headers are case-insensitive, as on a running runtime
    }

    /**
     * GitHub's test values (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries, "Testing the
     * webhook payload validation"): this secret and payload sign as this X-Hub-Signature-256.
     */
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final String GITHUB_PAYLOAD = "Hello, World!";
    private static final String GITHUB_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static Exchange signed(String header, String value, String body) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setHeader(header, value);
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private static HmacSignatureCheck github() {
        HmacSignatureCheck check = new HmacSignatureCheck();
        check.setHeader("X-Hub-Signature-256");
        check.setEncoding("hex");
        check.setPrefix("sha256=");
        check.setSecret(GITHUB_SECRET);
        check.setSecretSetting("github.webhook-secret");
        return check;
    }

    @Test
    void githubsOwnTestValuesPassInHexAfterThePrefix() {
        assertDoesNotThrow(() -> github().process(signed("X-Hub-Signature-256", GITHUB_SIGNATURE, GITHUB_PAYLOAD)));
        assertDoesNotThrow(() -> github().process(signed("x-hub-signature-256", GITHUB_SIGNATURE.toUpperCase()
                .replace("SHA256=", "sha256="), GITHUB_PAYLOAD)));
    }

    @Test
    void anotherBodyOrTheSignatureWithoutItsPrefixIsRefused() {
        RejectedRequest tampered = assertThrows(RejectedRequest.class,
                () -> github().process(signed("X-Hub-Signature-256", GITHUB_SIGNATURE, "Hello, World?")));
        assertEquals(401, tampered.getStatus());
        assertEquals("X-Hub-Signature-256 does not match the body signed with github.webhook-secret",
                tampered.getReason());
        assertThrows(RejectedRequest.class, () -> github().process(signed("X-Hub-Signature-256",
                GITHUB_SIGNATURE.substring("sha256=".length()), GITHUB_PAYLOAD)));
    }

    @Test
    void base64StaysTheDefault() {
        HmacSignatureCheck check = new HmacSignatureCheck();
        check.setHeader("X-Signature");
        check.setSecret(GITHUB_SECRET);
        // the same HMAC as GitHub's hex value, in Base64
        assertDoesNotThrow(() -> check.process(signed("X-Signature", "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=",
                GITHUB_PAYLOAD)));
    }

    @Test
    void anEncodingOtherThanBase64OrHexIsRefusedWhenTheBeanIsMade() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new HmacSignatureCheck().setEncoding("base32"));
        assertEquals("encoding of a signature check is base64 or hex, not base32", refused.getMessage());
    }
}

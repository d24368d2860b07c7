package dev.shirase.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SharedTokenCheckTest {

    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    static {
        CONTEXT.start(); // message headers are case-insensitive, as on a running runtime
    }

    private static Exchange request(String header, String value) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        if (header != null) {
            exchange.getMessage().setHeader(header, value);
        }
        return exchange;
    }

    private static SharedTokenCheck check(String tokens) {
        SharedTokenCheck check = new SharedTokenCheck();
        check.setHeaders("Clockify-Signature, X-Clockify-Webhook-Signature");
        check.setTokens(tokens);
        return check;
    }

    @Test
    void withoutTokensRequestsAreRefusedUnlessUnsignedIsAllowedOnPurpose() {
        SharedTokenCheck none = check("");
        none.setTokensSetting("clockify.webhook-signature");
        none.setAllowSetting("clockify.allow-unsigned");
        RejectedRequest refused = assertThrows(RejectedRequest.class, () -> none.process(request(null, null)));
        assertEquals(503, refused.getStatus());
        assertEquals("not configured: set clockify.webhook-signature (or clockify.allow-unsigned=true behind"
                + " something that checks callers)", refused.getReason());

        SharedTokenCheck allowed = check(null);
        allowed.setAllowUnsigned(true);
        assertDoesNotThrow(() -> allowed.process(request(null, null)));
    }

    @Test
    void anyConfiguredTokenInEitherHeaderIsAccepted() {
        SharedTokenCheck check = check("one, two");

        assertDoesNotThrow(() -> check.process(request("clockify-signature", "two")));
        assertDoesNotThrow(() -> check.process(request("X-Clockify-Webhook-Signature", "one")));
    }

    @Test
    void wrongOrMissingTokenIs401() {
        SharedTokenCheck check = check("one,two");

        RejectedRequest wrong = assertThrows(RejectedRequest.class, () -> check.process(request("Clockify-Signature", "on")));
        RejectedRequest missing = assertThrows(RejectedRequest.class, () -> check.process(request(null, null)));

        assertEquals(401, wrong.getStatus());
        assertEquals(401, missing.getStatus());
        assertEquals("missing Clockify-Signature header", missing.getReason());
    }
}

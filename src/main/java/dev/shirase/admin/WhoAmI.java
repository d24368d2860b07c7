package dev.shirase.admin;

import static dev.shirase.webhook.WebhookReply.reply;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * {@code GET /admin/whoami}: the name and role of the token the request came with, so the console shows who is
 * signed in and offers replay only to an operator.
 */
public final class WhoAmI {

    private WhoAmI() {
    }

    public static void answer(Exchange exchange) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("name", exchange.getProperty(AdminAccess.WHO, String.class));
        token.put("role", exchange.getProperty(AdminAccess.ROLE, String.class));
        reply(exchange, 200, token);
    }
}

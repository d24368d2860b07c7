package dev.shirase.admin;

import dev.shirase.webhook.FailedTokenBrake;

import dev.shirase.webhook.BearerToken;
import dev.shirase.webhook.RejectedRequest;
import dev.shirase.webhook.WebhookReply;
import io.vertx.ext.web.Router;

/**
 * /observe/health tells anyone UP or DOWN (camel.health.exposure-level=oneline); its details (every check, route
 * ids, why the store is down) are asked for with ?exposureLevel=default|full and need an admin token, read-only
 * or operator, in Authorization: Bearer. Wrong tokens are braked like the admin API's (429 after five a minute from
 * one address); a right token always passes.
 */
public final class HealthDetailsGate {

    private HealthDetailsGate() {
    }

    public static void install(Router router, AdminTokens tokens, FailedTokenBrake brake, String healthPath) {
        if (router == null) {
            return;
        }
        router.route(healthPath + "*").order(Integer.MIN_VALUE).handler(request -> {
            String level = request.queryParams().get("exposureLevel");
            if (level == null || "oneline".equals(level)) {
                request.next();
                return;
            }
            String presented = BearerToken.of(request.request().getHeader("Authorization"));
            if (tokens.match(presented).isPresent()) {
                request.next();
                return;
            }
            if (presented != null) {
                String address = request.request().remoteAddress() == null ? "unknown"
                        : request.request().remoteAddress().hostAddress();
                try {
                    brake.wrong(address, "admin"); // the admin API's brake, and its words
                } catch (RejectedRequest braked) {
                    request.response().setStatusCode(braked.getStatus()).putHeader("Content-Type", "application/json")
                            .putHeader("Retry-After", String.valueOf(braked.getRetryAfterSeconds()))
                            .end(WebhookReply.json(WebhookReply.ordered("status", "rejected", "reason",
                                    braked.getReason())));
                    return;
                }
            }
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"rejected\",\"reason\":\"health details need an admin token (Authorization:"
                            + " Bearer)\"}");
        });
    }
}

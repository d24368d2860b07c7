package dev.shirase.admin;

import dev.shirase.webhook.BearerToken;
import io.vertx.ext.web.Router;

/**
 * /observe/health tells anyone UP or DOWN (camel.health.exposure-level=oneline); its details (every check, route
 * ids, why the store is down) are asked for with ?exposureLevel=default|full and need an admin token, read-only
 * or operator, in Authorization: Bearer.
 */
public final class HealthDetailsGate {

    private HealthDetailsGate() {
    }

    public static void install(Router router, AdminTokens tokens, String healthPath) {
        if (router == null) {
            return;
        }
        router.route(healthPath + "*").order(Integer.MIN_VALUE).handler(request -> {
            String level = request.queryParams().get("exposureLevel");
            if (level == null || "oneline".equals(level)) {
                request.next();
                return;
            }
            if (tokens.match(BearerToken.of(request.request().getHeader("Authorization"))).isPresent()) {
                request.next();
                return;
            }
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"rejected\",\"reason\":\"health details need an admin token (Authorization:"
                            + " Bearer)\"}");
        });
    }
}

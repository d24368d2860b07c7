package dev.shirase.webhook;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;

/**
 * Once shutdown begins, every HTTP request is answered 503 "shutting down" before it reaches a route. Camel
 * removes the routes one by one while the server still listens, and a webhook sender would otherwise get 404
 * for a route that is only going away for a restart, and drop the event (404 means "never again").
 */
public final class ShutdownGate {

    private static final String BODY = "{\"status\":\"unavailable\",\"reason\":\"shutting down, retry later\"}";

    private volatile boolean closed;

    /** Puts the gate in front of every route of the HTTP server (when the server is on). */
    public void install(CamelContext context) {
        Router router = HttpRouter.of(context);
        if (router == null) {
            return; // no HTTP server
        }
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            if (!closed) {
                request.next();
                return;
            }
            request.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", "5")
                    .end(BODY);
        });
    }

    public void close() {
        closed = true;
    }
}

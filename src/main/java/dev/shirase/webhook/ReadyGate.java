package dev.shirase.webhook;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;

/**
 * Every HTTP request is answered 503 with Retry-After, before it reaches a route, until every route that will
 * start has started, and again once shutdown begins. The server listens before the routes start and Camel removes
 * them one by one while it still listens: without the gate a webhook sender would get 404 for a route that is
 * only coming up or going away for a restart, and drop the event (404 means "never again"). /observe/health
 * answers 503 too while the gate is shut, so an orchestrator reads "not ready".
 */
public final class ReadyGate {

    private static final String STARTING = "{\"status\":\"unavailable\",\"reason\":\"starting, retry in a moment\"}";
    private static final String STOPPING = "{\"status\":\"unavailable\",\"reason\":\"shutting down, retry later\"}";

    private volatile boolean open;
    private volatile boolean closed;

    /**
     * Puts the gate in front of everything the HTTP server answers (when it is on): the server's own router, which
     * also serves /observe/health, or else the routes' router.
     */
    public void install(CamelContext context) {
        Router router = HttpRouter.server(context) != null ? HttpRouter.server(context) : HttpRouter.of(context);
        if (router == null) {
            return; // no HTTP server
        }
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            if (open && !closed) {
                request.next();
                return;
            }
            request.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", closed ? "5" : "1")
                    .end(closed ? STOPPING : STARTING);
        });
    }

    /** Every route that will start has started: requests go through. */
    public void open() {
        open = true;
    }

    /** Shutdown began: every request is refused again. */
    public void close() {
        closed = true;
    }
}

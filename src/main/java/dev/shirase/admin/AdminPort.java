package dev.shirase.admin;

import java.util.concurrent.TimeUnit;

import dev.shirase.webhook.HttpRouter;
import dev.shirase.webhook.JsonRefusals;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API and the observe endpoints on a port of their own (shirase.admin.port): a second Vert.x server
 * that serves the same routes, but only /admin/, /observe/ and an operator's ack and resolve of an incident; the
 * public port then answers 404 for those, and for health details (health itself, UP or DOWN, stays there for the
 * container's checks). Camel 4.17 cannot serve routes on a second
 * port itself (a management port that differs from the server port takes the routes with it).
 */
public final class AdminPort {

    private static final Logger LOG = LoggerFactory.getLogger(AdminPort.class);

    /** An operator's POST /alert/{incident}/ack or /resolve. */
    private static final java.util.regex.Pattern OPERATOR_ALERT = java.util.regex.Pattern.compile(
            "/alert/[^/]+/(ack|resolve)");

    private HttpServer server;
    private Router router;

    /** Starts the admin server on host:port; throws with a clear reason when it cannot listen. */
    public void start(CamelContext context, String host, int port, String maxBodySize) {
        VertxPlatformHttpRouter routes = (VertxPlatformHttpRouter) HttpRouter.of(context);
        Router publicPort = HttpRouter.server(context);
        if (routes == null || publicPort == null) {
            throw new IllegalStateException("shirase.admin.port needs the HTTP server (camel.server.enabled=true)");
        }
        Vertx vertx = routes.vertx();
        Router admin = Router.router(vertx);
        admin.route().order(Integer.MIN_VALUE).handler(request -> {
            String path = request.normalizedPath();
            if (path.startsWith("/admin/") || path.startsWith("/observe/") || OPERATOR_ALERT.matcher(path).matches()) {
                request.next();
            } else {
                request.fail(404);
            }
        });
        admin.route("/*").subRouter(routes);
        JsonRefusals.install(admin, maxBodySize);
        this.router = admin;
        publicPort.route().order(Integer.MIN_VALUE).handler(request -> {
            String path = request.normalizedPath();
            String level = request.queryParams().get("exposureLevel");
            boolean healthDetails = path.startsWith("/observe/health") && level != null && !"oneline".equals(level);
            if (path.startsWith("/admin/") || path.startsWith("/observe/metrics") || healthDetails
                    || OPERATOR_ALERT.matcher(path).matches()) {
                request.fail(404); // only on the admin port
            } else {
                request.next();
            }
        });
        try {
            // the same Vert.x instance as the public port's (GuardedVertx): the same idle timeout and JSON refusals
            server = vertx.createHttpServer().requestHandler(admin).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the admin API"
                    + " (shirase.admin.port): " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        LOG.info("Admin API, /observe/ and an incident's ack and resolve on {}:{} (shirase.admin.port); the public"
                + " port no longer serves them, nor health details", host, server.actualPort());
    }

    /** The admin server's router, for handlers in front of its routes. */
    public Router router() {
        return router;
    }

    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}

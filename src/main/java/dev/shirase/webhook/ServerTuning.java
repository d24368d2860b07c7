package dev.shirase.webhook;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection limit of Shirase's HTTP server that Camel 4.17 has no setting for (camel.server.* knows host, port
 * and body size): an idle timeout (shirase.intake.idle-timeout), so a socket that sends nothing (half-sent headers,
 * an HTTP/2 connection left open, a kept-alive one) is closed. Camel creates the server with default options; Vert.x
 * 4 reads the idle timeout for each new connection from the server's own copy of them, reached reflectively here (as {@link HttpRouter#server} reaches its router). Should a later
 * Vert.x keep them otherwise, nothing changes and the log says so.
 */
public final class ServerTuning {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTuning.class);

    private ServerTuning() {
    }

    public static void apply(CamelContext context, Duration idleTimeout) {
        String port = context.getPropertiesComponent().resolveProperty("camel.server.port").orElse("8080");
        VertxPlatformHttpRouter routes = (VertxPlatformHttpRouter) VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(port.strip())));
        if (routes == null || routes.getServer() == null) {
            return;
        }
        apply(routes.getServer().getServer(), idleTimeout);
    }

    /** Sets the limits on a listening server; a server of our own (the admin port) takes them as options instead. */
    public static void apply(HttpServer server, Duration idleTimeout) {
        if (server == null) {
            return;
        }
        try {
            java.lang.reflect.Field field = server.getClass().getDeclaredField("options");
            field.setAccessible(true);
            tune((HttpServerOptions) field.get(server), idleTimeout);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("The HTTP server's idle timeout could not be set ({}): idle connections stay open until the"
                    + " client closes them", e.toString());
        }
    }

    /** The limits, on options not yet used. */
    public static HttpServerOptions tune(HttpServerOptions options, Duration idleTimeout) {
        return options.setIdleTimeout((int) Math.max(0, idleTimeout.toSeconds())).setIdleTimeoutUnit(TimeUnit.SECONDS);
    }
}

package dev.shirase.webhook;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/** The Vert.x router of Shirase's HTTP server (camel.server.port), to put handlers in front of every route. */
public final class HttpRouter {

    private HttpRouter() {
    }

    /** The router the routes are added to (mounted in the server's own); null when the HTTP server is off. */
    public static Router of(CamelContext context) {
        String port = context.getPropertiesComponent().resolveProperty("camel.server.port").orElse("8080");
        return VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(
                Integer.parseInt(port.strip())));
    }

    /**
     * The server's own router, which answers what no route takes (404, 405, 415) and a body over the limit (413).
     * Camel 4.17 keeps it in a private field of VertxPlatformHttpServer with no getter; read it reflectively, and
     * give up (null: Vert.x's own plain answers stay) should a later Camel name it otherwise.
     */
    public static Router server(CamelContext context) {
        VertxPlatformHttpRouter routes = (VertxPlatformHttpRouter) of(context);
        if (routes == null || routes.getServer() == null) {
            return null;
        }
        try {
            java.lang.reflect.Field field = routes.getServer().getClass().getDeclaredField("router");
            field.setAccessible(true);
            return (Router) field.get(routes.getServer());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

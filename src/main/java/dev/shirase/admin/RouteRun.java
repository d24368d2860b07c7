package dev.shirase.admin;

import java.util.function.Consumer;

import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/** Runs a route's own steps now, on an exchange of its own endpoint, as its trigger would (admin run, preview). */
public final class RouteRun {

    private RouteRun() {
    }

    /** The started route {@code routeId} whose endpoint URI starts with one of {@code kinds}; 404 or 409 if not. */
    public static Route started(CamelContext context, String routeId, String what, String... kinds) {
        Route route = context.getRoute(routeId);
        String from = route == null ? "" : route.getEndpoint().getEndpointUri();
        boolean known = false;
        for (String kind : kinds) {
            known |= from.startsWith(kind);
        }
        if (!known) {
            throw new RejectedRequest(404, "no " + what + " " + routeId);
        }
        if (context.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
            // the missing settings by name (and their environment variables), never a value
            throw new RejectedRequest(409, "route " + routeId + " is not started: " + FlowsAdmin.why(context, routeId));
        }
        return route;
    }

    /** The exchange after the route's steps ran on it; {@code prepare} fills it first. */
    public static Exchange now(Route route, Consumer<Exchange> prepare) throws Exception {
        Exchange run = route.getEndpoint().createExchange();
        run.getExchangeExtension().setFromEndpoint(route.getEndpoint());
        run.getExchangeExtension().setFromRouteId(route.getRouteId());
        prepare.accept(run);
        route.getProcessor().process(run);
        return run;
    }
}

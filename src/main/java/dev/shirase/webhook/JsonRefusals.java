package dev.shirase.webhook;

import java.util.Map;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;

/**
 * The answers the HTTP server gives before a request reaches a route (a body it cannot read, no such path, wrong
 * method, wrong Content-Type, body too large) as one line of JSON with a reason, like every other refusal. They are the
 * caller's mistakes: nothing is logged above DEBUG, and nothing the caller sent is echoed back.
 */
public final class JsonRefusals {

    private JsonRefusals() {
    }

    public static void install(CamelContext context) {
        Router router = HttpRouter.server(context);
        if (router != null) {
            install(router, context.getPropertiesComponent().resolveProperty("camel.server.max-body-size").orElse(""));
        }
    }

    public static void install(Router router, String maxBody) {
        Map<Integer, String> reasons = Map.of(
                400, "the body could not be read (a malformed form or encoding)",
                404, "no endpoint at this path",
                405, "this endpoint does not take this method",
                413, "body larger than " + (maxBody.isBlank() ? "the server's limit" : maxBody.strip() + " bytes"),
                415, "this endpoint does not take this Content-Type");
        reasons.forEach((status, reason) -> router.errorHandler(status, request -> refuse(request, status, reason)));
    }

    private static void refuse(RoutingContext request, int status, String reason) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end("{\"status\":\"rejected\",\"reason\":\"" + reason + "\"}");
    }
}

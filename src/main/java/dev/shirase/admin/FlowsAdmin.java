package dev.shirase.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.shirase.delivery.OutboxRecords;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.Trigger;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * {@code GET /admin/flows}: each flow's entry route (a webhook or a schedule), running or not and why (the missing
 * setting), a schedule's last and next run, and when its newest message was accepted; for the alert call, the
 * heartbeat (when it last came and by when the next is due) once alert.heartbeat.every is set.
 */
public class FlowsAdmin {

    private final OutboxRecords outbox;

    public FlowsAdmin(OutboxRecords outbox) {
        this.outbox = outbox;
    }

    public void list(Exchange exchange) throws Exception {
        CamelContext context = exchange.getContext();
        List<Map<String, Object>> flows = new ArrayList<>();
        List<Route> routes = new ArrayList<>(context.getRoutes());
        routes.sort(Comparator.comparing(Route::getRouteId));
        for (Route route : routes) {
            String uri = route.getEndpoint().getEndpointUri();
            boolean scheduled = uri.startsWith("quartz:");
            if (!scheduled && (!uri.startsWith("platform-http:") || route.getRouteId().startsWith("admin-"))) {
                continue;
            }
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put("routeId", route.getRouteId());
            flow.put("description", route.getDescription());
            flow.put("kind", scheduled ? "scheduled" : "webhook");
            boolean started = context.getRouteController().getRouteStatus(route.getRouteId()).isStarted();
            flow.put("status", started ? "started" : "stopped");
            if (!started) {
                flow.put("why", why(context, route.getRouteId()));
            }
            if (scheduled && started) {
                Trigger trigger = FlowStates.trigger(context, (QuartzEndpoint) route.getEndpoint());
                if (trigger != null && trigger.getPreviousFireTime() != null) {
                    flow.put("lastRun", trigger.getPreviousFireTime().toInstant().toString());
                }
                if (trigger != null && trigger.getNextFireTime() != null) {
                    flow.put("nextRun", trigger.getNextFireTime().toInstant().toString());
                }
            }
            Map<String, Object> heartbeat = route.getRouteId().equals("alert") ? FlowStates.heartbeat(context) : null;
            if (heartbeat != null) {
                flow.put("heartbeat", heartbeat);
            }
            long last = outbox.lastAcceptedAt(route.getRouteId());
            flow.put("lastAccepted", last == 0 ? null : Instant.ofEpochMilli(last).toString());
            flows.add(flow);
        }
        reply(exchange, 200, Map.of("flows", flows));
    }

    /** The missing settings, by the route's own name or its template's settings prefix. */
    static String why(CamelContext context, String routeId) {
        String why = FlowStates.missingSettings(context, routeId);
        return why != null ? why : "stopped";
    }
}

package dev.shirase.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.shirase.delivery.Delivery;
import dev.shirase.scheduled.DigestLog;
import org.apache.camel.Exchange;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * {@code POST /admin/run/{routeId}}: runs one scheduled instance now, through the same steps its schedule
 * runs, and answers with what it queued (status queued, the outbox ids to follow in GET /admin/deliveries: the
 * service has not answered yet) or why it queued nothing (status skipped, the reason in words).
 */
public class ScheduleRunner {

    public void run(Exchange request) throws Exception {
        String routeId = request.getMessage().getHeader("routeId", String.class);
        Exchange run = RouteRun.now(RouteRun.started(request.getContext(), routeId, "scheduled route", "quartz:"),
                exchange -> { });

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routeId", routeId);
        String reason = run.getProperty(DigestLog.REASON, String.class);
        boolean queued = reason == null && run.getException() == null;
        if (!queued) {
            body.put("status", "skipped");
            body.put("reason", reason != null ? reason : DigestLog.reason(run.getException(),
                    run.getProperty(Exchange.FAILURE_ENDPOINT, String.class), null));
        } else {
            body.put("status", "queued");
            body.put("ids", run.getProperty(Delivery.QUEUED, java.util.List.of(), java.util.List.class));
            body.put("channel", run.getProperty(Delivery.CHANNEL, String.class));
            body.put("text", run.getProperty(Delivery.TEXT, String.class));
        }
        request.setProperty(AuditTrail.ACTION, "run");
        request.setProperty(AuditTrail.DETAIL, routeId);
        request.setProperty(AuditTrail.COUNT, queued ? 1 : 0);
        reply(request, 200, body);
    }
}

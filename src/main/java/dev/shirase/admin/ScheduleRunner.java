package dev.shirase.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.shirase.delivery.Delivery;
import dev.shirase.digest.DigestLog;
import org.apache.camel.Exchange;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * {@code POST /admin/run/{routeId}}: runs one scheduled instance now, through the same steps its schedule
 * runs, and answers with the message it posted or the reason it posted none.
 */
public class ScheduleRunner {

    public void run(Exchange request) throws Exception {
        String routeId = request.getMessage().getHeader("routeId", String.class);
        Exchange run = RouteRun.now(RouteRun.started(request.getContext(), routeId, "scheduled route", "quartz:"),
                exchange -> { });

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routeId", routeId);
        String reason = run.getProperty(DigestLog.REASON, String.class);
        if (reason != null || run.getException() != null) {
            body.put("posted", false);
            body.put("reason", reason != null ? reason : "failed: " + run.getException().getClass().getSimpleName());
        } else {
            body.put("posted", true);
            body.put("channel", run.getProperty(Delivery.CHANNEL, String.class));
            body.put("text", run.getProperty(Delivery.TEXT, String.class));
        }
        request.setProperty(AuditTrail.ACTION, "run");
        request.setProperty(AuditTrail.DETAIL, routeId);
        request.setProperty(AuditTrail.COUNT, Boolean.TRUE.equals(body.get("posted")) ? 1 : 0);
        reply(request, 200, body);
    }
}

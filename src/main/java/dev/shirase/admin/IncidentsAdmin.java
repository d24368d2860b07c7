package dev.shirase.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.shirase.alert.AlertTimeline;
import dev.shirase.alert.IncidentEnd;
import dev.shirase.alert.IncidentView;
import dev.shirase.alert.Incidents;
import dev.shirase.webhook.QueryNumber;
import dev.shirase.webhook.Quoted;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * What people do with incidents (bean alertIncidents): GET /alert/{incident}, an operator's ack and resolve, and
 * GET /admin/incidents. An operator's resolve holds for the incident's alert group until the monitoring tool says
 * resolved or a new alert joins, so its repeat notifications call nobody.
 */
public class IncidentsAdmin {

    private final Incidents incidents;
    private final IncidentView views;

    public IncidentsAdmin(Incidents incidents) {
        this.incidents = incidents;
        this.views = new IncidentView(incidents);
    }

    /** POST /alert/{incident}/ack (operator): escalation stops; whoever presses 1 still joins. */
    public void acknowledge(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        String by = exchange.getProperty(AdminAccess.WHO, "operator", String.class);
        if (incidents.acknowledge(incident.id(), by, System.currentTimeMillis())) {
            AlertTimeline.acknowledged(exchange, incident, by);
        }
        audit(exchange, "alert-ack", incident.id());
        reply(exchange, 200, views.view(incidents.find(incident.id()).orElseThrow(), "acknowledged"));
    }

    /**
     * POST /alert/{incident}/resolve (operator): the incident ends, calls still ringing or talking are hung up, and
     * its group stays quiet until the monitoring tool resolves it or a new alert joins.
     */
    public void resolveByOperator(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        if (IncidentEnd.resolved(exchange, incidents, incident, exchange.getProperty(AdminAccess.WHO, "operator", String.class))) {
            incidents.hold(incident.id());
        }
        audit(exchange, "alert-resolve", incident.id());
        reply(exchange, 200, views.view(incidents.find(incident.id()).orElseThrow(), "resolved"));
    }

    /** GET /alert/{incident}: its state, who was called, who answered, who joined; why it failed. */
    public void show(Exchange exchange) {
        reply(exchange, 200, views.view(incident(exchange), null));
    }

    /**
     * GET /admin/incidents?size=20 (read-only token): the newest incidents, each with its state (escalating,
     * acknowledged, resolved, unanswered, failed), calls and timeline.
     */
    public void list(Exchange exchange) {
        int limit = QueryNumber.of(exchange.getMessage(), "size", 1, 200, 20);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Incidents.Incident incident : incidents.newest(limit)) {
            Map<String, Object> view = views.view(incident, incident.state());
            view.put("message", incident.message());
            view.put("createdAt", Instant.ofEpochMilli(incident.createdAt()).toString());
            Long ended = incident.resolvedAt() != null ? incident.resolvedAt() : incident.unansweredAt() != null
                    ? incident.unansweredAt() : incident.failedAt();
            view.put("endedAt", ended == null ? null : Instant.ofEpochMilli(ended).toString());
            if (incident.ackedBy() != null) {
                view.put("acknowledgedBy", incident.ackedBy());
            }
            view.put("timeline", views.timeline(incident));
            listed.add(view);
        }
        reply(exchange, 200, Map.of("incidents", listed));
    }

    private Incidents.Incident incident(Exchange exchange) {
        String id = exchange.getMessage().getHeader("incident", String.class);
        return incidents.find(id).orElseThrow(() -> new RejectedRequest(404, "no incident " + Quoted.of(id)));
    }

    private static void audit(Exchange exchange, String action, String incident) {
        exchange.setProperty(AuditTrail.ACTION, action);
        exchange.setProperty(AuditTrail.DETAIL, incident);
        exchange.setProperty(AuditTrail.COUNT, 1);
    }
}

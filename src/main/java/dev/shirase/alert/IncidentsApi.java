package dev.shirase.alert;

import dev.shirase.seam.Seam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.shirase.admin.AdminAccess;
import dev.shirase.admin.AuditTrail;
import dev.shirase.admin.DeliveriesAdmin;
import dev.shirase.webhook.Quoted;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * What people do with incidents (bean alertIncidents): GET /alert/{incident}, an operator's ack and resolve, and
 * GET /admin/incidents. An operator's resolve holds for the incident's alert group until the monitoring tool says
 * resolved or a new alert joins, so its repeat notifications call nobody.
 */
public class IncidentsApi {

    /** Exchange property: the SIDs of the calls to hang up (an incident was resolved). */
    public static final String HANG_UP = Seam.ALERT_HANG_UP;

    private final Incidents incidents;

    public IncidentsApi(Incidents incidents) {
        this.incidents = incidents;
    }

    /** POST /alert/{incident}/ack (operator): escalation stops; whoever presses 1 still joins. */
    public void acknowledge(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        String by = exchange.getProperty(AdminAccess.WHO, "operator", String.class);
        if (incidents.acknowledge(incident.id(), by, System.currentTimeMillis())) {
            AlertTimeline.acknowledged(exchange, incident, by);
        }
        audit(exchange, "alert-ack", incident.id());
        reply(exchange, 200, view(incidents.find(incident.id()).orElseThrow(), "acknowledged"));
    }

    /**
     * POST /alert/{incident}/resolve (operator): the incident ends, calls still ringing or talking are hung up, and
     * its group stays quiet until the monitoring tool resolves it or a new alert joins.
     */
    public void resolveByOperator(Exchange exchange) {
        Incidents.Incident incident = incident(exchange);
        if (resolved(exchange, incidents, incident, exchange.getProperty(AdminAccess.WHO, "operator", String.class))) {
            incidents.hold(incident.id());
        }
        audit(exchange, "alert-resolve", incident.id());
        reply(exchange, 200, view(incidents.find(incident.id()).orElseThrow(), "resolved"));
    }

    /** Resolves the incident: a timeline event, and its live calls in property {@value #HANG_UP}. */
    static boolean resolved(Exchange exchange, Incidents incidents, Incidents.Incident incident, String by) {
        if (!incidents.resolve(incident.id(), System.currentTimeMillis())) {
            return false;
        }
        AlertTimeline.resolved(exchange, incident, by);
        exchange.setProperty(HANG_UP, incidents.liveCalls(incident.id()).stream()
                .map(Incidents.CallState::callSid).toList());
        return true;
    }

    /** GET /alert/{incident}: its state, who was called, who answered, who joined; why it failed. */
    public void show(Exchange exchange) {
        reply(exchange, 200, view(incident(exchange), null));
    }

    /**
     * GET /admin/incidents?size=20 (read-only token): the newest incidents, each with its state (escalating,
     * acknowledged, resolved, unanswered, failed), calls and timeline.
     */
    public void list(Exchange exchange) {
        int limit = DeliveriesAdmin.number(exchange.getMessage(), "size", 1, 200, 20);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Incidents.Incident incident : incidents.newest(limit)) {
            Map<String, Object> view = view(incident, incident.state());
            view.put("message", incident.message());
            view.put("createdAt", Instant.ofEpochMilli(incident.createdAt()).toString());
            if (incident.ackedBy() != null) {
                view.put("acknowledgedBy", incident.ackedBy());
            }
            view.put("timeline", timeline(incident));
            listed.add(view);
        }
        reply(exchange, 200, Map.of("incidents", listed));
    }

    /** What happened to an incident, oldest first: opened, each call placed, acknowledged, unanswered, resolved. */
    private List<Map<String, Object>> timeline(Incidents.Incident incident) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(incident.createdAt(), "opened", null));
        for (Incidents.PlacedCall call : incidents.placedCalls(incident.id())) {
            events.add(event(call.placedAt(), "called", call.number()));
        }
        if (incident.ackedAt() != null) {
            events.add(event(incident.ackedAt(), "acknowledged", incident.ackedBy()));
        }
        if (incident.unansweredAt() != null) {
            events.add(event(incident.unansweredAt(), "unanswered", null));
        }
        if (incident.failedAt() != null) {
            events.add(event(incident.failedAt(), "failed", incident.failure()));
        }
        if (incident.resolvedAt() != null) {
            events.add(event(incident.resolvedAt(), "resolved", null));
        }
        events.sort(Comparator.comparing(e -> (String) e.get("at")));
        return events;
    }

    private static Map<String, Object> event(long at, String what, String detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", Instant.ofEpochMilli(at).toString());
        event.put("event", what);
        if (detail != null) {
            event.put("detail", detail);
        }
        return event;
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

    /** The incident as the API answers it: status (what just happened) or its state, failure, calls. */
    Map<String, Object> view(Incidents.Incident incident, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident", incident.id());
        body.put("status", status != null ? status : incident.state());
        if (incident.failure() != null) {
            body.put("reason", incident.failure());
        }
        body.put("conference", incident.conference());
        if (incident.resolvedAt() != null) {
            body.put("resolvedAt", Instant.ofEpochMilli(incident.resolvedAt()).toString());
        }
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Incidents.CallState call : incidents.calls(incident.id())) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("number", call.number());
            if (call.callSid() != null) {
                c.put("callSid", call.callSid());
            }
            if (call.error() != null) {
                c.put("error", call.error());
            }
            c.put("status", call.status());
            c.put("attempts", call.attempts());
            c.put("answered", call.answered());
            c.put("joined", call.joined());
            if (call.answeredBy() != null) {
                c.put("answeredBy", call.answeredBy());
            }
            calls.add(c);
        }
        body.put("calls", calls);
        return body;
    }
}

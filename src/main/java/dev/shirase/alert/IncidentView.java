package dev.shirase.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An incident as the API answers it (its state, calls and why it failed) and its timeline, oldest first. */
public final class IncidentView {

    private final Incidents incidents;

    public IncidentView(Incidents incidents) {
        this.incidents = incidents;
    }

    /** The incident as the API answers it: status (what just happened) or its state, failure, calls. */
    public Map<String, Object> view(Incidents.Incident incident, String status) {
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
        for (IncidentCalls.CallState call : incidents.calls().of(incident.id())) {
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

    /**
     * What happened to an incident, oldest first: opened, each call placed, what answered it (a machine, a person) or
     * who joined, acknowledged, unanswered, failed, resolved.
     */
    public List<Map<String, Object>> timeline(Incidents.Incident incident) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(incident.createdAt(), "opened", null));
        for (IncidentCalls.PlacedCall call : incidents.calls().placed(incident.id())) {
            events.add(event(call.placedAt(), "called", call.number()));
        }
        // what became of each number's latest call: a machine answered, a person answered, or joined the call
        for (IncidentCalls.CallState call : incidents.calls().of(incident.id())) {
            if (call.machine()) {
                events.add(event(call.updatedAt(), "machine", call.number() + " (" + call.answeredBy() + ")"));
            } else if (call.joined()) {
                events.add(event(call.updatedAt(), "joined", call.number()));
            } else if (call.answered()) {
                events.add(event(call.updatedAt(), "answered", call.number()));
            }
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
        events.sort(Comparator.comparing(e -> Instant.parse((String) e.get("at"))));
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
}

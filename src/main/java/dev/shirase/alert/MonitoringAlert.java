package dev.shirase.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.webhook.JsonBody;
import dev.shirase.webhook.RejectedRequest;

/**
 * A notification from Prometheus Alertmanager (webhook payload version 4) or Grafana's webhook contact point,
 * which shares its shape: {@code status} (firing or resolved), {@code groupKey}, {@code alerts[]} with
 * {@code status}, {@code labels}, {@code annotations} and {@code fingerprint}.
 * <p>
 * Alerts named in alert.never-call-alertnames (Watchdog, InfoInhibitor) are left out: they never call anyone, and
 * a firing alert.heartbeat.alertname ({@code heartbeat}) says monitoring is alive. What is left firing is spoken
 * (identical lines collapsed, with their count; at most {@value #SPOKEN_LINES} lines, then how many more) and is
 * the incident's alerts, by fingerprint. With nothing left firing but resolved alerts, the group is resolved.
 */
record MonitoringAlert(boolean resolved, String groupKey, List<AlertValues.Line> lines, int more,
        List<String> fingerprints, boolean heartbeat) {

    static final int SPOKEN_LINES = 3;

    /** Whether anything in it calls: an alert still firing that is not on the never-call list. */
    boolean firing() {
        return !fingerprints.isEmpty();
    }

    static MonitoringAlert parse(byte[] body, String heartbeatName, Set<String> neverCalled) {
        JsonNode n = JsonBody.object(body, "an Alertmanager or Grafana notification");
        JsonNode alerts = n.path("alerts");
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw new RejectedRequest(400, "a JSON alert must be an Alertmanager or Grafana notification with alerts[]"
                    + " (or send message as a form or query parameter)");
        }
        boolean groupResolved = "resolved".equals(n.path("status").asText(""));
        String groupKey = n.path("groupKey").asText("");
        if (groupKey.isBlank()) {
            groupKey = labelsOf(alerts); // no group key sent: the same set of alerts is the same incident
        }
        Map<String, AlertValues.Line> lines = new LinkedHashMap<>();
        List<String> fingerprints = new ArrayList<>();
        boolean heartbeat = false;
        boolean anyResolved = false;
        for (JsonNode alert : alerts) {
            String name = alert.path("labels").path("alertname").asText("").strip();
            boolean firing = !groupResolved && "firing".equals(alert.path("status").asText("firing"));
            if (neverCalled.contains(name) || name.equals(heartbeatName)) {
                heartbeat |= firing && name.equals(heartbeatName);
                continue;
            }
            if (!firing) {
                anyResolved = true;
                continue;
            }
            fingerprints.add(fingerprint(alert));
            String detail = detail(alert);
            lines.merge(name + "\u0000" + detail, AlertValues.Line.of(name, detail, 1),
                    (a, b) -> AlertValues.Line.of(a.name(), a.detail(), a.count() + 1));
        }
        List<AlertValues.Line> spoken = new ArrayList<>(lines.values());
        int more = 0;
        for (AlertValues.Line unspoken : spoken.subList(Math.min(SPOKEN_LINES, spoken.size()), spoken.size())) {
            more += unspoken.count();
        }
        return new MonitoringAlert(fingerprints.isEmpty() && anyResolved, groupKey,
                List.copyOf(spoken.subList(0, Math.min(SPOKEN_LINES, spoken.size()))), more,
                List.copyOf(new java.util.LinkedHashSet<>(fingerprints)), heartbeat);
    }

    private static String detail(JsonNode alert) {
        JsonNode annotations = alert.path("annotations");
        String detail = annotations.path("summary").asText("").strip();
        return detail.isEmpty() ? annotations.path("description").asText("").strip() : detail;
    }

    /** The alert's fingerprint; without one, a digest of its labels (the same labels are the same alert). */
    private static String fingerprint(JsonNode alert) {
        String given = alert.path("fingerprint").asText("").strip();
        if (!given.isEmpty() && given.length() <= 64) {
            return given;
        }
        Map<String, String> labels = new TreeMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return AlertRequest.sha256(labels.toString()).substring(0, 32);
    }

    private static String labelsOf(JsonNode alerts) {
        StringBuilder all = new StringBuilder();
        for (JsonNode alert : alerts) {
            Map<String, String> labels = new TreeMap<>();
            alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            all.append(labels).append(';');
        }
        return all.toString();
    }
}

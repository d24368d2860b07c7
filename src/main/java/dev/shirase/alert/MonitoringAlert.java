package dev.shirase.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.webhook.JsonBody;
import dev.shirase.webhook.RejectedRequest;

/**
 * A notification from Prometheus Alertmanager (webhook payload version 4) or Grafana's webhook contact point,
 * which shares its shape: {@code status} (firing or resolved), {@code groupKey}, {@code alerts[]} with
 * {@code labels} and {@code annotations}. What is spoken is one line per firing alert, "alertname: summary"
 * (or its description), at most three, then how many more; the incident is the group's.
 */
record MonitoringAlert(boolean resolved, String groupKey, String message) {

    private static final int SPOKEN_ALERTS = 3;

    static MonitoringAlert parse(byte[] body) {
        JsonNode n = JsonBody.object(body, "an Alertmanager or Grafana notification");
        JsonNode alerts = n.path("alerts");
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw new RejectedRequest(400, "a JSON alert must be an Alertmanager or Grafana notification with alerts[]"
                    + " (or send message as a form or query parameter)");
        }
        boolean resolved = "resolved".equals(n.path("status").asText(""));
        String groupKey = n.path("groupKey").asText("");
        if (groupKey.isBlank()) {
            groupKey = labelsOf(alerts); // no group key sent: the same set of alerts is the same incident
        }
        List<String> lines = new ArrayList<>();
        int firing = 0;
        for (JsonNode alert : alerts) {
            if (resolved || "firing".equals(alert.path("status").asText("firing"))) {
                firing++;
                if (lines.size() < SPOKEN_ALERTS) {
                    lines.add(line(alert));
                }
            }
        }
        if (firing > SPOKEN_ALERTS) {
            lines.add("and " + (firing - SPOKEN_ALERTS) + " more");
        }
        String message = String.join(". ", lines);
        return new MonitoringAlert(resolved, groupKey, message.length() > 500 ? message.substring(0, 499) + "…" : message);
    }

    private static String line(JsonNode alert) {
        String name = alert.path("labels").path("alertname").asText("").strip();
        JsonNode annotations = alert.path("annotations");
        String detail = annotations.path("summary").asText("").strip();
        if (detail.isEmpty()) {
            detail = annotations.path("description").asText("").strip();
        }
        if (name.isEmpty()) {
            return detail.isEmpty() ? "an alert" : detail;
        }
        return detail.isEmpty() ? name : name + ": " + detail;
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

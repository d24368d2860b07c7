package dev.shirase.uipath;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.Wording;
import dev.shirase.channel.Notice;
import dev.shirase.channel.Ticket;
import dev.shirase.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * What a job that ended says: a chat {@link Notice} (process and state, robot and machine, start and end in
 * uipath.time-zone, the Info text for faulted and stopped jobs, trimmed for chat, and a link to Orchestrator),
 * and for faulted and stopped jobs a Backlog {@link Ticket} with the whole Info text and the job's data.
 */
public class UiPathMessage {

    /** Exchange property holding the job being notified. */
    public static final String JOB = "uipathJob";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public Notice notice(Exchange exchange) {
        UiPathJob job = exchange.getProperty(JOB, UiPathJob.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        Wording wording = Wording.of(setting(p, "uipath.language", "en"));
        ZoneId zone = ZoneId.of(setting(p, "uipath.time-zone", "Asia/Tokyo"));
        int maxInfo = Integer.parseInt(setting(p, "uipath.chat.info-max-length", "500"));
        Map<String, Object> values = values(job, wording, zone);

        List<String> lines = new ArrayList<>();
        if (job.robot() != null || job.machine() != null) {
            lines.add(wording.format("uipath.robot", values));
        }
        if (job.startTime() != null) {
            lines.add(wording.format("uipath.started", values));
        }
        if (job.endTime() != null) {
            lines.add(wording.format("uipath.ended", values));
        }
        if (job.needsTicket() && job.info() != null && !job.info().isBlank()) {
            values.put("info", forChat(job.info(), maxInfo));
            lines.add(wording.format("uipath.reason", values));
        }
        String orchestrator = setting(p, "uipath.orchestrator.url", "");
        if (!orchestrator.isEmpty()) {
            values.put("url", orchestrator.replaceAll("/+$", ""));
            lines.add(wording.format("uipath.link", values));
        }
        return new Notice(wording.format("uipath.title", values), String.join("\n", lines), level(job.state()),
                job.machine() == null ? null : wording.format("uipath.footer", values));
    }

    public Ticket ticket(Exchange exchange) {
        UiPathJob job = exchange.getProperty(JOB, UiPathJob.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        Wording wording = Wording.of(setting(p, "uipath.language", "en"));
        ZoneId zone = ZoneId.of(setting(p, "uipath.time-zone", "Asia/Tokyo"));
        Map<String, Object> values = values(job, wording, zone);
        values.put("info", job.info() == null ? "" : job.info().replace("\r\n", "\n"));
        String description = wording.format("uipath.ticket.description", values) + "\n\nData:\n" + data(job.data(), zone);
        return new Ticket(setting(p, "uipath.backlog.project-id", ""), setting(p, "uipath.backlog.issue-type-id", ""),
                setting(p, "uipath.backlog.priority-id", "3"), wording.format("uipath.title", values), description);
    }

    private static Map<String, Object> values(UiPathJob job, Wording wording, ZoneId zone) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", job.id());
        values.put("key", job.key() == null ? "" : job.key());
        values.put("process", job.process() == null ? "?" : job.process());
        values.put("state", wording.format("uipath.state." + job.state(), Map.of()));
        values.put("robot", job.robot() == null ? "-" : job.robot());
        values.put("machine", job.machine() == null ? "-" : job.machine());
        values.put("started", local(job.startTime(), zone));
        values.put("ended", local(job.endTime(), zone));
        values.put("zone", zone.getId());
        return values;
    }

    static String level(String state) {
        return switch (state) {
            case "Faulted" -> "danger";
            case "Successful" -> "good";
            default -> "warning";
        };
    }

    /** The Info text for chat: no .NET stack frames, at most {@code max} characters. */
    static String forChat(String info, int max) {
        List<String> kept = new ArrayList<>();
        for (String line : info.replace("\r\n", "\n").split("\n")) {
            if (!line.isBlank() && !line.stripLeading().startsWith("at ")) {
                kept.add(line.strip());
            }
        }
        String text = String.join("\n", kept);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String local(String isoTime, ZoneId zone) {
        if (isoTime == null) {
            return "-";
        }
        try {
            return TIME.format(Instant.parse(isoTime).atZone(zone));
        } catch (RuntimeException e) {
            return isoTime;
        }
    }

    /** The job's JSON flattened as the seed does: Parent_Child keys, sorted, times in the zone. */
    static String data(JsonNode job, ZoneId zone) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", job, flat, zone);
        StringBuilder out = new StringBuilder();
        flat.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        return out.toString().stripTrailing();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat, ZoneId zone) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "_" + field.getKey(), field.getValue(), flat, zone);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "_" + i, node.get(i), flat, zone);
            }
        } else {
            String value = node.asText().replace("\r\n", "\n").replace("\n", " / ");
            flat.put(prefix, prefix.endsWith("Time") ? local(node.asText(), zone) : value);
        }
    }

    private static String setting(PropertiesComponent p, String key, String fallback) {
        return Settings.get(p, key, fallback);
    }
}

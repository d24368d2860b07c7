package dev.shirase.uipath;

import dev.shirase.seam.Seam;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.channel.Notice;
import dev.shirase.channel.Ticket;
import dev.shirase.settings.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * What a job that ended says: the values of its templates (templates/uipath-jobs/), the chat {@link Notice} made of
 * the rendered title, text and footer (coloured by the job's state), and for faulted and stopped jobs the Backlog
 * {@link Ticket} with the rendered title and description.
 */
public class UiPathMessage {

    /** Exchange property holding the job being notified. */
    public static final String JOB = Seam.UIPATH_JOB;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public UiPathValues values(Exchange exchange) {
        UiPathJob job = exchange.getProperty(JOB, UiPathJob.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        ZoneId zone = ZoneId.of(setting(p, "uipath.time-zone", "Asia/Tokyo"));
        int maxInfo = Integer.parseInt(setting(p, "uipath.chat.info-max-length", "500"));
        String orchestrator = setting(p, "uipath.orchestrator.url", "").replaceAll("/+$", "");
        boolean hasReason = job.faultedOrStopped() && job.info() != null && !job.info().isBlank();
        List<UiPathValues.Field> data = new ArrayList<>();
        data(job.data(), zone).forEach((name, value) -> data.add(new UiPathValues.Field(name, value)));
        return new UiPathValues(String.valueOf(job.id()), job.key(), job.process() == null ? "?" : job.process(), job.release(), job.state(),
                "Faulted".equals(job.state()), "Successful".equals(job.state()), "Stopped".equals(job.state()),
                job.robot(), job.machine(), job.robot() != null || job.machine() != null,
                job.startTime() == null ? null : local(job.startTime(), zone),
                job.endTime() == null ? null : local(job.endTime(), zone), zone.getId(),
                hasReason ? forChat(job.info(), maxInfo) : null,
                job.info() == null ? "" : job.info().replace("\r\n", "\n"),
                orchestrator.isEmpty() ? null : orchestrator, data);
    }

    /** The chat message, from what the route rendered: title, text and footer (none when empty). */
    public Notice notice(Exchange exchange, String title, String text, String footer) {
        UiPathJob job = exchange.getProperty(JOB, UiPathJob.class);
        String foot = Notice.textOf(footer);
        return new Notice(Notice.textOf(title), Notice.textOf(text), level(job.state()), foot.isBlank() ? null : foot);
    }

    /** The Backlog issue, from the rendered title and ticket description. */
    public Ticket ticket(Exchange exchange, String title, String description) {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        return new Ticket(setting(p, "uipath.backlog.project-id", ""), setting(p, "uipath.backlog.issue-type-id", ""),
                setting(p, "uipath.backlog.priority-id", "3"), Notice.textOf(title), Notice.textOf(description));
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
    static Map<String, String> data(JsonNode job, ZoneId zone) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", job, flat, zone);
        return flat;
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

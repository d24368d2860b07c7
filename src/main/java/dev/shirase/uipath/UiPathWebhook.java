package dev.shirase.uipath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.webhook.RejectedRequest;

/**
 * Reads an Orchestrator webhook body. job.faulted, job.completed and job.stopped are handled, with their job as
 * {@code Job} (an object) or {@code Jobs} (an array); other types are well-formed but not handled.
 */
public class UiPathWebhook {

    static final Set<String> HANDLED = Set.of("job.faulted", "job.completed", "job.stopped");
    private static final ObjectMapper JSON = new ObjectMapper();

    public UiPathEvent parse(byte[] body) {
        JsonNode event;
        try {
            event = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (Exception e) {
            throw new RejectedRequest(400, "body is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw new RejectedRequest(400, "body is not a JSON object (expected an Orchestrator webhook event)");
        }
        String type = event.path("Type").asText("");
        if (!HANDLED.contains(type)) {
            return new UiPathEvent(type, event.path("EventId").asText(""), false, List.of());
        }
        String eventId = event.path("EventId").asText("").trim();
        if (eventId.isEmpty()) {
            throw new RejectedRequest(400, "event has no EventId");
        }
        List<UiPathJob> jobs = new ArrayList<>();
        if (event.path("Job").isObject()) {
            jobs.add(UiPathJob.fromWebhook(event.path("Job")));
        }
        for (JsonNode job : event.path("Jobs")) {
            if (job.isObject()) {
                jobs.add(UiPathJob.fromWebhook(job));
            }
        }
        if (jobs.isEmpty()) {
            throw new RejectedRequest(400, type + " event has no Job or Jobs");
        }
        for (UiPathJob job : jobs) {
            if (job.id() == 0 || job.state() == null) {
                throw new RejectedRequest(400, type + " event has a job without Id or State");
            }
        }
        return new UiPathEvent(type, eventId, true, jobs);
    }
}

package dev.shirase.uipath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.webhook.JsonBody;
import dev.shirase.webhook.RejectedRequest;

/**
 * Reads an Orchestrator webhook body. job.faulted, job.completed and job.stopped are handled, with their job as
 * {@code Job} (an object) or {@code Jobs} (an array); other types are well-formed but not handled.
 */
public class UiPathWebhook {

    static final Set<String> HANDLED = Set.of("job.faulted", "job.completed", "job.stopped");

    public UiPathEvent parse(byte[] body) {
        JsonNode event = JsonBody.object(body, "an Orchestrator webhook event");
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

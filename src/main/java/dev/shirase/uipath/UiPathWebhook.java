package dev.shirase.uipath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shirase.webhook.JsonBody;
import dev.shirase.webhook.RejectedRequest;

/**
 * Reads an Orchestrator webhook body. job.faulted, job.completed and job.stopped are handled, with their job in
 * every form Orchestrator's documentation shows: {@code Job} (an object), {@code Jobs} as an array, or {@code Jobs}
 * as a single object (Orchestrator 2023.10); other types are well-formed but not handled.
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
        JsonNode job = event.path("Job");
        JsonNode many = event.path("Jobs");
        if (job.isObject()) {
            jobs.add(UiPathJob.fromWebhook(job));
        } else if (!job.isMissingNode() && !job.isNull()) {
            throw new RejectedRequest(400, type + " event's Job is not an object");
        }
        if (many.isObject()) {
            jobs.add(UiPathJob.fromWebhook(many)); // the single-object form
        } else if (many.isArray()) {
            for (JsonNode each : many) {
                if (!each.isObject()) {
                    throw new RejectedRequest(400, type + " event's Jobs holds something that is not a job object");
                }
                jobs.add(UiPathJob.fromWebhook(each));
            }
        } else if (!many.isMissingNode() && !many.isNull()) {
            throw new RejectedRequest(400, type + " event's Jobs is neither a job object nor an array of them");
        }
        if (jobs.isEmpty()) {
            throw new RejectedRequest(400, type + " event has no Job or Jobs");
        }
        for (UiPathJob each : jobs) {
            if (each.id() == 0 || each.state() == null) {
                throw new RejectedRequest(400, type + " event has a job without Id or State");
            }
        }
        return new UiPathEvent(type, eventId, true, jobs);
    }
}

package dev.shirase.clockify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.webhook.JsonBody;
import dev.shirase.webhook.RejectedRequest;

/**
 * Reads a Clockify timer webhook body, refusing with 400 and a one-line reason what no message can come from
 * (or that could not be told apart from a repeat: the time entry's id is required).
 */
public class ClockifyWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ClockifyTimeEntry parse(byte[] body) {
        JsonNode tree = JsonBody.object(body, "a Clockify time entry");
        if (!tree.path("id").isTextual() || tree.path("id").asText().isBlank()) {
            throw new RejectedRequest(400, "time entry has no id");
        }
        if (!tree.path("user").isObject()) {
            throw new RejectedRequest(400, "time entry has no user object");
        }
        if (!tree.path("user").path("name").isTextual() || tree.path("user").path("name").asText().isBlank()) {
            throw new RejectedRequest(400, "time entry has no user.name");
        }
        if (!tree.path("currentlyRunning").isBoolean()) {
            throw new RejectedRequest(400, "time entry has no boolean currentlyRunning");
        }
        try {
            return JSON.treeToValue(tree, ClockifyTimeEntry.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    ? mapping.getPathReference() : "a field";
            throw new RejectedRequest(400, "time entry field has the wrong type: " + shortPath(field));
        }
    }

    private static String shortPath(String pathReference) {
        // Jackson's path reads like "dev.shirase.clockify.ClockifyTimeEntry["project"]->...["name"]"
        return pathReference.replaceAll("[\\w.$]+\\[\"", "").replace("\"]->", ".").replace("\"]", "");
    }
}

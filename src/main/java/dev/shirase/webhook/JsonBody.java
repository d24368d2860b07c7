package dev.shirase.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A webhook body that must be a JSON object: parsed, or refused with 400 and a one-line reason. */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** {@code expected} names what the object should be, for the reason: "a Clockify time entry". */
    public static JsonNode object(byte[] body, String expected) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (Exception e) {
            throw new RejectedRequest(400, "body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRequest(400, "body is not a JSON object (expected " + expected + ")");
        }
        return tree;
    }
}

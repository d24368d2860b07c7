package dev.shirase.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** A webhook body that must be a JSON object: parsed, or refused with 400 and a one-line reason. */
public final class JsonBody {

    /** One JSON value per body: content after it (a second object, stray text) is refused, not ignored. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {
    }

    /**
     * The body's JSON object as a map, for a flow written in YAML alone: {@code ${body[issue][title]}} in its steps,
     * {@code {{body.issue.title}}} in its templates. 400 unless the body is one JSON object.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> fields(byte[] body) {
        return JSON.convertValue(object(body, "a JSON object"), java.util.Map.class);
    }

    /** {@code expected} names what the object should be, for the reason: "a Clockify time entry". */
    public static JsonNode object(byte[] body, String expected) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (MismatchedInputException e) {
            throw new RejectedRequest(400, e.getMessage().startsWith("Trailing token")
                    ? "body has content after its JSON value (send one JSON object)" : "body is not valid JSON");
        } catch (Exception e) {
            throw new RejectedRequest(400, "body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRequest(400, "body is not a JSON object (expected " + expected + ")");
        }
        return tree;
    }
}

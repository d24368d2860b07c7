package dev.shirase.preview;

import dev.shirase.seam.Seam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * A run of a flow that shows instead of doing ({@code POST /admin/preview/{routeId}}): it rides on the exchange as
 * property {@value #PROPERTY}, and each step with an effect outside the exchange asks {@link #active} first. The
 * channel routes render as usual and hand their payloads here instead of to the outbox; nothing is stored or sent,
 * no signature is checked (the admin token was), and a scheduled flow's sources answer from the sample.
 */
public final class Preview {

    public static final String PROPERTY = Seam.SHIRASE_PREVIEW;

    private final Map<String, JsonNode> answers;
    private final Map<String, Integer> served = new HashMap<>();
    private final List<Map<String, Object>> messages = Collections.synchronizedList(new ArrayList<>());

    /** {@code answers}: the sample answer of each source, by name (the host of its http endpoint). */
    public Preview(Map<String, JsonNode> answers) {
        this.answers = answers;
    }

    public static boolean active(Exchange exchange) {
        return exchange.getProperty(PROPERTY) != null;
    }

    public static Preview of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Preview.class);
    }

    /** What one channel would receive: its exact payload, the setting naming its target, and the plain text. */
    public void message(String channel, String destinationSetting, String payload, String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", channel);
        message.put("destinationSetting", destinationSetting);
        message.put("payload", payload);
        message.put("text", text);
        messages.add(message);
    }

    public List<Map<String, Object>> messages() {
        return List.copyOf(messages);
    }

    /**
     * The sample's answer for the next call to {@code source}: the answer itself, or for a JSON array the next of
     * its answers (one per call, for a source read page by page); null when the sample has none left.
     */
    public synchronized JsonNode answer(String source) {
        JsonNode answer = answers.get(source);
        if (answer == null || !answer.isArray()) {
            return answer;
        }
        int next = served.merge(source, 1, Integer::sum) - 1;
        return next < answer.size() ? answer.get(next) : null;
    }

    public String sources() {
        return String.join(", ", answers.keySet());
    }
}

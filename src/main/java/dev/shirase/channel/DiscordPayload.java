package dev.shirase.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of a Discord execute-webhook call: the text as {@code content}, cut to Discord's 2000-character
 * limit, with every mention parse switched off so user text cannot ping @everyone, @here, roles or users.
 */
public class DiscordPayload {

    static final int MAX_CONTENT = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String render(Object body) throws JsonProcessingException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("content", Truncate.to(Notice.textOf(body), MAX_CONTENT));
        payload.put("allowed_mentions", Map.of("parse", List.of()));
        return JSON.writeValueAsString(payload);
    }
}

package dev.shirase.channel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The body of a Google Chat space webhook call: {@code {"text": ...}}, within the 32,000-byte message limit. */
public class GoogleChatPayload {

    /** Room for the JSON around the text and escaped characters. */
    static final int MAX_TEXT_BYTES = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String render(Object body) throws JsonProcessingException {
        String text = body instanceof Notice notice ? bold(notice) : Notice.textOf(body);
        return JSON.writeValueAsString(Map.of("text", cutToBytes(text, MAX_TEXT_BYTES)));
    }

    private static String bold(Notice notice) {
        return new Notice("*" + notice.title() + "*", notice.text(), notice.level(), notice.footer()).asText();
    }

    static String cutToBytes(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int chars = Math.min(text.length(), maxBytes);
        while (chars > 0 && Truncate.to(text, chars).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            chars -= Math.max(1, chars / 50);
        }
        return Truncate.to(text, chars);
    }
}

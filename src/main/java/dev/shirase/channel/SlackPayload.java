package dev.shirase.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.delivery.Delivery;
import org.apache.camel.Exchange;

/**
 * The body of a Slack incoming-webhook call: the text (mrkdwn, with &amp;, &lt; and &gt; escaped as Slack
 * requires, cut to 40,000 characters), or for a {@link Notice} one attachment coloured by its level; plus
 * {@code username} / {@code icon_emoji} when the flow names a sender (legacy webhooks show them; app webhooks
 * ignore them).
 */
public class SlackPayload {

    static final int MAX_TEXT = 40_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String render(Exchange exchange) throws JsonProcessingException {
        Object body = exchange.getMessage().getBody();
        Map<String, Object> payload = new LinkedHashMap<>();
        if (body instanceof Notice notice) {
            payload.put("attachments", List.of(attachment(notice)));
        } else {
            payload.put("text", Truncate.to(escape(Notice.textOf(body)), MAX_TEXT));
        }
        putIfSet(payload, "username", exchange.getProperty(Delivery.SENDER_NAME, String.class));
        putIfSet(payload, "icon_emoji", exchange.getProperty(Delivery.SENDER_ICON, String.class));
        return JSON.writeValueAsString(payload);
    }

    /** The seed's look: one attachment coloured by level, the title over the text, the footer beneath. */
    private static Map<String, Object> attachment(Notice notice) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("title", escape(notice.title()));
        field.put("value", Truncate.to(escape(notice.text() == null ? "" : notice.text()), MAX_TEXT));
        field.put("short", false);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", notice.level());
        attachment.put("fallback", escape(notice.title()));
        attachment.put("fields", List.of(field));
        if (notice.footer() != null) {
            attachment.put("footer", escape(notice.footer()));
        }
        return attachment;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void putIfSet(Map<String, Object> payload, String key, String value) {
        if (value != null && !value.isBlank()) {
            payload.put(key, value.trim());
        }
    }
}

package dev.shirase.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a channel's payload template (templates/channels/&lt;channel&gt;.mustache) may use: the message, cut to the
 * channel's limit, as plain text and, under {@code json}, as JSON string literals (quoted and escaped), so a JSON
 * payload template writes {@code "text": {{json.text}}} and cannot produce broken JSON whatever the message holds.
 *
 * @param title   a structured message's title (absent for a plain one)
 * @param body    a structured message's text, or the whole plain message
 * @param footer  a structured message's footer, when it has one
 * @param level   how it went, for a colour: good, warning, danger (absent for a plain message)
 * @param text    the whole message as plain lines
 * @param subject a line to stand for it (an email subject): the title, else the text's first line
 * @param json    the same values as JSON string literals ({@code null} when absent)
 */
public record PayloadValues(String title, String body, String footer, String level, String text, String subject,
        Json json) {

    /** The values as JSON string literals, e.g. {@code "a \"quoted\" word"}. */
    public record Json(String title, String body, String footer, String level, String text, String subject) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SUBJECT = 200;

    public static PayloadValues of(Object message, int maxLength) throws JsonProcessingException {
        Notice notice = message instanceof Notice n ? n : null;
        String text = Truncate.to(Notice.textOf(message), maxLength);
        String body = notice == null ? text : Truncate.to(notice.text() == null ? "" : notice.text(), maxLength);
        String title = notice == null ? null : notice.title();
        String subject = Truncate.to(title != null ? title : text.lines().findFirst().orElse(""), MAX_SUBJECT);
        String footer = notice == null ? null : notice.footer();
        String level = notice == null ? null : notice.level();
        return new PayloadValues(title, body, footer, level, text, subject, new Json(quoted(title), quoted(body),
                quoted(footer), quoted(level), quoted(text), quoted(subject)));
    }

    private static String quoted(String value) throws JsonProcessingException {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}

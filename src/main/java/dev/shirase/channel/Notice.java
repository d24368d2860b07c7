package dev.shirase.channel;

/**
 * A channel-neutral message with a little structure: a title, the text, a level (how it went: good, warning,
 * danger) and a footer. Each channel renders it its own way (a coloured Slack attachment, a Chatwork [info]
 * block, plain lines elsewhere). Flows with nothing but a sentence send a String instead.
 */
public record Notice(String title, String text, String level, String footer) {

    /** The whole notice as plain lines, for services without structure and for the logs. */
    public String asText() {
        StringBuilder lines = new StringBuilder();
        append(lines, title);
        append(lines, text);
        append(lines, footer);
        return lines.toString();
    }

    private static void append(StringBuilder lines, String part) {
        if (part != null && !part.isBlank()) {
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            lines.append(part);
        }
    }

    /**
     * The text of a message body: a Notice's lines, or the String itself, without the line break a template file
     * ends with.
     */
    public static String textOf(Object body) {
        if (body instanceof Notice notice) {
            return notice.asText();
        }
        return body == null ? "" : withoutFinalLineBreaks(body.toString());
    }

    static String withoutFinalLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}

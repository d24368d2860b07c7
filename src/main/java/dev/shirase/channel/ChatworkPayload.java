package dev.shirase.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The form body of a Chatwork "post message" call: {@code body} (a Notice becomes an [info][title] block)
 * and {@code self_unread=0}.
 */
public class ChatworkPayload {

    /** Chatwork's documented message limit is 65,535 characters; stay well inside it. */
    static final int MAX_BODY = 60_000;

    public String render(Object message) {
        String body = message instanceof Notice notice
                ? "[info][title]" + notice.title() + "[/title]" + new Notice(null, notice.text(), null, notice.footer())
                        .asText() + "[/info]"
                : Notice.textOf(message);
        return "body=" + URLEncoder.encode(Truncate.to(body, MAX_BODY), StandardCharsets.UTF_8) + "&self_unread=0";
    }
}

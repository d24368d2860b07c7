package dev.shirase.webhook;

import java.nio.charset.Charset;
import java.util.Locale;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;

/**
 * A Content-Type the server could not read is the caller's mistake, answered before any route (and before Vert.x's
 * own parsing, which fails with a 500 on some of them): 400 for one that does not parse ({@code charset="}), 415
 * for a charset this runtime does not know. The reason quotes at most {@value Quoted#MAX} characters of it.
 */
public final class HeaderCheck {

    private HeaderCheck() {
    }

    public static void install(CamelContext context) {
        Router router = HttpRouter.server(context) != null ? HttpRouter.server(context) : HttpRouter.of(context);
        if (router == null) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(request -> {
            String problem = problem(request.request().getHeader("Content-Type"));
            if (problem == null) {
                request.next();
                return;
            }
            request.response().setStatusCode(problem.startsWith("unknown") ? 415 : 400)
                    .putHeader("Content-Type", "application/json")
                    .end(WebhookReply.json(WebhookReply.ordered("status", "rejected", "reason", problem)));
            request.request().resume(); // the body nobody reads is drained, and the connection stays usable
        });
    }

    /** What is wrong with a Content-Type header, or null when nothing is (or there is none). */
    static String problem(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals).strip();
            String value = equals < 0 ? "" : parameter.substring(equals + 1).strip();
            if (value.startsWith("\"")) {
                if (value.length() < 2 || !value.endsWith("\"")) {
                    return "malformed Content-Type header (an unclosed quote): " + Quoted.of(contentType);
                }
                value = value.substring(1, value.length() - 1);
            }
            if (name.toLowerCase(Locale.ROOT).equals("charset")) {
                if (value.isEmpty()) {
                    return "malformed Content-Type header (an empty charset): " + Quoted.of(contentType);
                }
                if (!known(value)) {
                    return "unknown charset in the Content-Type header: " + Quoted.of(value);
                }
            }
        }
        return null;
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.shirase.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Where one send attempt goes, from the destination a message was accepted with and its channel's
 * {@link SendRoute}. A target {@code {}} is the destination setting's value (a webhook URL, the recipients).
 * Otherwise the destination is a settings prefix and each {@code {name}} is the setting {@code <prefix>.name}
 * ({@code {name:fallback}} when it may be unset): a value before a {@code /} loses its trailing slashes, one after the
 * {@code ?} is URL-encoded. Looked up at send time, so a fixed setting and a replay deliver to the fixed target. A
 * message whose destination is its channel (an inbound event kept for replay) goes back through its flow, not out.
 */
public final class Targets {

    private static final Pattern SETTING = Pattern.compile("\\{([a-z0-9-]+)(?::([^}]*))?}");

    /** The URL to POST to, and a token to send as a header, both secrets. */
    public record Target(String url, String token) {
    }

    /** A destination whose settings are missing: the message cannot be sent until they are set. */
    public static final class Unset extends RuntimeException {
        Unset(String setting) {
            super("setting " + setting + " is empty", null, false, false);
        }
    }

    private Targets() {
    }

    public static Target resolve(SendRoute route, String channel, String destination, PropertiesComponent settings) {
        if (destination.equals(channel)) {
            return new Target("", null);
        }
        String token = route.token().isEmpty() ? null : fill(route.token(), destination, settings);
        return new Target(fill(route.target(), destination, settings), token);
    }

    private static String fill(String pattern, String destination, PropertiesComponent settings) {
        if (pattern.equals("{}")) {
            return value(settings, destination, null);
        }
        int query = pattern.indexOf('?');
        StringBuilder filled = new StringBuilder();
        Matcher m = SETTING.matcher(pattern);
        while (m.find()) {
            String value = value(settings, destination + "." + m.group(1), m.group(2));
            if (query >= 0 && m.start() > query) {
                value = URLEncoder.encode(value, StandardCharsets.UTF_8);
            } else if (pattern.startsWith("/", m.end())) {
                value = value.replaceAll("/+$", "");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    private static String value(PropertiesComponent settings, String key, String fallback) {
        String value = settings.resolveProperty(key).orElse("").trim();
        if (value.isEmpty()) {
            if (fallback == null) {
                throw new Unset(key);
            }
            return fallback;
        }
        return value;
    }
}

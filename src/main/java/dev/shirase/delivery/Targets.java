package dev.shirase.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Where one send attempt goes, from the destination a message was accepted with. For most channels the
 * destination is a setting holding the webhook URL. Chatwork and Backlog need several settings, so their
 * destination is a prefix: {@code <prefix>.api-token}, {@code .room-id}, {@code .base-url} (Chatwork) and
 * {@code <prefix>.base-url}, {@code .api-key} (Backlog). Looked up at send time, so a fixed setting and a replay
 * deliver to the fixed target.
 */
public final class Targets {

    /** The URL to POST to, and a token to send as a header (Chatwork), both secrets. */
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

    public static Target resolve(String channel, String destination, PropertiesComponent settings) {
        if (channel.endsWith("-event")) {
            return new Target("", null); // an inbound event kept for replay goes back through its flow, not out
        }
        return switch (channel) {
            case "chatwork" -> new Target(
                    stripSlash(value(settings, destination + ".base-url", "https://api.chatwork.com/v2")) + "/rooms/"
                            + value(settings, destination + ".room-id", null) + "/messages",
                    value(settings, destination + ".api-token", null));
            case "backlog" -> new Target(
                    stripSlash(value(settings, destination + ".base-url", null)) + "/api/v2/issues?apiKey="
                            + URLEncoder.encode(value(settings, destination + ".api-key", null), StandardCharsets.UTF_8),
                    null);
            default -> new Target(value(settings, destination, null), null);
        };
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

    private static String stripSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}

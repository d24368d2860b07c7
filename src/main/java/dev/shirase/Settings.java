package dev.shirase;

import java.time.Duration;

import org.apache.camel.spi.PropertiesComponent;

/** Reading one setting (application.properties, overridden by the environment): its trimmed value or a fallback. */
public final class Settings {

    private Settings() {
    }

    /** The setting's value, or {@code fallback} when it is unset or blank. */
    public static String get(PropertiesComponent settings, String key, String fallback) {
        String value = settings.resolveProperty(key).orElse("").trim();
        return value.isEmpty() ? fallback : value;
    }

    /** A duration setting (500ms, 5s, 2m, 1h, 7d), or {@code fallback} when unset; a bad value names the key. */
    public static Duration duration(PropertiesComponent settings, String key, String fallback) {
        return Durations.parse(key, get(settings, key, fallback));
    }
}

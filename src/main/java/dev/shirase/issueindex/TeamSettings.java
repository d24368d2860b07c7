package dev.shirase.issueindex;

import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * A team's setting with the shared one as its default: {@code <team prefix>.<name>} when the team sets it (e.g.
 * issue-index.performance.open-condition), else {@code issue-index.<name>}.
 */
final class TeamSettings {

    static final String SHARED = "issue-index";

    private final PropertiesComponent properties;
    private final String prefix;

    TeamSettings(PropertiesComponent properties, String prefix) {
        this.properties = properties;
        this.prefix = prefix;
    }

    /** The team's value, else the shared one, else {@code fallback}. */
    String get(String name, String fallback) {
        return own(name).or(() -> value(SHARED + "." + name)).orElse(fallback);
    }

    /** The team's own value only. */
    Optional<String> own(String name) {
        return value(prefix + "." + name);
    }

    String prefix() {
        return prefix;
    }

    PropertiesComponent properties() {
        return properties;
    }

    private Optional<String> value(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }
}

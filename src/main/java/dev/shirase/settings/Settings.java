package dev.shirase.settings;

import java.time.Duration;

import org.apache.camel.model.RouteDefinition;
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

    /**
     * Why a setting that switches something on is not usable, or null when it is: empty (the flow or channel is
     * off), or a key ending in {@code -url} whose value is not an http(s) URL. The one rule behind every "an empty
     * setting switches it off": {@code {{configured:...}}} (a route's autoStartup) and {@link SettingSwitch} (a
     * channel's filter).
     */
    public static String problem(PropertiesComponent settings, String key) {
        String value = get(settings, key, "");
        if (value.isEmpty()) {
            return "missing setting " + key + " (env " + envName(key) + ")";
        }
        if (key.endsWith("-url") && !isHttpUrl(value)) {
            return "setting " + key + " is not an http(s) URL";
        }
        return null;
    }

    /** {@link #problem} of each of the comma-separated {@code keys}: empty when every one is usable. */
    public static java.util.List<String> problems(PropertiesComponent settings, String keys) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String key : keys.split(",")) {
            String problem = problem(settings, key.trim());
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * The keys under {@code prefix} (issue-index.weights.): the ones in application.properties, and the ones only
     * an environment variable sets, by Camel's rule read backwards (ISSUE_INDEX_WEIGHTS_MEDIUM is
     * issue-index.weights.medium: the rest of the name lower-cased, its _ read as -). Their values come through
     * the properties component as usual, so the environment wins over the file.
     */
    public static java.util.SortedSet<String> keysUnder(PropertiesComponent settings, String prefix,
            java.util.Map<String, String> env) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(
                settings.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames());
        String envPrefix = envName(prefix);
        for (String name : env.keySet()) {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                String rest = name.substring(envPrefix.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                if (keys.stream().noneMatch(k -> envName(k).equals(name))) {
                    keys.add(prefix + rest);
                }
            }
        }
        return keys;
    }

    /**
     * The settings prefix a templated route was made with (its template's {@code settings} parameter: kpi.signups,
     * issue-index.billing), or null for any other route.
     */
    public static String prefixOf(RouteDefinition route) {
        Object prefix = route.getTemplateParameters() == null ? null : route.getTemplateParameters().get("settings");
        return prefix == null ? null : prefix.toString();
    }

    /** The environment variable that overrides a key (Camel's rule). */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** A duration setting (500ms, 5s, 2m, 1h, 7d), or {@code fallback} when unset; a bad value names the key. */
    public static Duration duration(PropertiesComponent settings, String key, String fallback) {
        return Durations.parse(key, get(settings, key, fallback));
    }
}

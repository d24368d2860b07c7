package dev.shirase.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.shirase.settings.Settings;

/**
 * The keys Shirase knows (the shipped application.properties, as the build listed them), the families whose names a
 * user makes up, and the environment variables that look like a setting but set none.
 */
public final class Keys {

    /** Keys whose names are open: a channel's rate, a tier, a priority's weight, Camel's own, the mail account. */
    static final List<Pattern> OPEN_KEYS = List.of(Pattern.compile("camel\\..+"),
            Pattern.compile("shirase\\.delivery\\.rate\\.[a-z0-9-]+"), Pattern.compile("alert\\.tiers\\.\\d+"),
            Pattern.compile("issue-index\\.weights\\.[a-z0-9-]+"), Pattern.compile("shirase\\.mail\\.(username|password)"));
    /** The open key families, as environment variables. */
    private static final List<Pattern> OPEN_VARIABLES = List.of(Pattern.compile("SHIRASE_DELIVERY_RATE_[A-Z0-9_]+"),
            Pattern.compile("ALERT_TIERS_\\d+"), Pattern.compile("ISSUE_INDEX_WEIGHTS_[A-Z0-9_]+"),
            Pattern.compile("SHIRASE_MAIL_(USERNAME|PASSWORD)"));
    /** Variables of bin/shirase itself, which read like settings but are not. */
    private static final Set<String> SCRIPT_VARIABLES = Set.of("SHIRASE_JAR", "SHIRASE_AOT_CACHE",
            "SHIRASE_AOT_TRAINING");

    private Keys() {
    }

    /** The keys Shirase knows. */
    public static Set<String> shipped() {
        return shippedFile().stringPropertyNames();
    }

    /** The keys whose shipped value is a duration (10m, 5s, 90d): a value there must be one too. */
    static Set<String> durations() {
        Set<String> durations = new HashSet<>();
        Properties shipped = shippedFile();
        for (String key : shipped.stringPropertyNames()) {
            if (shipped.getProperty(key).trim().matches("\\d+\\s*(ms|s|m|h|d)") && !key.endsWith("language")) {
                durations.add(key);
            }
        }
        return durations;
    }

    /**
     * The environment variables that look like a Shirase setting (they start as one of the keys does: KPI_,
     * CLOCKIFY_, ISSUE_INDEX_, ...) but set none: no key reads as them by Camel's rule, and none of the families
     * whose names the user makes up (a priority's weight, a channel's rate, a tier, a KPI's or team's own key) takes
     * them. Silently ignored otherwise: a typo in a container's environment would change nothing and say nothing.
     * Used by bin/shirase check and at start.
     */
    public static List<String> unmatchedVariables(Map<String, String> env, Set<String> keys, Set<String> prefixes) {
        Set<String> envKeys = new HashSet<>();
        Set<String> starts = new TreeSet<>();
        for (String key : keys) {
            envKeys.add(Settings.envName(key));
            String first = key.split("\\.")[0];
            if (!first.equals("camel")) {
                starts.add(Settings.envName(first) + "_");
            }
        }
        List<String> unmatched = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (starts.stream().noneMatch(name::startsWith) || envKeys.contains(name) || SCRIPT_VARIABLES.contains(name)
                    || OPEN_VARIABLES.stream().anyMatch(p -> p.matcher(name).matches())
                    || ownPrefixVariable(name, prefixes, envKeys)) {
                continue;
            }
            unmatched.add("environment: " + name + " sets no setting" + didYouMean(envKeys, name));
        }
        return unmatched;
    }

    /** KPI_SIGNUPS_LABEL for a KPI whose prefix is kpi.signups; ISSUE_INDEX_BILLING_WEIGHTS_HIGH for a team. */
    private static boolean ownPrefixVariable(String name, Set<String> prefixes, Set<String> envKeys) {
        for (String prefix : prefixes) {
            String start = Settings.envName(prefix) + "_";
            if (name.startsWith(start)) {
                String rest = name.substring(start.length());
                if (envKeys.contains("KPI_" + rest) || envKeys.contains("ISSUE_INDEX_" + rest)
                        || envKeys.contains("ISSUE_INDEX_CUSTOMER_" + rest) || rest.startsWith("WEIGHTS_")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** kpi.signups.label for a KPI whose prefix is kpi.signups; issue-index.billing.schedule for a team. */
    static boolean ownPrefix(String key, Set<String> prefixes, Set<String> known) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix + ".")) {
                String rest = key.substring(prefix.length() + 1);
                if (known.contains("kpi." + rest) || known.contains("issue-index." + rest)
                        || known.contains("issue-index.customer." + rest) || rest.startsWith("weights.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** " (did you mean K?)" for the nearest of {@code names}, when it is near. */
    static String didYouMean(Set<String> names, String name) {
        String nearest = names.stream().min(Comparator.comparingInt(k -> distance(k, name))).orElse("");
        return distance(nearest, name) <= 3 ? " (did you mean " + nearest + "?)" : "";
    }

    private static Properties shippedFile() {
        Properties shipped = new Properties();
        try (InputStream in = Keys.class.getResourceAsStream("/shirase/application.properties")) {
            if (in != null) {
                shipped.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return shipped;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package dev.shirase.issueindex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.shirase.Wording;
import dev.shirase.digest.DigestState;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Writes a team's issue index message: score, change since the last post (kept in the store across restarts),
 * count per configured priority, and the unset or unknown priorities with the default weight they counted with.
 * Weights are the issue-index.weights.&lt;priority&gt; settings; issue-index.weights.default is for the rest.
 */
public class IssueIndexReport {

    /** Exchange property: the team (customer, performance...). */
    public static final String TEAM = "issueTeam";
    static final String SCORE = "issueScore";
    private static final String WEIGHTS = "issue-index.weights.";

    public String compose(Exchange exchange) {
        String team = exchange.getProperty(TEAM, String.class);
        IssueTally tally = exchange.getProperty(VtigerIssues.TALLY, IssueTally.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        TeamSettings settings = VtigerIssues.team(exchange);
        Map<String, Integer> weights = weights(p, WEIGHTS);
        weights.putAll(weights(p, settings.prefix() + ".weights.")); // the team's own weights win
        int defaultWeight = whole(settings.prefix() + ".weights.default", settings.get("weights.default", "1"));
        long score = IssueIndex.score(tally.counts(), weights, defaultWeight);
        exchange.setProperty(SCORE, score);
        Optional<Long> previous = state(exchange).get(stateKey(team)).map(Long::parseLong);
        return message(team, score, previous, tally.counts(), weights, defaultWeight,
                Wording.of(p.resolveProperty("issue-index.language").orElse("ja").trim()));
    }

    /** After the message is in the outbox: its score is what the next post compares with. */
    public void remember(Exchange exchange) {
        state(exchange).put(stateKey(exchange.getProperty(TEAM, String.class)),
                String.valueOf(exchange.getProperty(SCORE, Long.class)));
    }

    static String message(String team, long score, Optional<Long> previous, Map<String, Long> counts,
            Map<String, Integer> weights, int defaultWeight, Wording wording) {
        Map<String, Object> values = new HashMap<>();
        values.put("team", team);
        values.put("score", score);
        values.put("change", change(score, previous, wording));
        List<String> lines = new ArrayList<>();
        lines.add(wording.format("issue-index.title", values));

        Map<String, Long> known = new LinkedHashMap<>();
        Map<String, Long> unknown = new LinkedHashMap<>();
        weights.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(w -> known.put(w.getKey(), 0L));
        Map<String, String> shownName = new HashMap<>();
        counts.forEach((priority, count) -> {
            String key = priority.isEmpty() ? null : IssueIndex.key(priority);
            if (key != null && known.containsKey(key)) {
                known.merge(key, count, Long::sum);
                shownName.put(key, priority);
            } else {
                unknown.merge(priority, count, Long::sum);
            }
        });
        known.forEach((key, count) -> lines.add(wording.format("issue-index.count", Map.of(
                "priority", shownName.getOrDefault(key, capitalized(key)), "count", count, "weight", weights.get(key)))));
        if (!unknown.isEmpty()) {
            List<String> listed = new ArrayList<>();
            unknown.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .forEach(u -> listed.add(wording.format("issue-index.unknown-item", Map.of(
                            "priority", u.getKey().isEmpty() ? wording.format("issue-index.unset", Map.of())
                                    : u.getKey(), "count", u.getValue()))));
            lines.add(wording.format("issue-index.unknown", Map.of("weight", defaultWeight,
                    "list", String.join(", ", listed))));
        }
        return String.join("\n", lines);
    }

    private static String change(long score, Optional<Long> previous, Wording wording) {
        if (previous.isEmpty()) {
            return wording.format("issue-index.change.first", Map.of());
        }
        long diff = score - previous.get();
        String key = diff > 0 ? "issue-index.change.up" : diff < 0 ? "issue-index.change.down"
                : "issue-index.change.same";
        return wording.format(key, Map.of("diff", Math.abs(diff)));
    }

    /** {prefix}urgent = 10 ... (not .default), each readable from the environment too. */
    static Map<String, Integer> weights(PropertiesComponent p, String prefix) {
        Map<String, Integer> weights = new HashMap<>();
        for (String name : p.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
            String priority = name.substring(prefix.length());
            String value = p.resolveProperty(name).orElse("").trim();
            if (!priority.equals("default") && !value.isEmpty()) {
                weights.put(IssueIndex.key(priority), whole(name, value));
            }
        }
        return weights;
    }

    private static int whole(String setting, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a whole number, not '" + value + "'");
        }
    }

    private static String capitalized(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static String stateKey(String team) {
        return "issue-index:" + team;
    }

    private static DigestState state(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("digestState", DigestState.class);
    }
}

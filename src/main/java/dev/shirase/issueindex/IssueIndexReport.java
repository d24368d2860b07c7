package dev.shirase.issueindex;

import dev.shirase.seam.Seam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.shirase.scheduled.DigestState;
import dev.shirase.preview.Preview;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The values of a team's issue index message (templates/issue-index/): score, change since the last post (kept in
 * the store across restarts), count per configured priority, and the unset or unknown priorities with the default
 * weight they counted with.
 * Weights are the issue-index.weights.&lt;priority&gt; settings; issue-index.weights.default is for the rest.
 */
public class IssueIndexReport {

    /** Exchange property: the team (customer, performance...). */
    public static final String TEAM = Seam.ISSUE_TEAM;
    static final String SCORE = "issueScore";
    private static final String WEIGHTS = "issue-index.weights.";

    public IssueIndexValues compose(Exchange exchange) {
        String team = exchange.getProperty(TEAM, String.class);
        IssueTally tally = exchange.getProperty(VtigerIssues.TALLY, IssueTally.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        TeamSettings settings = VtigerIssues.team(exchange);
        Map<String, Integer> weights = new HashMap<>();
        weigh(p, WEIGHTS, weights);
        // the team's own weights win; one it sets empty is no priority of its issues (a team counting tasks)
        weigh(p, settings.prefix() + ".weights.", weights);
        int defaultWeight = whole(settings.prefix() + ".weights.default", settings.get("weights.default", "1"));
        long score = IssueIndex.score(tally.counts(), weights, defaultWeight);
        exchange.setProperty(SCORE, score);
        Optional<Long> previous = state(exchange).get(stateKey(team)).map(Long::parseLong);
        return values(team, score, previous, tally.counts(), weights, defaultWeight);
    }

    /** After the message is in the outbox: its score is what the next post compares with. */
    public void remember(Exchange exchange) {
        if (Preview.active(exchange)) {
            return;
        }
        state(exchange).put(stateKey(exchange.getProperty(TEAM, String.class)),
                String.valueOf(exchange.getProperty(SCORE, Long.class)));
    }

    static IssueIndexValues values(String team, long score, Optional<Long> previous, Map<String, Long> counts,
            Map<String, Integer> weights, int defaultWeight) {
        Map<String, Long> known = new LinkedHashMap<>();
        Map<String, Long> unknown = new TreeMap<>();
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
        List<IssueIndexValues.Priority> priorities = new ArrayList<>();
        known.forEach((key, count) -> priorities.add(new IssueIndexValues.Priority(
                shownName.getOrDefault(key, capitalized(key)), String.valueOf(count), String.valueOf(weights.get(key)))));
        List<IssueIndexValues.Item> items = new ArrayList<>();
        unknown.forEach((priority, count) -> items.add(new IssueIndexValues.Item(priority.isEmpty() ? null : priority,
                priority.isEmpty(), String.valueOf(count), items.size() == unknown.size() - 1)));
        long diff = previous.map(p -> score - p).orElse(0L);
        return new IssueIndexValues(team, String.valueOf(score), previous.isEmpty(), previous.isPresent() && diff > 0,
                previous.isPresent() && diff < 0, previous.isPresent() && diff == 0, String.valueOf(Math.abs(diff)),
                priorities, items.isEmpty() ? null : new IssueIndexValues.Unknown(String.valueOf(defaultWeight), items));
    }

    /**
     * Applies {prefix}urgent = 10 ... (not .default) to the weights: each readable from the environment too, including
     * a priority only an environment variable names (ISSUE_INDEX_WEIGHTS_MEDIUM=3); one set empty is no priority.
     */
    static void weigh(PropertiesComponent p, String prefix, Map<String, Integer> weights) {
        for (String name : dev.shirase.settings.Settings.keysUnder(p, prefix, System.getenv())) {
            String priority = name.substring(prefix.length());
            String value = p.resolveProperty(name).orElse("").trim();
            if (priority.equals("default")) {
                continue;
            }
            if (value.isEmpty()) {
                weights.remove(IssueIndex.key(priority));
            } else {
                weights.put(IssueIndex.key(priority), whole(name, value));
            }
        }
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
        return DigestState.of(exchange.getContext());
    }
}

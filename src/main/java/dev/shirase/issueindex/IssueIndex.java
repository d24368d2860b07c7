package dev.shirase.issueindex;

import java.util.Map;

/**
 * A team's issue index: Σ weight(priority) × open issues of that priority. A priority without a configured
 * weight (unset or unknown) counts with the default weight. Higher means more need for attention.
 */
public final class IssueIndex {

    private IssueIndex() {
    }

    public static long score(Map<String, Long> counts, Map<String, Integer> weights, int defaultWeight) {
        long score = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            score += weightOf(count.getKey(), weights, defaultWeight) * count.getValue();
        }
        return score;
    }

    public static int weightOf(String priority, Map<String, Integer> weights, int defaultWeight) {
        Integer weight = priority == null ? null : weights.get(key(priority));
        return weight == null ? defaultWeight : weight;
    }

    /** The form a priority takes in a setting name: "Very High" -> very-high. */
    public static String key(String priority) {
        return priority.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "-");
    }
}

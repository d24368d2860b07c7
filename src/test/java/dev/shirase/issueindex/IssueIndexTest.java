package dev.shirase.issueindex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IssueIndexTest {

    private static final Map<String, Integer> WEIGHTS = Map.of("urgent", 10, "high", 5, "normal", 2, "low", 1);

    private static Map<String, Long> counts(Object... priorityCounts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < priorityCounts.length; i += 2) {
            counts.put((String) priorityCounts[i], ((Integer) priorityCounts[i + 1]).longValue());
        }
        return counts;
    }

    @Test
    void scoreIsTheWeightedSum() {
        assertEquals(2 * 10 + 3 * 5 + 5 * 2 + 2, IssueIndex.score(counts("Urgent", 2, "High", 3, "Normal", 5, "Low", 2),
                WEIGHTS, 1));
    }

    @Test
    void unsetAndUnknownPrioritiesCountWithTheDefaultWeight() {
        assertEquals(3 * 4 + 2 * 4 + 10, IssueIndex.score(counts("", 3, "Critical", 2, "URGENT", 1), WEIGHTS, 4));
    }

    @Test
    void noOpenIssuesScoresZero() {
        assertEquals(0, IssueIndex.score(Map.of(), WEIGHTS, 1));
    }

    @Test
    void priorityNamesMatchTheirSettingWhateverTheirCaseOrSpaces() {
        assertEquals("very-high", IssueIndex.key(" Very  High "));
        assertEquals(7, IssueIndex.weightOf("Very High", Map.of("very-high", 7), 1));
    }
}

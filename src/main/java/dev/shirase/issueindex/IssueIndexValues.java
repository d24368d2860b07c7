package dev.shirase.issueindex;

import java.util.List;

/**
 * What the issue index templates (templates/issue-index/) may use.
 *
 * @param team       the team's name
 * @param score      the weighted count of its open issues
 * @param first      true when there is no earlier post to compare with
 * @param up         true when the score rose since the last post
 * @param down       true when it fell
 * @param same       true when it did not change
 * @param diff       how much it changed, without sign
 * @param priorities one entry per weighted priority, highest weight first
 * @param unknown    the issues of unset or unknown priorities; absent when there are none
 */
public record IssueIndexValues(String team, String score, boolean first, boolean up, boolean down, boolean same,
        String diff, List<Priority> priorities, Unknown unknown) {

    /** A weighted priority: its name (as Vtiger spells it when it had issues), how many, and its weight. */
    public record Priority(String name, String count, String weight) {
    }

    /** The issues that counted with the default weight ({@code weight}), one item per priority name. */
    public record Unknown(String weight, List<Item> items) {
    }

    /** An unknown priority ({@code unset} when the issues had none) and its count; {@code last} ends the list. */
    public record Item(String name, boolean unset, String count, boolean last) {
    }
}

package dev.shirase.issueindex;

import dev.shirase.seam.Seam;


import org.apache.camel.Exchange;

/**
 * The Vtiger steps of the issue-index route that need code: the team's query ({@link #start}) and counting each
 * page ({@link #addPage}); the route asks for page after page while {@link IssueTally#isMore()}.
 */
public class VtigerIssues {

    /** Exchange property holding the tally while the pages come in. */
    public static final String TALLY = Seam.ISSUE_TALLY;

    /** Exchange property: the prefix of the team's settings (issue-index.customer). */
    public static final String SETTINGS = Seam.ISSUE_SETTINGS;

    /**
     * Starts a tally with the team's module, priority field and "open" condition (its own, else the shared
     * issue-index.* ones), narrowed by the team's own condition ({@code <prefix>.condition}: its category, group,
     * tag or custom field).
     */
    public void start(Exchange exchange) {
        TeamSettings team = team(exchange);
        String open = team.get("open-condition", "ticketstatus != 'Closed'");
        String condition = team.own("condition").map(c -> "(" + open + ") AND (" + c + ")").orElse(open);
        exchange.setProperty(TALLY, new IssueTally(team.get("module", "HelpDesk"),
                team.get("priority-field", "ticketpriorities"), condition));
    }

    static TeamSettings team(Exchange exchange) {
        return new TeamSettings(exchange.getContext().getPropertiesComponent(),
                exchange.getProperty(SETTINGS, TeamSettings.SHARED, String.class));
    }

    /** Counts one page of {"success": true, "result": [...]}; a short page is the last. */
    public void addPage(Exchange exchange) {
        IssueTally tally = exchange.getProperty(TALLY, IssueTally.class);
        tally.add(exchange.getMessage().getBody(String.class));
        exchange.getMessage().removeHeaders("*");
    }

}

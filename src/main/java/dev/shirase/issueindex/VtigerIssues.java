package dev.shirase.issueindex;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Vtiger REST query steps of the issue-index route, which loops {@link #nextQuery}, the HTTP call and
 * {@link #addPage} while {@link IssueTally#isMore()}. Reads vtiger.* and issue-index.module / .priority-field /
 * .open-condition.
 */
public class VtigerIssues {

    /** Exchange property holding the tally while the pages come in. */
    public static final String TALLY = "issueTally";

    /** Exchange property: the prefix of the team's settings (issue-index.customer). */
    public static final String SETTINGS = "issueSettings";

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

    /** Sets up the request for the next page: GET .../query?query=<VTQL> with HTTP Basic. */
    public void nextQuery(Exchange exchange) {
        IssueTally tally = exchange.getProperty(TALLY, IssueTally.class);
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        String credentials = p.resolveProperty("vtiger.username").orElse("").trim() + ":"
                + p.resolveProperty("vtiger.access-key").orElse("").trim();
        Message request = exchange.getMessage();
        request.removeHeaders("*");
        request.setBody(null);
        request.setHeader(Exchange.HTTP_METHOD, "GET");
        request.setHeader(Exchange.HTTP_URI, p.resolveProperty("vtiger.base-url").orElse("").trim().replaceAll("/+$", "")
                + "/restapi/v1/vtiger/default/query");
        request.setHeader(Exchange.HTTP_RAW_QUERY, "query=" + URLEncoder.encode(tally.vtql(), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Counts one page of {"success": true, "result": [...]}; a short page is the last. */
    public void addPage(Exchange exchange) {
        IssueTally tally = exchange.getProperty(TALLY, IssueTally.class);
        tally.add(exchange.getMessage().getBody(String.class));
        exchange.getMessage().removeHeaders("*");
    }

}

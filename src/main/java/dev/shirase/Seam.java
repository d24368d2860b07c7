package dev.shirase;

import java.util.Map;
import java.util.TreeMap;

/**
 * The seam between the routes (routes/*.camel.yaml) and the Java they call: every exchange property and variable
 * a route names, with what it holds. {@code SeamTest} reads the route files and fails on a name used there that is
 * not listed here, and on a listed name no route uses, so a rename on one side is a test failure, not an empty
 * title or a missed timeline post. A Java class that reads or writes one of these keeps its own constant with the
 * same name (AlertCalls.INCIDENT, Delivery.CHANNEL...).
 */
public final class Seam {

    /** Exchange properties: they travel with the exchange into direct routes, kamelets and beans. */
    public static final Map<String, String> PROPERTIES = new TreeMap<>(Map.ofEntries(
            Map.entry("CamelDuplicateMessage", "Camel's: the idempotent consumer (or the outbox) saw this event before"),
            Map.entry("alertAttempt", "which attempt a call being placed is (1 for the first)"),
            Map.entry("alertFirstStep", "the call belongs to a new incident's tier 1 (its intake answers for a failure)"),
            Map.entry("alertHangUp", "the call SIDs to hang up, an incident having been resolved"),
            Map.entry("alertIncident", "the incident a call is placed for"),
            Map.entry("alertNumber", "the number a call is placed to"),
            Map.entry("issueSettings", "an issue-index team's settings prefix (issue-index.customer)"),
            Map.entry("issueTally", "the open issues counted by priority"),
            Map.entry("issueTeam", "the team's name"),
            Map.entry("kpiActual", "the KPI's actual value, from the metrics API"),
            Map.entry("kpiRecord", "the kintone record holding the month's goal"),
            Map.entry("kpiSettings", "a KPI's settings prefix (kpi, kpi.signups)"),
            Map.entry("shiraseChannel", "the channel a message goes to (slack, discord...)"),
            Map.entry("shiraseDestination", "the setting holding the target (never the target itself)"),
            Map.entry("shiraseFlow", "the flow a message comes from, as the outbox records it"),
            Map.entry("shirasePreview", "an admin preview: nothing is sent or stored"),
            Map.entry("shiraseSenderIcon", "who a message is from, as an icon, where the service shows one"),
            Map.entry("shiraseSenderName", "who a message is from, where the service shows it"),
            Map.entry("shiraseTarget", "the resolved target of one send attempt (a secret)"),
            Map.entry("shiraseTargetToken", "the target's token for one send attempt, sent in a header (a secret)"),
            Map.entry("shiraseText", "the channel-neutral text of a message, for the log and the admin API"),
            Map.entry("uipathJob", "the UiPath job of an event or a poll"),
            Map.entry("uipathToken", "the Orchestrator access token of a poll"),
            Map.entry("uipathWatermark", "the end time up to which a poll has reported jobs")));

    /** Variables: the values a route keeps between its steps (templates render them, beans take them). */
    public static final Map<String, String> VARIABLES = new TreeMap<>(Map.ofEntries(
            Map.entry("alert", "what a callee hears (AlertValues), rendered by the speech templates"),
            Map.entry("announcement", "the rendered announcement.mustache"),
            Map.entry("answer", "a reply kept while a side step (timeline, hang-up) uses the body"),
            Map.entry("callAgain", "the numbers to call again for new alerts of an acknowledged or ended incident"),
            Map.entry("callFailure", "the timeline event of a later call that could not be placed"),
            Map.entry("description", "a UiPath ticket's rendered description"),
            Map.entry("existing", "the incident an alert belongs to, or null for a new one"),
            Map.entry("footer", "a UiPath message's rendered footer"),
            Map.entry("goodbye", "the rendered goodbye.mustache"),
            Map.entry("incident", "the incident an alert opened (null when another request opened it first)"),
            Map.entry("job", "the UiPath job's template values"),
            Map.entry("joinPrompt", "the rendered join-prompt.mustache"),
            Map.entry("request", "what an alert asks for (AlertIntake.AlertRequest)"),
            Map.entry("shiraseMessage", "the channel-neutral message (a Notice or a String) a channel renders"),
            Map.entry("silence", "the values of the monitoring-silent message (null while heartbeats come)"),
            Map.entry("silentMessage", "the rendered heartbeat-silent.mustache"),
            Map.entry("spoken", "a notification's firing alerts, as values for alerts.mustache"),
            Map.entry("spokenMessage", "the rendered alerts.mustache"),
            Map.entry("text", "a UiPath message's rendered text"),
            Map.entry("timeline", "an incident's event to post to the timeline chat (AlertTimeline)"),
            Map.entry("timelineText", "the rendered timeline.mustache"),
            Map.entry("title", "a UiPath message's rendered title")));

    private Seam() {
    }
}

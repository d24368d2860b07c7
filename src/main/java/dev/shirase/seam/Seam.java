package dev.shirase.seam;

import java.util.Map;
import java.util.TreeMap;

/**
 * The seam between the routes (routes/*.camel.yaml) and the Java they call: every exchange property and variable
 * a route names, one constant each, with what it holds. Java reads and writes them through these constants only.
 * {@code SeamTest} reads the route files and fails on a name used there that is not listed here, and on a listed
 * name no route uses, so a rename on one side is a test failure, not an empty title or a missed timeline post.
 */
public final class Seam {

    // --- Exchange properties: they travel with the exchange into direct routes, kamelets and beans
    /** Camel's: the idempotent consumer (or the outbox) saw this event before. */
    public static final String DUPLICATE = "CamelDuplicateMessage";
    /** Which attempt a call being placed is (1 for the first). */
    public static final String ALERT_ATTEMPT = "alertAttempt";
    /** The call belongs to a new incident's tier 1 (its intake answers for a failure). */
    public static final String ALERT_FIRST_STEP = "alertFirstStep";
    /** The call SIDs to hang up, an incident having been resolved. */
    public static final String ALERT_HANG_UP = "alertHangUp";
    /** The incident a call is placed for. */
    public static final String ALERT_INCIDENT = "alertIncident";
    /** The number a call is placed to. */
    public static final String ALERT_NUMBER = "alertNumber";
    /** An issue-index team's settings prefix (issue-index.customer). */
    public static final String ISSUE_SETTINGS = "issueSettings";
    /** The open issues counted by priority. */
    public static final String ISSUE_TALLY = "issueTally";
    /** The team's name. */
    public static final String ISSUE_TEAM = "issueTeam";
    /** The KPI's actual value, from the metrics API. */
    public static final String KPI_ACTUAL = "kpiActual";
    /** The kintone record holding the month's goal. */
    public static final String KPI_RECORD = "kpiRecord";
    /** A KPI's settings prefix (kpi, kpi.signups). */
    public static final String KPI_SETTINGS = "kpiSettings";
    /** The channel a message goes to (slack, discord...). */
    public static final String SHIRASE_CHANNEL = "shiraseChannel";
    /**
     * The setting holding the target (never the target itself), set before each {@code kamelet:<channel>}, which
     * takes it.
     */
    public static final String SHIRASE_DESTINATION = "shiraseDestination";
    /** The flow a message comes from, as the outbox records it. */
    public static final String SHIRASE_FLOW = "shiraseFlow";
    /** An admin preview: nothing is sent or stored. */
    public static final String SHIRASE_PREVIEW = "shirasePreview";
    /** Who a message is from, as an icon, where the service shows one. */
    public static final String SHIRASE_SENDER_ICON = "shiraseSenderIcon";
    /** Who a message is from, where the service shows it. */
    public static final String SHIRASE_SENDER_NAME = "shiraseSenderName";
    /** The resolved target of one send attempt (a secret). */
    public static final String SHIRASE_TARGET = "shiraseTarget";
    /** The target's token for one send attempt, sent in a header (a secret). */
    public static final String SHIRASE_TARGET_TOKEN = "shiraseTargetToken";
    /** The channel-neutral text of a message, for the log and the admin API. */
    public static final String SHIRASE_TEXT = "shiraseText";
    /** The channels a poll reports a job to (",slack,chatwork,"); absent for the webhook's jobs (every channel). */
    public static final String UIPATH_CHANNELS = "uipathChannels";
    /** The UiPath job of an event or a poll. */
    public static final String UIPATH_JOB = "uipathJob";
    /** The Orchestrator access token of a poll. */
    public static final String UIPATH_TOKEN = "uipathToken";
    /** The end time up to which a poll has reported jobs. */
    public static final String UIPATH_WATERMARK = "uipathWatermark";

    // --- Variables: the values a route keeps between its steps (templates render them, beans take them)
    /** What a callee hears (AlertValues), rendered by the speech templates. */
    public static final String ALERT = "alert";
    /** The rendered announcement.mustache. */
    public static final String ANNOUNCEMENT = "announcement";
    /** A reply kept while a side step (timeline, hang-up) uses the body. */
    public static final String ANSWER = "answer";
    /** The numbers to call again for new alerts of an acknowledged or ended incident. */
    public static final String CALL_AGAIN = "callAgain";
    /** The timeline event of a later call that could not be placed. */
    public static final String CALL_FAILURE = "callFailure";
    /** A UiPath ticket's rendered description. */
    public static final String DESCRIPTION = "description";
    /** The incident an alert belongs to, or null for a new one. */
    public static final String EXISTING = "existing";
    /** A UiPath message's rendered footer. */
    public static final String FOOTER = "footer";
    /** The rendered goodbye.mustache. */
    public static final String GOODBYE = "goodbye";
    /** The incident an alert opened (null when another request opened it first). */
    public static final String INCIDENT = "incident";
    /** The UiPath job's template values. */
    public static final String JOB = "job";
    /** The rendered join-prompt.mustache. */
    public static final String JOIN_PROMPT = "joinPrompt";
    /** What an alert asks for (AlertIntake.AlertRequest). */
    public static final String REQUEST = "request";
    /** The channel-neutral message (a Notice or a String) a channel renders. */
    public static final String SHIRASE_MESSAGE = "shiraseMessage";
    /** The values of the monitoring-silent message (null while heartbeats come). */
    public static final String SILENCE = "silence";
    /** The rendered heartbeat-silent.mustache. */
    public static final String SILENT_MESSAGE = "silentMessage";
    /** A notification's firing alerts, as values for alerts.mustache. */
    public static final String SPOKEN = "spoken";
    /** The rendered alerts.mustache. */
    public static final String SPOKEN_MESSAGE = "spokenMessage";
    /** A UiPath message's rendered text. */
    public static final String TEXT = "text";
    /** An incident's event to post to the timeline chat (AlertTimeline). */
    public static final String TIMELINE = "timeline";
    /** The rendered timeline.mustache. */
    public static final String TIMELINE_TEXT = "timelineText";
    /** A UiPath message's rendered title. */
    public static final String TITLE = "title";

    /** The exchange properties, with what each holds (for the docs and SeamTest). */
    public static final Map<String, String> PROPERTIES = new TreeMap<>(Map.ofEntries(
            Map.entry(DUPLICATE, "Camel's: the idempotent consumer (or the outbox) saw this event before"),
            Map.entry(ALERT_ATTEMPT, "which attempt a call being placed is (1 for the first)"),
            Map.entry(ALERT_FIRST_STEP, "the call belongs to a new incident's tier 1 (its intake answers for a failure)"),
            Map.entry(ALERT_HANG_UP, "the call SIDs to hang up, an incident having been resolved"),
            Map.entry(ALERT_INCIDENT, "the incident a call is placed for"),
            Map.entry(ALERT_NUMBER, "the number a call is placed to"),
            Map.entry(ISSUE_SETTINGS, "an issue-index team's settings prefix (issue-index.customer)"),
            Map.entry(ISSUE_TALLY, "the open issues counted by priority"),
            Map.entry(ISSUE_TEAM, "the team's name"),
            Map.entry(KPI_ACTUAL, "the KPI's actual value, from the metrics API"),
            Map.entry(KPI_RECORD, "the kintone record holding the month's goal"),
            Map.entry(KPI_SETTINGS, "a KPI's settings prefix (kpi, kpi.signups)"),
            Map.entry(SHIRASE_CHANNEL, "the channel a message goes to (slack, discord...)"),
            Map.entry(SHIRASE_DESTINATION, "the setting holding the target (never the target itself), set before each"
                    + " kamelet:<channel>, which takes it"),
            Map.entry(SHIRASE_FLOW, "the flow a message comes from, as the outbox records it"),
            Map.entry(SHIRASE_PREVIEW, "an admin preview: nothing is sent or stored"),
            Map.entry(SHIRASE_SENDER_ICON, "who a message is from, as an icon, where the service shows one"),
            Map.entry(SHIRASE_SENDER_NAME, "who a message is from, where the service shows it"),
            Map.entry(SHIRASE_TARGET, "the resolved target of one send attempt (a secret)"),
            Map.entry(SHIRASE_TARGET_TOKEN, "the target's token for one send attempt, sent in a header (a secret)"),
            Map.entry(SHIRASE_TEXT, "the channel-neutral text of a message, for the log and the admin API"),
            Map.entry(UIPATH_CHANNELS, "the channels a poll reports a job to (\",slack,chatwork,\"); absent for the webhook's jobs"),
            Map.entry(UIPATH_JOB, "the UiPath job of an event or a poll"),
            Map.entry(UIPATH_TOKEN, "the Orchestrator access token of a poll"),
            Map.entry(UIPATH_WATERMARK, "the end time up to which a poll has reported jobs")));

    /** The variables, with what each holds. */
    public static final Map<String, String> VARIABLES = new TreeMap<>(Map.ofEntries(
            Map.entry(ALERT, "what a callee hears (AlertValues), rendered by the speech templates"),
            Map.entry(ANNOUNCEMENT, "the rendered announcement.mustache"),
            Map.entry(ANSWER, "a reply kept while a side step (timeline, hang-up) uses the body"),
            Map.entry(CALL_AGAIN, "the numbers to call again for new alerts of an acknowledged or ended incident"),
            Map.entry(CALL_FAILURE, "the timeline event of a later call that could not be placed"),
            Map.entry(DESCRIPTION, "a UiPath ticket's rendered description"),
            Map.entry(EXISTING, "the incident an alert belongs to, or null for a new one"),
            Map.entry(FOOTER, "a UiPath message's rendered footer"),
            Map.entry(GOODBYE, "the rendered goodbye.mustache"),
            Map.entry(INCIDENT, "the incident an alert opened (null when another request opened it first)"),
            Map.entry(JOB, "the UiPath job's template values"),
            Map.entry(JOIN_PROMPT, "the rendered join-prompt.mustache"),
            Map.entry(REQUEST, "what an alert asks for (AlertIntake.AlertRequest)"),
            Map.entry(SHIRASE_MESSAGE, "the channel-neutral message (a Notice or a String) a channel renders"),
            Map.entry(SILENCE, "the values of the monitoring-silent message (null while heartbeats come)"),
            Map.entry(SILENT_MESSAGE, "the rendered heartbeat-silent.mustache"),
            Map.entry(SPOKEN, "a notification's firing alerts, as values for alerts.mustache"),
            Map.entry(SPOKEN_MESSAGE, "the rendered alerts.mustache"),
            Map.entry(TEXT, "a UiPath message's rendered text"),
            Map.entry(TIMELINE, "an incident's event to post to the timeline chat (AlertTimeline)"),
            Map.entry(TIMELINE_TEXT, "the rendered timeline.mustache"),
            Map.entry(TITLE, "a UiPath message's rendered title")));

    private Seam() {
    }
}

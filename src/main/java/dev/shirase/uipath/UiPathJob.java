package dev.shirase.uipath;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job that ended, as a webhook event or the OData Jobs API describes it (they name things differently:
 * Robot.MachineName / HostMachineName). Both name its process alike: the process key (Release.ProcessKey; the poll
 * asks for the Release with $expand), and its release (the process as deployed, ReleaseName) apart. {@code data} is
 * the job's JSON.
 */
public record UiPathJob(long id, String key, String state, String process, String release, String robot,
        String machine, String startTime, String endTime, String info, JsonNode data) {

    /** One entry per job and final state in the ledger shared by webhook and poller. */
    public String ledgerKey() {
        return "uipath-job:" + id + ":" + state;
    }

    /** A job that did not succeed: its Info text says why (the chat message shows it as the reason). */
    public boolean faultedOrStopped() {
        return "Faulted".equals(state) || "Stopped".equals(state);
    }

    static UiPathJob fromWebhook(JsonNode job) {
        return new UiPathJob(job.path("Id").asLong(), text(job, "Key"), text(job, "State"),
                first(text(job.path("Release"), "ProcessKey"), text(job.path("Release"), "Name"), text(job, "ReleaseName")),
                first(text(job, "ReleaseName"), text(job.path("Release"), "Name")),
                text(job.path("Robot"), "Name"),
                first(text(job.path("Robot"), "MachineName"), text(job, "HostMachineName")),
                text(job, "StartTime"), text(job, "EndTime"), text(job, "Info"), job);
    }

    static UiPathJob fromOData(JsonNode job) {
        return new UiPathJob(job.path("Id").asLong(), text(job, "Key"), text(job, "State"),
                // without the expanded Release (an Orchestrator that ignores $expand), the release name stands in
                first(text(job.path("Release"), "ProcessKey"), text(job, "ReleaseName")),
                first(text(job, "ReleaseName"), text(job.path("Release"), "Name")),
                first(text(job.path("Robot"), "Name"), text(job, "HostMachineName")),
                first(text(job, "HostMachineName"), text(job.path("Robot"), "MachineName")),
                text(job, "StartTime"), text(job, "EndTime"), text(job, "Info"), job);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}

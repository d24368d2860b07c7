package dev.shirase.uipath;

import java.util.List;

/**
 * What the UiPath templates (templates/uipath-jobs/: title, text, footer, ticket-description) may use. Times are
 * shown in uipath.time-zone as yyyy-MM-dd HH:mm:ss; what the job does not say is absent.
 *
 * @param id             the job's id
 * @param key            the job's key
 * @param process        the process's key (Release.ProcessKey), the same from webhook and poll, or "?"
 * @param release        the release (the process as deployed, e.g. InvoiceBot_Production), when known
 * @param state          Orchestrator's state: Faulted, Successful or Stopped
 * @param faulted        true for a faulted job
 * @param successful     true for a successful job
 * @param stopped        true for a stopped job
 * @param robot          the robot's name
 * @param machine        the machine's name
 * @param robotOrMachine true when robot or machine is known
 * @param started        when the job started
 * @param ended          when it ended
 * @param zone           the time zone of those times
 * @param reason         for a faulted or stopped job, its Info for chat: without .NET stack frames, cut to
 *                       uipath.chat.info-max-length characters
 * @param info           the whole Info text (empty when there is none)
 * @param orchestrator   uipath.orchestrator.url without a final slash, when set
 * @param data           every field of the job as Orchestrator sent it (Parent_Child names, sorted)
 */
public record UiPathValues(String id, String key, String process, String release, String state, boolean faulted,
        boolean successful, boolean stopped, String robot, String machine, boolean robotOrMachine, String started,
        String ended, String zone, String reason, String info, String orchestrator, List<Field> data) {

    /** One field of the job's data: its name and value (times in the zone, line breaks as " / "). */
    public record Field(String name, String value) {
    }
}

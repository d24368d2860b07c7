package dev.shirase;

import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import dev.shirase.scheduled.RunRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule that missed its runs (the database was down, every replica stopped) runs once when it can, not once
 * per missed tick (Quartz's misfire policy for cron triggers); this says so in the log and the ops chat.
 */
final class MissedRuns extends TriggerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MissedRuns.class);

    private final CamelContext context;

    private MissedRuns(CamelContext context) {
        this.context = context;
    }

    /** Listens to the scheduler of the quartz component, when a route uses it. */
    static void watch(CamelContext context) {
        if (context.hasComponent("quartz") == null) {
            return;
        }
        try {
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            if (quartz.getScheduler() != null) {
                quartz.getScheduler().getListenerManager().addTriggerListener(new MissedRuns(context));
            }
        } catch (Exception e) {
            LOG.debug("No listener for missed runs: {}", e.toString());
        }
    }

    @Override
    public String getName() {
        return "shirase-missed-runs";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        String schedule = trigger.getKey().getName();
        String reason = "missed its run at " + trigger.getNextFireTime()
                + " (the store was down, or no replica was running); it runs once now";
        LOG.warn("Schedule {} {}", schedule, reason);
        try {
            RunRecord.missed(context, trigger.getKey().getGroup() + "/" + schedule, reason);
        } catch (RuntimeException e) {
            LOG.warn("Could not keep the missed run of {}: {}", schedule, e.getMessage()); // the store is down
        }
        OpsNotices.report(context, OpsValues.skipped(schedule, reason));
    }
}

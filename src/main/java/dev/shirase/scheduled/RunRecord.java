package dev.shirase.scheduled;

import java.util.Optional;

import org.apache.camel.CamelContext;

/**
 * What became of a schedule's last run (posted, or skipped and why) and when it last missed a run, kept in the
 * store so the console shows them after a restart and on any replica.
 *
 * @param at when (epoch milliseconds)
 * @param outcome posted, skipped or missed
 * @param reason why a run was skipped or missed; null when it posted
 */
public record RunRecord(long at, String outcome, String reason) {

    /** The route's last run: posted or skipped. */
    public static void lastRun(CamelContext context, String routeId, String outcome, String reason) {
        put(context, "run." + routeId, new RunRecord(System.currentTimeMillis(), outcome, reason));
    }

    /** The schedule (a Quartz trigger, group/name) missed a run. */
    public static void missed(CamelContext context, String trigger, String reason) {
        put(context, "missed." + trigger, new RunRecord(System.currentTimeMillis(), "missed", reason));
    }

    public static Optional<RunRecord> lastRun(CamelContext context, String routeId) {
        return get(context, "run." + routeId);
    }

    public static Optional<RunRecord> lastMissed(CamelContext context, String trigger) {
        return get(context, "missed." + trigger);
    }

    private static void put(CamelContext context, String key, RunRecord run) {
        DigestState state = state(context);
        if (state != null) {
            state.put(key, run.at + "\t" + run.outcome + "\t" + (run.reason == null ? "" : run.reason));
        }
    }

    private static Optional<RunRecord> get(CamelContext context, String key) {
        DigestState state = state(context);
        return state == null ? Optional.empty() : state.get(key).map(value -> {
            String[] parts = value.split("\t", 3);
            return new RunRecord(Long.parseLong(parts[0]), parts[1], parts.length < 3 || parts[2].isEmpty() ? null
                    : parts[2]);
        });
    }

    private static DigestState state(CamelContext context) {
        return DigestState.of(context);
    }
}

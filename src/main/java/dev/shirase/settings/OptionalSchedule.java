package dev.shirase.settings;

/**
 * A schedule that may be left empty, {@code cron: "{{schedule:<key>}}"}: the key's cron expression (or its
 * rate(N minutes), as {@link Schedules} reads it), or one that never fires while it is empty. Quartz refuses an empty expression even for a route that is not started, so an
 * opt-in schedule (uipath.poll.schedule) keeps its route, listed in /admin/flows with why it is stopped.
 */
public class OptionalSchedule extends SettingsFunction {

    /** Midnight on 1 January 2099: Quartz refuses a schedule with no time ahead, and this is none to wait for. */
    static final String NEVER = "0 0 0 1 1 ? 2099";

    @Override
    public String getName() {
        return "schedule";
    }

    @Override
    public String apply(String key) {
        String schedule = Settings.get(settings(), key.strip(), NEVER);
        return Schedules.cron(key.strip(), schedule);
    }
}

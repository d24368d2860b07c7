package dev.shirase.alert;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.shirase.webhook.RejectedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the alert call may spend in an hour (alert.max-incidents-per-hour, alert.max-calls-per-hour): a leaked
 * token, a flapping monitor or toll fraud cannot run up the phone bill beyond it. Calls are reserved in the store
 * before they are placed, redials included; past either limit nothing is called, the sender gets 429, and the
 * log (at most once a minute per limit) and shirase_alert_budget_refused_total{limit} say so.
 */
public final class CallBudget {

    private static final Logger LOG = LoggerFactory.getLogger(CallBudget.class);
    private static final long HOUR = 3_600_000;
    private static final long WARN_EVERY = 60_000;

    private final Incidents incidents;
    private final int maxIncidents;
    private final int maxCalls;
    private final CamelContext context;
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

    public CallBudget(Incidents incidents, int maxIncidents, int maxCalls, CamelContext context) {
        this.incidents = incidents;
        this.maxIncidents = maxIncidents;
        this.maxCalls = maxCalls;
        this.context = context;
    }

    /**
     * Opens the incident and reserves its first tier's calls, or refuses with 429 (nothing opened, nothing
     * reserved). Later tiers reserve their calls when they are called, as redials do. False, with nothing spent,
     * when the group has an open incident already (another request or replica opened it first).
     */
    synchronized boolean open(Incidents.Incident incident, String messageKey, boolean group, List<String> fingerprints,
            List<List<String>> tiers, Long nextStepDue) {
        List<String> numbers = tiers.get(0);
        long now = System.currentTimeMillis();
        long opened = incidents.openedSince(now - HOUR);
        if (opened >= maxIncidents) {
            refuse("alert.max-incidents-per-hour", "the alert call's budget is spent: " + opened
                    + " incidents in the last hour (alert.max-incidents-per-hour=" + maxIncidents + "); nobody was called");
        }
        long calls = incidents.calls().placedSince(now - HOUR);
        if (calls + numbers.size() > maxCalls) {
            refuse("alert.max-calls-per-hour", "the alert call's budget is spent: " + calls + " calls in the last hour"
                    + " and this alert needs " + numbers.size() + " (alert.max-calls-per-hour=" + maxCalls
                    + "); nobody was called");
        }
        return incidents.create(incident, messageKey, group, fingerprints, tiers, nextStepDue);
    }

    /** Reserves one redial; false (and a warning) when the hour's calls are spent. */
    synchronized boolean redial(String incident, String number) {
        long now = System.currentTimeMillis();
        long calls = incidents.calls().placedSince(now - HOUR);
        if (calls >= maxCalls) {
            count("alert.max-calls-per-hour");
            warn("alert.max-calls-per-hour", "Alert " + incident + ": redial of " + number + " skipped, " + calls
                    + " calls in the last hour (alert.max-calls-per-hour=" + maxCalls + ")");
            return false;
        }
        incidents.calls().log(incident, List.of(number), now);
        return true;
    }

    private void refuse(String limit, String reason) {
        count(limit);
        warn(limit, "Alert refused with 429: " + reason);
        throw new RejectedRequest(429, reason, 60); // the hour's window moves on: ask again in a minute
    }

    private void count(String limit) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("shirase.alert.budget.refused", "limit", limit).increment();
        }
    }

    /** Once a minute per limit at most, so a flood of alerts cannot fill the disk with log lines. */
    private void warn(String limit, String line) {
        long now = System.currentTimeMillis();
        Long last = lastWarned.get(limit);
        if (last == null || now - last >= WARN_EVERY) {
            lastWarned.put(limit, now);
            LOG.warn(line);
        }
    }
}

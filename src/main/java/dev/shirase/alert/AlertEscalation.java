package dev.shirase.alert;

import java.util.ArrayList;
import java.util.List;

import dev.shirase.seam.Seam;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store-timed routes alert-escalations and alert-redials ask (bean alertEscalation): the steps and redials
 * now due, each claimed by this replica alone, and whom each one calls.
 */
public class AlertEscalation {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEscalation.class);

    private final AlertSettings settings;
    private final Incidents incidents;
    private final Redials redials;
    private final CallBudget budget;

    public AlertEscalation(AlertSettings settings, Incidents incidents, Redials redials, CallBudget budget) {
        this.settings = settings;
        this.incidents = incidents;
        this.redials = redials;
        this.budget = budget;
    }

    /** The escalation steps now due. */
    public List<Incidents.Step> dueEscalations() {
        return incidents.claimDueSteps(System.currentTimeMillis());
    }

    /**
     * One escalation step (the body): the numbers to call now, none once the incident was acknowledged, resolved
     * or given up. Step n calls tier ((n - 1) mod tiers) + 1, in round (n - 1) / tiers + 1; after alert.max-cycles
     * rounds the incident is marked unanswered. Each call honours the allow-list and the hour's budget; the next
     * step is kept in the store, due after alert.escalate-after.
     */
    public List<String> escalate(Exchange exchange, Incidents.Step step) {
        Incidents.Incident incident = incidents.find(step.incident()).orElse(null);
        if (incident == null || !incident.escalating()) {
            return List.of();
        }
        List<List<String>> tiers = incidents.tiers(incident.id());
        int cycles = settings.maxCycles();
        if (tiers.isEmpty() || step.step() > tiers.size() * cycles) {
            if (incidents.markUnanswered(incident.id(), System.currentTimeMillis())) {
                LOG.warn("Alert {}: nobody pressed 1 after {} round(s) of {} tier(s)", incident.id(), cycles,
                        tiers.size());
                AlertTimeline.unanswered(exchange, incident, cycles);
            }
            return List.of();
        }
        int tier = (step.step() - 1) % tiers.size() + 1;
        int cycle = (step.step() - 1) / tiers.size() + 1;
        incidents.scheduleStep(incident.id(), step.step() + 1,
                System.currentTimeMillis() + settings.escalateAfter().toMillis());
        List<String> numbers = new ArrayList<>();
        for (String number : tiers.get(tier - 1)) {
            if (!settings.allowed(number)) {
                LOG.warn("Alert {}: {} is not in alert.allowed-numbers; not called", incident.id(), number);
            } else if (budget.redial(incident.id(), number)) {
                numbers.add(number);
            }
        }
        LOG.info("Alert {}: nobody pressed 1; calling tier {} (round {}): {} number(s)", incident.id(), tier, cycle,
                numbers.size());
        exchange.setProperty(Seam.ALERT_INCIDENT, incident.id());
        AlertTimeline.escalated(exchange, incident, tier, cycle, numbers);
        return numbers;
    }

    /** The redials now due. */
    public List<Redials.Redial> dueRedials() {
        return redials.claimDue(System.currentTimeMillis());
    }

    /**
     * Whether a due redial is still wanted: its incident open and the hour's budget not spent. If so, the exchange
     * is set up to place it (properties {@value Seam#ALERT_INCIDENT}, {@value Seam#ALERT_NUMBER} and
     * {@value Seam#ALERT_ATTEMPT}).
     */
    public boolean stillNeeded(Exchange exchange) {
        Redials.Redial redial = exchange.getMessage().getBody(Redials.Redial.class);
        if (incidents.find(redial.incident()).map(i -> i.resolvedAt() != null).orElse(true)) {
            return false; // resolved meanwhile: nobody is needed any more
        }
        if (!budget.redial(redial.incident(), redial.number())) {
            return false;
        }
        exchange.setProperty(Seam.ALERT_INCIDENT, redial.incident());
        exchange.setProperty(Seam.ALERT_ATTEMPT, redial.attempt());
        exchange.setProperty(Seam.ALERT_NUMBER, redial.number());
        return true;
    }
}

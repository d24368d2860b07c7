package dev.shirase.alert;

import dev.shirase.seam.Seam;
import org.apache.camel.Exchange;

/** Ending an incident, whoever ends it (an operator, the monitoring tool, the heartbeat). */
public final class IncidentEnd {

    private IncidentEnd() {
    }

    /**
     * Resolves the incident: a timeline event, and its live calls in property {@value Seam#ALERT_HANG_UP} to be hung
     * up; false when it was resolved already.
     */
    public static boolean resolved(Exchange exchange, Incidents incidents, Incidents.Incident incident, String by) {
        if (!incidents.resolve(incident.id(), System.currentTimeMillis())) {
            return false;
        }
        AlertTimeline.resolved(exchange, incident, by);
        exchange.setProperty(Seam.ALERT_HANG_UP, incidents.calls().live(incident.id()).stream()
                .map(IncidentCalls.CallState::callSid).toList());
        return true;
    }
}

package dev.shirase.alert;

import dev.shirase.seam.Seam;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.shirase.settings.Settings;
import org.apache.camel.Exchange;

/**
 * An incident's timeline events, as template values (variable {@value #VARIABLE}) for route direct:alert-timeline,
 * which posts them to the chat destination of alert.timeline.channel through the outbox.
 */
public final class AlertTimeline {

    /** The exchange variable holding the event to post; absent when there is none. */
    public static final String VARIABLE = Seam.TIMELINE;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private AlertTimeline() {
    }

    public static void opened(Exchange exchange, Incidents.Incident incident, List<String> numbers) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.OPENED, "1", "1", String.join(", ", numbers),
                null, null, incident.message()));
    }

    public static void escalated(Exchange exchange, Incidents.Incident incident, int tier, int cycle,
            List<String> numbers) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.ESCALATED, String.valueOf(tier),
                String.valueOf(cycle), String.join(", ", numbers), null, null, incident.message()));
    }

    public static void joined(Exchange exchange, Incidents.Incident incident, String by) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.JOINED, null, null, null, by, null,
                incident.message()));
    }

    public static void acknowledged(Exchange exchange, Incidents.Incident incident, String by) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.ACKNOWLEDGED, null, null, null, by, null,
                incident.message()));
    }

    public static void resolved(Exchange exchange, Incidents.Incident incident, String by) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.RESOLVED, null, null, null, by, null,
                incident.message()));
    }

    public static void unanswered(Exchange exchange, Incidents.Incident incident, int cycles) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.UNANSWERED, null, String.valueOf(cycles), null,
                null, null, incident.message()));
    }

    /** Nobody of the first step could be called. */
    public static void failed(Exchange exchange, Incidents.Incident incident, String reason) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.FAILED, null, null, null, null, reason,
                incident.message()));
    }

    /** New alerts ({@code message}) joined the open incident; {@code numbers} (possibly none) are called again. */
    public static void added(Exchange exchange, Incidents.Incident incident, String message, List<String> numbers) {
        exchange.setVariable(VARIABLE, event(exchange, incident, Kind.ADDED, "1", null,
                numbers.isEmpty() ? null : String.join(", ", numbers), null, null, message));
    }

    /** A later call (escalation, redial) could not be placed: the event, for the caller to post. */
    static AlertValues callFailed(Exchange exchange, Incidents.Incident incident, String number, String reason) {
        return event(exchange, incident, Kind.CALL_FAILED, null, null, number, null, reason, incident.message());
    }

    private enum Kind { OPENED, ESCALATED, JOINED, ACKNOWLEDGED, RESOLVED, UNANSWERED, FAILED, ADDED, CALL_FAILED }

    private static AlertValues event(Exchange exchange, Incidents.Incident incident, Kind kind, String tier,
            String cycle, String numbers, String by, String reason, String message) {
        long now = System.currentTimeMillis();
        return new AlertValues(message, incident.id(), kind == Kind.OPENED, kind == Kind.ESCALATED,
                kind == Kind.JOINED, kind == Kind.ACKNOWLEDGED, kind == Kind.RESOLVED, kind == Kind.UNANSWERED,
                kind == Kind.FAILED, kind == Kind.ADDED, kind == Kind.CALL_FAILED, tier, cycle, numbers, by,
                TIME.format(Instant.ofEpochMilli(now).atZone(zone(exchange))),
                duration(Duration.ofMillis(now - incident.createdAt())), reason, null, null, null);
    }

    static ZoneId zone(Exchange exchange) {
        return ZoneId.of(Settings.get(exchange.getContext().getPropertiesComponent(), "alert.time-zone",
                "Asia/Tokyo"));
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes > 0 ? minutes + "m " + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}

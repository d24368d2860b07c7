package dev.shirase.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.shirase.Settings;
import org.apache.camel.Exchange;

/**
 * An incident's timeline events, as template values (variable {@value #VARIABLE}) for route direct:alert-timeline,
 * which posts them to the chat destination of alert.timeline.channel through the outbox.
 */
public final class AlertTimeline {

    /** The exchange variable holding the event to post; absent when there is none. */
    public static final String VARIABLE = "timeline";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private AlertTimeline() {
    }

    public static void opened(Exchange exchange, Incidents.Incident incident, List<String> numbers) {
        post(exchange, incident, Kind.OPENED, "1", "1", String.join(", ", numbers), null);
    }

    public static void escalated(Exchange exchange, Incidents.Incident incident, int tier, int cycle,
            List<String> numbers) {
        post(exchange, incident, Kind.ESCALATED, String.valueOf(tier), String.valueOf(cycle),
                String.join(", ", numbers), null);
    }

    public static void joined(Exchange exchange, Incidents.Incident incident, String by) {
        post(exchange, incident, Kind.JOINED, null, null, null, by);
    }

    public static void acknowledged(Exchange exchange, Incidents.Incident incident, String by) {
        post(exchange, incident, Kind.ACKNOWLEDGED, null, null, null, by);
    }

    public static void resolved(Exchange exchange, Incidents.Incident incident, String by) {
        post(exchange, incident, Kind.RESOLVED, null, null, null, by);
    }

    public static void unanswered(Exchange exchange, Incidents.Incident incident, int cycles) {
        post(exchange, incident, Kind.UNANSWERED, null, String.valueOf(cycles), null, null);
    }

    private enum Kind { OPENED, ESCALATED, JOINED, ACKNOWLEDGED, RESOLVED, UNANSWERED }

    private static void post(Exchange exchange, Incidents.Incident incident, Kind kind, String tier, String cycle,
            String numbers, String by) {
        long now = System.currentTimeMillis();
        ZoneId zone = ZoneId.of(Settings.get(exchange.getContext().getPropertiesComponent(), "alert.time-zone",
                "Asia/Tokyo"));
        exchange.setVariable(VARIABLE, new AlertValues(incident.message(), incident.id(), kind == Kind.OPENED,
                kind == Kind.ESCALATED, kind == Kind.JOINED, kind == Kind.ACKNOWLEDGED, kind == Kind.RESOLVED,
                kind == Kind.UNANSWERED, tier, cycle, numbers, by, TIME.format(Instant.ofEpochMilli(now).atZone(zone)),
                duration(Duration.ofMillis(now - incident.createdAt()))));
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes > 0 ? minutes + "m " + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}

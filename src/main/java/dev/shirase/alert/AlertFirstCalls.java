package dev.shirase.alert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The answer of route alert-first-calls (bean alertFirstCalls), once tier 1 of a new incident was called: 202 with
 * the calls (naming the numbers Twilio refused, if any), or, when no call could be placed, 502 so the sender
 * retries: the incident is failed with the reason, and the timeline and the ops chat say nobody could be called.
 */
public class AlertFirstCalls {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFirstCalls.class);

    private final Incidents incidents;
    private final IncidentView views;

    public AlertFirstCalls(Incidents incidents) {
        this.incidents = incidents;
        this.views = new IncidentView(incidents);
    }

    public void calling(Exchange exchange, Incidents.Incident incident, List<String> numbers) {
        List<IncidentCalls.CallState> calls = incidents.calls().of(incident.id()).stream()
                .filter(c -> numbers.contains(c.number())).toList();
        List<String> refused = calls.stream().filter(c -> c.callSid() == null).map(IncidentCalls.CallState::number).toList();
        LOG.info("Alert {}: {} call(s) placed, {} failed", incident.id(), calls.size() - refused.size(),
                refused.size());
        if (!calls.isEmpty() && refused.size() < calls.size()) {
            Map<String, Object> body = views.view(incident, "calling");
            if (!refused.isEmpty()) {
                body.put("refused", refused);
            }
            reply(exchange, 202, body);
            return;
        }
        String reason = calls.stream().map(IncidentCalls.CallState::error).filter(e -> e != null).distinct()
                .collect(Collectors.joining("; "));
        reason = reason.isEmpty() ? "no call was placed" : reason;
        incidents.fail(incident.id(), reason, System.currentTimeMillis());
        LOG.warn("Alert {}: nobody could be called ({}); answered 502 so the sender retries", incident.id(), reason);
        AlertTimeline.failed(exchange, incident, reason);
        OpsNotices.report(exchange.getContext(), OpsValues.alertFailed(incident.id(),
                "nobody could be called: " + reason, incident.message()));
        Map<String, Object> body = views.view(incidents.find(incident.id()).orElse(incident), "failed");
        body.put("reason", "nobody could be called: " + reason);
        reply(exchange, 502, body);
    }
}

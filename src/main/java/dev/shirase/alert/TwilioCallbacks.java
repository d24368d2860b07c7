package dev.shirase.alert;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Twilio asks and tells about a call (bean twilioCallbacks; routes alert-join and alert-status, both signed):
 * the TwiML a callee hears, who joined and acknowledged, a machine that answered, and the redials of a call that
 * ended without its callee joining.
 */
public class TwilioCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallbacks.class);
    private static final Set<String> REDIAL = Set.of("no-answer", "busy", "failed");

    private final AlertSettings settings;
    private final Incidents incidents;
    private final Redials redials;

    public TwilioCallbacks(AlertSettings settings, Incidents incidents, Redials redials) {
        this.settings = settings;
        this.incidents = incidents;
        this.redials = redials;
    }

    /** The incident's values for the speech templates, or null for an unknown incident. */
    public AlertValues spoken(Exchange exchange) {
        String id = exchange.getMessage().getHeader("incident", String.class);
        return (id == null ? Optional.<Incidents.Incident>empty() : incidents.find(id))
                .map(incident -> AlertValues.speech(incident.message(), incident.id())).orElse(null);
    }

    /** The TwiML answer, from the speech the route rendered (route alert-speech). */
    @SuppressWarnings("unchecked")
    public void join(Exchange exchange, String announcement, String joinPrompt, String goodbye) {
        Map<String, String> params = exchange.getProperty(TwilioSignature.PARAMS, Map.class);
        String id = exchange.getMessage().getHeader("incident", String.class);
        Optional<Incidents.Incident> incident = id == null ? Optional.empty() : incidents.find(id);
        AlertTwiml.Speech speech = AlertTwiml.Speech.rendered(settings, announcement, joinPrompt, goodbye);
        String callSid = params.getOrDefault("CallSid", "");
        String answeredBy = params.getOrDefault("AnsweredBy", "");
        String twiml;
        if (incident.isEmpty()) {
            twiml = AlertTwiml.hangup();
        } else if (answeredBy.startsWith("machine_") || answeredBy.equals("fax")) {
            // voicemail or fax: never in the room, never an acknowledgement; its call ends unanswered and is redialled
            incidents.calls().answeredByMachine(id, callSid, answeredBy);
            AlertPlaceCall.count(exchange, "machine");
            LOG.info("Alert {}: call {} answered by a machine ({}); hung up", id, callSid, answeredBy);
            twiml = AlertTwiml.hangup();
        } else if (!settings.requireKeypress()) {
            joined(exchange, incident.get(), callSid);
            twiml = AlertTwiml.announceAndJoin(speech, incident.get());
        } else if (params.get("Digits") == null) {
            incidents.calls().answered(id, callSid);
            twiml = AlertTwiml.announceAndAsk(speech, settings.joinUrl(id));
        } else if (params.get("Digits").equals("1")) {
            joined(exchange, incident.get(), callSid);
            twiml = AlertTwiml.join(incident.get());
        } else {
            twiml = AlertTwiml.goodbye(speech);
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8");
        out.setBody(twiml);
    }

    /**
     * A callee joined: the first one acknowledges the incident (escalation stops), the others are on the timeline as
     * joined. A repeated callback changes nothing.
     */
    private void joined(Exchange exchange, Incidents.Incident incident, String callSid) {
        if (!incidents.calls().joined(incident.id(), callSid)) {
            return;
        }
        String number = incidents.calls().bySid(incident.id(), callSid).map(IncidentCalls.CallState::number).orElse("?");
        if (incidents.acknowledge(incident.id(), number, System.currentTimeMillis())) {
            AlertTimeline.acknowledged(exchange, incident, number);
        } else {
            AlertTimeline.joined(exchange, incident, number);
        }
    }

    /**
     * Twilio reports a call's progress. A call that has just ended without its callee joining (no answer, busy,
     * failed, or answered by voicemail or someone who hung up without pressing 1) is called again after
     * alert.redial-delay, at most alert.redial-attempts times; the redial is kept in the store. A repeated
     * callback changes nothing.
     */
    @SuppressWarnings("unchecked")
    public void status(Exchange exchange) {
        Map<String, String> params = exchange.getProperty(TwilioSignature.PARAMS, Map.class);
        String id = exchange.getMessage().getHeader("incident", String.class);
        String callSid = params.getOrDefault("CallSid", "");
        String status = params.getOrDefault("CallStatus", "");
        if (id != null && incidents.calls().status(id, callSid, status)) {
            incidents.calls().bySid(id, callSid).ifPresent(call -> {
                boolean notReached = REDIAL.contains(status) || ("completed".equals(status) && !call.joined());
                if (notReached && call.attempts() <= settings.redialAttempts()) {
                    long delay = settings.redialDelay().toMillis();
                    redials.schedule(id, call.number(), call.attempts() + 1, System.currentTimeMillis() + delay);
                    LOG.info("Alert {}: {} ended {}; calling again in {} ms (attempt {})", id, call.number(), status,
                            delay, call.attempts() + 1);
                }
            });
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }
}

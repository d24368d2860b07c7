package dev.shirase.alert;

import dev.shirase.seam.Seam;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.shirase.settings.Settings;
import dev.shirase.channel.Notice;
import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import io.micrometer.core.instrument.MeterRegistry;
import dev.shirase.preview.Preview;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The steps of the calls themselves (routes/alert-call.camel.yaml) that need code: where Twilio calls back, what a
 * placed or failed call leaves in the incident, the TwiML a callee hears, and the redials kept in the store.
 */
public class AlertCalls {

    /** Exchange properties of one call being placed: its incident's id, the number, and which attempt it is. */
    public static final String INCIDENT = Seam.ALERT_INCIDENT;
    public static final String NUMBER = Seam.ALERT_NUMBER;
    public static final String ATTEMPT = Seam.ALERT_ATTEMPT;

    private static final Logger LOG = LoggerFactory.getLogger(AlertCalls.class);
    private static final Set<String> REDIAL = Set.of("no-answer", "busy", "failed");
    private static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final Incidents incidents;
    private final Redials redials;
    private final CallBudget budget;

    public AlertCalls(Incidents incidents, Redials redials, CallBudget budget) {
        this.incidents = incidents;
        this.redials = redials;
        this.budget = budget;
    }

    /** 503 naming the first Twilio setting that is missing: without them no call can be placed. */
    public void requireTwilio(Exchange exchange) {
        if (Preview.active(exchange)) {
            return;
        }
        for (String key : List.of("twilio.account-sid", "twilio.auth-token", "twilio.from-number",
                "alert.public-base-url")) {
            if (setting(exchange, key, "").isEmpty()) {
                throw new RejectedRequest(503, "alert call is not configured: set " + key);
            }
        }
    }

    /** The number to call, as the Twilio API takes it. */
    public PhoneNumber to(Exchange exchange) {
        return new PhoneNumber(exchange.getProperty(NUMBER, String.class));
    }

    /** The number calls come from (twilio.from-number). */
    public PhoneNumber from(Exchange exchange) {
        return new PhoneNumber(setting(exchange, "twilio.from-number", ""));
    }

    /** Where Twilio asks what to say when the callee answers. */
    public URI joinUrl(Exchange exchange) {
        return URI.create(AlertIntake.publicUrl(exchange) + "/alert/join?incident=" + exchange.getProperty(INCIDENT));
    }

    /** Where Twilio reports the call's progress. */
    public URI statusUrl(Exchange exchange) {
        return URI.create(AlertIntake.publicUrl(exchange) + "/alert/status?incident=" + exchange.getProperty(INCIDENT));
    }

    /** The progress events Twilio reports. */
    public List<String> statusEvents() {
        return EVENTS;
    }

    /** Twilio created the call: its SID goes with the number in the incident. */
    public void placed(Exchange exchange) {
        Call call = exchange.getMessage().getBody(Call.class);
        incidents.recordCall(exchange.getProperty(INCIDENT, String.class), exchange.getProperty(NUMBER, String.class),
                exchange.getProperty(ATTEMPT, 1, Integer.class), call.getSid(), null);
        count(exchange, "placed");
    }

    /**
     * The call was not created (after the retries the route allows): the reason goes with the number. A call of the
     * first step is answered for by the alert's intake (502 when none was placed); a later one (escalation, redial)
     * is a timeline event (variable {@value #CALL_FAILURE}) and an ops notice.
     */
    public void notPlaced(Exchange exchange) {
        String reason = TwilioFailure.reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String incident = exchange.getProperty(INCIDENT, String.class);
        String number = exchange.getProperty(NUMBER, String.class);
        incidents.recordCall(incident, number, exchange.getProperty(ATTEMPT, 1, Integer.class), null, reason);
        count(exchange, "failed");
        LOG.warn("Alert {}: call to {} not placed: {}", incident, number, reason);
        if (!exchange.getProperty(FIRST_STEP, false, Boolean.class)) {
            incidents.find(incident).ifPresent(found -> {
                exchange.setVariable(CALL_FAILURE, AlertTimeline.callFailed(exchange, found, number, reason));
                OpsNotices.report(exchange.getContext(), OpsValues.alertFailed(incident, "could not call " + number
                        + ": " + reason, found.message()));
            });
        }
    }

    /** Exchange property: the call belongs to an incident's first step (its intake answers for a failure). */
    public static final String FIRST_STEP = Seam.ALERT_FIRST_STEP;
    /** Exchange variable: the timeline event of a later call that could not be placed. */
    public static final String CALL_FAILURE = Seam.CALL_FAILURE;

    /** Twilio said 429: nothing was created, so the call may be tried again (a call create is not idempotent). */
    public boolean tooManyRequests(Exchange exchange) {
        return TwilioFailure.tooManyRequests(failure(exchange));
    }

    /**
     * Twilio could not be reached (refused, timed out) or answered 5xx: tried again a few times
     * (alert.twilio-retries). After a 5xx or a read timeout the call may exist, so a retry may ring twice: better
     * than nobody.
     */
    public boolean unreachable(Exchange exchange) {
        return TwilioFailure.retryable(failure(exchange));
    }

    private static Throwable failure(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** shirase_alert_calls_total{outcome}: placed, failed, machine. */
    private static void count(Exchange exchange, String outcome) {
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("shirase.alert.calls", "outcome", outcome).increment();
        }
    }

    /** The incident's values for the speech templates, or null for an unknown incident. */
    public AlertValues spoken(Exchange exchange) {
        String id = exchange.getMessage().getHeader("incident", String.class);
        return (id == null ? Optional.<Incidents.Incident>empty() : incidents.find(id))
                .map(incident -> AlertValues.speech(incident.message(), incident.id())).orElse(null);
    }

    /** The TwiML answer, from the speech the route rendered (variables announcement, joinPrompt, goodbye). */
    @SuppressWarnings("unchecked")
    public void join(Exchange exchange) {
        Map<String, String> params = exchange.getProperty(TwilioSignature.PARAMS, Map.class);
        String id = exchange.getMessage().getHeader("incident", String.class);
        Optional<Incidents.Incident> incident = id == null ? Optional.empty() : incidents.find(id);
        AlertTwiml.Speech speech = speech(exchange);
        String callSid = params.getOrDefault("CallSid", "");
        String answeredBy = params.getOrDefault("AnsweredBy", "");
        String twiml;
        if (incident.isEmpty()) {
            twiml = AlertTwiml.hangup();
        } else if (answeredBy.startsWith("machine_") || answeredBy.equals("fax")) {
            // voicemail or fax: never in the room, never an acknowledgement; its call ends unanswered and is redialled
            incidents.answeredByMachine(id, callSid, answeredBy);
            count(exchange, "machine");
            LOG.info("Alert {}: call {} answered by a machine ({}); hung up", id, callSid, answeredBy);
            twiml = AlertTwiml.hangup();
        } else if (!Boolean.parseBoolean(setting(exchange, "alert.require-keypress", "true"))) {
            joined(exchange, incident.get(), callSid);
            twiml = AlertTwiml.announceAndJoin(speech, incident.get());
        } else if (params.get("Digits") == null) {
            incidents.answered(id, callSid);
            twiml = AlertTwiml.announceAndAsk(speech, AlertIntake.publicUrl(exchange) + "/alert/join?incident=" + id);
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
        if (!incidents.joined(incident.id(), callSid)) {
            return;
        }
        String number = incidents.callBySid(incident.id(), callSid).map(Incidents.CallState::number).orElse("?");
        if (incidents.acknowledge(incident.id(), number, System.currentTimeMillis())) {
            AlertTimeline.acknowledged(exchange, incident, number);
        } else {
            AlertTimeline.joined(exchange, incident, number);
        }
    }

    /** The escalation steps now due, each claimed by this replica alone. */
    public List<Incidents.Step> dueEscalations() {
        return incidents.claimDueSteps(System.currentTimeMillis());
    }

    /**
     * One escalation step (the body): the numbers to call now, none once the incident was acknowledged, resolved
     * or given up. Step n calls tier ((n - 1) mod tiers) + 1, in round (n - 1) / tiers + 1; after alert.max-cycles
     * rounds the incident is marked unanswered. Each call honours the allow-list and the hour's budget; the next
     * step is kept in the store, due after alert.escalate-after. The numbers become the body.
     */
    public void escalate(Exchange exchange) {
        exchange.getMessage().setBody(escalation(exchange));
    }

    private List<String> escalation(Exchange exchange) {
        Incidents.Step step = exchange.getMessage().getBody(Incidents.Step.class);
        Incidents.Incident incident = incidents.find(step.incident()).orElse(null);
        if (incident == null || !incident.escalating()) {
            return List.of();
        }
        List<List<String>> tiers = incidents.tiers(incident.id());
        int cycles = Integer.parseInt(setting(exchange, "alert.max-cycles", "2"));
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
                System.currentTimeMillis() + AlertIntake.escalateAfter(exchange));
        List<String> numbers = new java.util.ArrayList<>();
        for (String number : tiers.get(tier - 1)) {
            if (!AlertIntake.allowed(exchange, number)) {
                LOG.warn("Alert {}: {} is not in alert.allowed-numbers; not called", incident.id(), number);
            } else if (budget.redial(incident.id(), number)) {
                numbers.add(number);
            }
        }
        LOG.info("Alert {}: nobody pressed 1; calling tier {} (round {}): {} number(s)", incident.id(), tier, cycle,
                numbers.size());
        exchange.setProperty(INCIDENT, incident.id());
        AlertTimeline.escalated(exchange, incident, tier, cycle, numbers);
        return numbers;
    }

    /** Which attempt a call to the number (property {@value #NUMBER}) of the incident will be. */
    public int nextAttempt(Exchange exchange) {
        String number = exchange.getProperty(NUMBER, String.class);
        return incidents.calls(exchange.getProperty(INCIDENT, String.class)).stream()
                .filter(c -> c.number().equals(number)).mapToInt(Incidents.CallState::attempts).max().orElse(0) + 1;
    }

    /** The status that ends a call (Twilio call update), for hanging up. */
    public Call.UpdateStatus completed() {
        return Call.UpdateStatus.COMPLETED;
    }

    /** In a preview: what each number would hear on answering (the speech route ran); nobody is called. */
    public void preview(Exchange exchange, AlertIntake.AlertRequest alert) {
        if (alert.resolved()) {
            reply(exchange, 200, Map.of("status", "resolved", "reason", "a resolved alert calls nobody"));
            return;
        }
        if (!alert.firing()) {
            reply(exchange, 200, AlertIntake.nobodyToCall(alert));
            return;
        }
        String id = "INC-preview";
        AlertTwiml.Speech speech = speech(exchange);
        String twiml = Boolean.parseBoolean(setting(exchange, "alert.require-keypress", "true"))
                ? AlertTwiml.announceAndAsk(speech, AlertIntake.publicUrl(exchange) + "/alert/join?incident=" + id)
                : AlertTwiml.announceAndJoin(speech, new Incidents.Incident(id, alert.message(),
                        AlertIntake.conference(exchange, id), System.currentTimeMillis()));
        for (String number : alert.numbers()) {
            Preview.of(exchange).message("twilio-call", number, twiml, alert.message());
        }
        reply(exchange, 202, Map.of("status", "calling", "numbers", alert.numbers()));
    }

    /** The values the preview speaks with. */
    public AlertValues previewValues(AlertIntake.AlertRequest alert) {
        return AlertValues.speech(alert.message(), "INC-preview");
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
        if (id != null && incidents.status(id, callSid, status)) {
            incidents.callBySid(id, callSid).ifPresent(call -> {
                int attempts = Integer.parseInt(setting(exchange, "alert.redial-attempts", "2"));
                boolean notReached = REDIAL.contains(status) || ("completed".equals(status) && !call.joined());
                if (notReached && call.attempts() <= attempts) {
                    long delay = Settings.duration(exchange.getContext().getPropertiesComponent(), "alert.redial-delay",
                            "60s").toMillis();
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

    /** The redials now due, each claimed by this replica alone. */
    public List<Redials.Redial> dueRedials() {
        return redials.claimDue(System.currentTimeMillis());
    }

    /**
     * Whether a due redial is still wanted: its incident open and the hour's budget not spent. If so, the exchange
     * is set up to place it (properties {@value #INCIDENT}, {@value #NUMBER} and {@value #ATTEMPT}).
     */
    public boolean stillNeeded(Exchange exchange) {
        Redials.Redial redial = exchange.getMessage().getBody(Redials.Redial.class);
        if (incidents.find(redial.incident()).map(i -> i.resolvedAt() != null).orElse(true)) {
            return false; // resolved meanwhile: nobody is needed any more
        }
        if (!budget.redial(redial.incident(), redial.number())) {
            return false;
        }
        exchange.setProperty(INCIDENT, redial.incident());
        exchange.setProperty(ATTEMPT, redial.attempt());
        exchange.setProperty(NUMBER, redial.number());
        return true;
    }

    private AlertTwiml.Speech speech(Exchange exchange) {
        return new AlertTwiml.Speech(setting(exchange, "alert.say-language", "ja-JP"),
                setting(exchange, "alert.say-voice", "Polly.Mizuki"), spokenText(exchange, "announcement"),
                spokenText(exchange, "joinPrompt"), spokenText(exchange, "goodbye"));
    }

    private static String spokenText(Exchange exchange, String variable) {
        return Notice.textOf(exchange.getVariable(variable, String.class));
    }

    private static String setting(Exchange exchange, String key, String fallback) {
        return Settings.get(exchange.getContext().getPropertiesComponent(), key, fallback);
    }
}

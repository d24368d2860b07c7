package dev.shirase.alert;

import java.net.URI;
import java.util.List;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.shirase.ops.OpsNotices;
import dev.shirase.ops.OpsValues;
import dev.shirase.seam.Seam;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of placing one call (bean alertPlaceCall; routes alert-place-call, alert-call-not-placed, the
 * twilio-call route configuration and alert-hang-up-all): what Twilio is asked, what a placed or failed call leaves
 * in the incident, which failures are tried again. The call's incident, number and attempt are exchange properties
 * ({@value Seam#ALERT_INCIDENT}, {@value Seam#ALERT_NUMBER}, {@value Seam#ALERT_ATTEMPT}).
 */
public class AlertPlaceCall {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPlaceCall.class);
    private static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final AlertSettings settings;
    private final Incidents incidents;

    public AlertPlaceCall(AlertSettings settings, Incidents incidents) {
        this.settings = settings;
        this.incidents = incidents;
    }

    /** The number to call, as the Twilio API takes it. */
    public PhoneNumber to(Exchange exchange) {
        return new PhoneNumber(exchange.getProperty(Seam.ALERT_NUMBER, String.class));
    }

    /** The number calls come from (twilio.from-number). */
    public PhoneNumber from() {
        return new PhoneNumber(settings.fromNumber());
    }

    /** Where Twilio asks what to say when the callee answers. */
    public URI joinUrl(Exchange exchange) {
        return URI.create(settings.joinUrl(exchange.getProperty(Seam.ALERT_INCIDENT, String.class)));
    }

    /** Where Twilio reports the call's progress. */
    public URI statusUrl(Exchange exchange) {
        return URI.create(settings.statusUrl(exchange.getProperty(Seam.ALERT_INCIDENT, String.class)));
    }

    /** The progress events Twilio reports. */
    public List<String> statusEvents() {
        return EVENTS;
    }

    /** Which attempt a call to the number of the incident will be. */
    public int nextAttempt(Exchange exchange) {
        String number = exchange.getProperty(Seam.ALERT_NUMBER, String.class);
        return incidents.calls().of(exchange.getProperty(Seam.ALERT_INCIDENT, String.class)).stream()
                .filter(c -> c.number().equals(number)).mapToInt(IncidentCalls.CallState::attempts).max().orElse(0) + 1;
    }

    /** Twilio created the call: its SID goes with the number in the incident. */
    public void placed(Exchange exchange) {
        Call call = exchange.getMessage().getBody(Call.class);
        incidents.calls().record(exchange.getProperty(Seam.ALERT_INCIDENT, String.class),
                exchange.getProperty(Seam.ALERT_NUMBER, String.class),
                exchange.getProperty(Seam.ALERT_ATTEMPT, 1, Integer.class), call.getSid(), null);
        count(exchange, "placed");
    }

    /**
     * The call was not created (after the retries the route allows): the reason goes with the number. A call of the
     * first step is answered for by alert-first-calls (502 when none was placed); a later one (escalation, redial)
     * is a timeline event (variable {@value Seam#CALL_FAILURE}) and an ops notice.
     */
    public void notPlaced(Exchange exchange) {
        String reason = TwilioFailure.reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String incident = exchange.getProperty(Seam.ALERT_INCIDENT, String.class);
        String number = exchange.getProperty(Seam.ALERT_NUMBER, String.class);
        incidents.calls().record(incident, number, exchange.getProperty(Seam.ALERT_ATTEMPT, 1, Integer.class), null, reason);
        count(exchange, "failed");
        LOG.warn("Alert {}: call to {} not placed: {}", incident, number, reason);
        if (!exchange.getProperty(Seam.ALERT_FIRST_STEP, false, Boolean.class)) {
            incidents.find(incident).ifPresent(found -> {
                exchange.setVariable(Seam.CALL_FAILURE, AlertTimeline.callFailed(exchange, found, number, reason));
                OpsNotices.report(exchange.getContext(), OpsValues.alertFailed(incident, "could not call " + number
                        + ": " + reason, found.message()));
            });
        }
    }

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

    /** The status that ends a call (Twilio call update), for hanging up. */
    public Call.UpdateStatus completed() {
        return Call.UpdateStatus.COMPLETED;
    }

    private static Throwable failure(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** shirase_alert_calls_total{outcome}: placed, failed, machine. */
    static void count(Exchange exchange, String outcome) {
        MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("shirase.alert.calls", "outcome", outcome).increment();
        }
    }
}

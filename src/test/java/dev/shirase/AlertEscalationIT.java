package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.shirase.support.Fixtures;
import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A restart mid-escalation, on the packaged jar in separate JVMs: the runtime that opened the incident is killed
 * (kill -9) before tier 2 is due; the next one on the same store calls tier 2 when it is due, once.
 */
class AlertEscalationIT {

    private static final String A = "+819011110001";
    private static final String B = "+819011110002";

    private static String to(Recorded create) {
        for (String pair : create.body().split("&")) {
            if (pair.startsWith("To=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void aRestartMidEscalationCarriesItOnOnce() throws Exception {
        try (StandInServer twilio = StandInServer.start()) {
            twilio.answerByDefault(Response.json(201, Fixtures.read("twilio/twilio-call-response.json")));
            Map<String, String> env = Map.ofEntries(
                    Map.entry("SHIRASE_STORE_URL", ShiraseProcess.freshStoreUrl()),
                    Map.entry("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"),
                    Map.entry("TWILIO_AUTH_TOKEN", "twilio-auth-token"),
                    Map.entry("TWILIO_FROM_NUMBER", "+815012345678"),
                    Map.entry("TWILIO_API_BASE_URL", twilio.url("")),
                    Map.entry("ALERT_TOKEN", "alert-token"),
                    Map.entry("ALERT_PUBLIC_BASE_URL", "https://alerts.example.com"),
                    Map.entry("ALERT_TIERS_1", A),
                    Map.entry("ALERT_TIERS_2", B),
                    Map.entry("ALERT_ESCALATE_AFTER", "6s"),
                    Map.entry("ALERT_MAX_CYCLES", "1"));

            try (ShiraseProcess first = ShiraseProcess.start(env)) {
                first.awaitHealthy();
                assertEquals(202, first.postJson("/alert", Fixtures.read("alert/alertmanager-firing.json"),
                        "Authorization", "Bearer alert-token").statusCode());
                assertEquals(A, to(twilio.awaitRequests(1, Duration.ofSeconds(10)).get(0)));
                first.kill(); // before tier 2 is due
            }
            try (ShiraseProcess second = ShiraseProcess.start(env)) {
                second.awaitHealthy();
                List<Recorded> creates = twilio.awaitRequests(2, Duration.ofSeconds(20));
                assertEquals(B, to(creates.get(1)));
                long waited = (creates.get(1).atNanos() - creates.get(0).atNanos()) / 1_000_000;
                assertTrue(waited >= 5900, "tier 2 called " + waited + " ms after tier 1, before it was due");
                twilio.assertNoMoreThan(2, Duration.ofSeconds(3));
                assertTrue(second.stop(Duration.ofSeconds(30)));
            }
        }
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * Monitoring that goes quiet calls someone: with alert.heartbeat.every=3s, a heartbeat missing for longer opens an
 * incident that calls the roster, even when Shirase restarted meanwhile (the clock is in the store), and the next
 * heartbeat resolves it; Alertmanager's Watchdog is a heartbeat.
 */
class AlertHeartbeatTest {

    private static final String TOKEN = "alert-token";
    private static final String ADMIN = "admin-token";
    private static final String A = "+819011110001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningShirase.Builder runtime(StandInServer twilio, StandInServer chat, String store) {
        return RunningShirase.withAlertCall(twilio.url(""), TOKEN, A)
                .with("alert.heartbeat.every", "3s")
                .with("alert.language", "en")
                .with("alert.timeline.channel", "slack")
                .with("alert.timeline.webhook-url", chat.url("/timeline"))
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.admin.read-only-tokens", "viewer:" + ADMIN)
                .with("shirase.store.url", store);
    }

    private static HttpResponse<String> heartbeat(RunningShirase shirase) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/heartbeat"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode newestIncident(RunningShirase shirase) throws Exception {
        return JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/incidents?size=1"))
                .header("Authorization", "Bearer " + ADMIN).build()).body()).get("incidents").get(0);
    }

    @Test
    void aHeartbeatMissedAcrossARestartCallsTheRosterAndTheNextOneResolvesIt() throws Exception {
        String store = RunningShirase.Builder.freshStoreUrl();
        try (StandInServer twilio = StandInServer.start(); StandInServer chat = StandInServer.start()) {
            twilio.answerByDefault(Response.json(201, Fixtures.read("twilio/twilio-call-response.json")));
            chat.answerByDefault(Response.json(200, "ok"));
            long beat;
            try (RunningShirase before = runtime(twilio, chat, store).start()) {
                HttpResponse<String> alive = heartbeat(before);
                beat = System.currentTimeMillis();
                assertEquals(200, alive.statusCode(), alive.body());
                assertEquals("alive", JSON.readTree(alive.body()).get("status").asText());
                assertTrue(JSON.readTree(alive.body()).has("dueBy"), alive.body());
            } // stopped well before the heartbeat is due
            twilio.assertNoMoreThan(0, Duration.ofMillis(Math.max(0, beat + 3_500 - System.currentTimeMillis())));

            try (RunningShirase after = runtime(twilio, chat, store).start()) {
                // overdue at once: the restart did not reset the clock
                Recorded call = twilio.awaitRequests(1, Duration.ofSeconds(3)).get(0);
                assertEquals(A, URLDecoder.decode(call.body(), StandardCharsets.UTF_8).replaceAll(".*To=([^&]+).*",
                        "$1"));
                JsonNode silent = newestIncident(after);
                for (int i = 0; i < 100 && silent.get("calls").isEmpty(); i++) { // Twilio's answer being recorded
                    Thread.sleep(20);
                    silent = newestIncident(after);
                }
                assertEquals("escalating", silent.get("status").asText());
                assertTrue(silent.get("message").asText().matches("Monitoring is silent: no heartbeat since"
                        + " \\d\\d:\\d\\d\\."), silent.toString());
                twilio.assertNoMoreThan(1, Duration.ofMillis(1500)); // one incident, not one a second

                assertEquals(200, heartbeat(after).statusCode());

                assertEquals("resolved", newestIncident(after).get("status").asText());
                Recorded hangUp = twilio.awaitRequests(2, Duration.ofSeconds(5)).get(1);
                assertTrue(hangUp.path().endsWith("/Calls/" + silent.get("calls").get(0).get("callSid").asText()
                        + ".json"), hangUp.path());
                assertEquals("Status=completed", hangUp.body());
                List<String> timeline = chat.awaitRequests(2, Duration.ofSeconds(5)).stream()
                        .map(r -> r.body()).toList();
                assertTrue(timeline.get(1).contains("resolved by heartbeat"), timeline.toString());
            }
        }
    }

    @Test
    void alertmanagersWatchdogIsAHeartbeat() throws Exception {
        String store = RunningShirase.Builder.freshStoreUrl();
        try (StandInServer twilio = StandInServer.start(); StandInServer chat = StandInServer.start();
                RunningShirase shirase = runtime(twilio, chat, store).start()) {
            for (int i = 0; i < 4; i++) { // every 1.5 s for 6 s: never silent for 3 s
                HttpResponse<String> watchdog = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Fixtures.read("alert/alertmanager-default-group-watchdog.json"))).build());
                assertEquals(200, watchdog.statusCode(), watchdog.body());
                Thread.sleep(1500);
            }
            twilio.assertNoMoreThan(0, Duration.ofMillis(100));
        }
    }
}

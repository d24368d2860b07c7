package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * GET /admin/overview (the flows as the person on call sees them: true states, the last 24 hours) and replay that
 * cannot surprise: a sent message goes again only when asked twice, a dead one gets a fresh retry window, and a bulk
 * replay can be counted before it runs.
 */
class OverviewAndReplayTest {

    private static final String ADMIN = "overview-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> admin(RunningShirase shirase, String method, String path, String body) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri(path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode flow(JsonNode overview, String name) {
        for (JsonNode flow : overview.get("flows")) {
            if (flow.get("flow").asText().equals(name)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + name + " in " + overview);
    }

    private static String entry(String id) {
        return Fixtures.read("clockify/clockify-timer-started.json").replaceFirst("\"id\": \"[^\"]+\"",
                "\"id\": \"" + id + "\"");
    }

    private static JsonNode awaitDelivery(RunningShirase shirase, String status, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            JsonNode list = JSON.readTree(admin(shirase, "GET", "/admin/deliveries?status=" + status, null).body())
                    .get("deliveries");
            if (list.size() >= count) {
                return list;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " " + status + " deliveries: " + list);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theOverviewShowsTrueStatesAndTheLastDayAndASentMessageIsSentAgainOnlyWhenAskedTwice() throws Exception {
        try (StandInServer discord = StandInServer.start(); RunningShirase shirase = RunningShirase
                .with("shirase.admin-token", ADMIN)
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/overview"))
                .with("clockify.allow-unsigned", "true")
                .with("shirase.delivery.rate.discord", "0")
                .with("alert.token", "overview-alert-token") // the alert flow runs, but Twilio is not set up
                .start()) {
            discord.enqueue(Response.of(204), Response.json(404, "{\"message\": \"Unknown Webhook\"}"));
            assertEquals(202, shirase.postJson("/clockify", entry("overview-1")).statusCode());
            long sentId = awaitDelivery(shirase, "sent", 1).get(0).get("id").asLong();
            assertEquals(202, shirase.postJson("/clockify", entry("overview-2")).statusCode());
            awaitDelivery(shirase, "dead", 1);

            HttpResponse<String> answer = admin(shirase, "GET", "/admin/overview", null);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode overview = JSON.readTree(answer.body());
            assertEquals("Asia/Tokyo", overview.get("timeZone").asText());
            JsonNode clockify = flow(overview, "clockify-discord");
            assertEquals("clockify-discord", overview.get("flows").get(0).get("flow").asText(), "a dead one comes first");
            assertTrue(clockify.get("attention").asBoolean());
            assertEquals("running", clockify.get("state").asText());
            assertEquals("{\"accepted\":2,\"sent\":1,\"pending\":0,\"retrying\":0,\"dead\":1}",
                    clockify.get("counts").toString());
            assertTrue(clockify.get("lastError").asText().contains("404"), clockify.toString());
            assertEquals(24, clockify.get("hours").size());
            JsonNode now = clockify.get("hours").get(23);
            assertEquals(1, now.get("sent").asInt());
            assertEquals(1, now.get("dead").asInt());

            JsonNode alert = flow(overview, "alert-call");
            assertEquals("refusing", alert.get("state").asText());
            assertEquals("twilio.account-sid is not set", alert.get("why").asText());
            assertTrue(alert.get("routes").size() > 1, "the alert call is one flow of its routes: " + alert);

            JsonNode kpi = flow(overview, "kpi-progress");
            assertEquals("not configured", kpi.get("state").asText());
            assertTrue(kpi.get("why").asText().startsWith("missing setting kpi.kintone.base-url"), kpi.toString());
            assertEquals("kpi-paid-users", kpi.get("schedules").get(0).get("routeId").asText());
            assertFalse(kpi.get("attention").asBoolean());

            // a sent message: 409 saying when it went, unless asked again
            HttpResponse<String> refused = admin(shirase, "POST", "/admin/deliveries/" + sentId + "/replay", null);
            assertEquals(409, refused.statusCode());
            assertTrue(refused.body().matches("\\{\"status\":\"rejected\",\"reason\":\"delivery " + sentId
                    + " was delivered at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Asia/Tokyo\\); to send it again, replay it"
                    + " with \\{\\\\\"again\\\\\":true}\"}"), refused.body());
            assertEquals(2, discord.received().size(), "nothing was sent again");
            discord.enqueue(Response.of(204));
            assertEquals(200, admin(shirase, "POST", "/admin/deliveries/" + sentId + "/replay", "{\"again\":true}")
                    .statusCode());
            discord.awaitRequests(3, Duration.ofSeconds(10));
            assertEquals(discord.received().get(0).body(), discord.received().get(2).body());

            // bulk: counted by flow first, and the count is no action in the audit trail
            HttpResponse<String> dryRun = admin(shirase, "POST", "/admin/deliveries/replay?status=dead&dryRun=true",
                    null);
            assertEquals(200, dryRun.statusCode());
            assertEquals("{\"status\":\"dead\",\"since\":\"1970-01-01T00:00:00Z\",\"wouldReplay\":1,"
                    + "\"byFlow\":{\"clockify-discord\":1}}", dryRun.body());
            assertEquals(409, admin(shirase, "POST", "/admin/deliveries/replay?status=sent", null).statusCode());
            JsonNode audit = JSON.readTree(admin(shirase, "GET", "/admin/audit", null).body()).get("audit");
            assertEquals(1, audit.size(), audit.toString());
            assertEquals("replay", audit.get(0).get("action").asText());
            assertEquals(3, discord.received().size());
        }
    }

    @Test
    void aDeadMessageReplayedPastTheGiveUpTimeGetsAFreshRetryWindow() throws Exception {
        try (StandInServer discord = StandInServer.start(); RunningShirase shirase = RunningShirase
                .with("shirase.admin-token", ADMIN)
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/window"))
                .with("clockify.allow-unsigned", "true")
                .with("shirase.delivery.rate.discord", "0")
                .with("shirase.delivery.retry-schedule", "300ms")
                .with("shirase.delivery.give-up-after", "2s")
                .start()) {
            discord.answerByDefault(Response.of(503));
            assertEquals(202, shirase.postJson("/clockify", entry("window-1")).statusCode());
            JsonNode dead = awaitDelivery(shirase, "dead", 1).get(0);
            assertTrue(dead.get("lastError").asText().endsWith("; gave up after 2 s"), dead.toString());
            Thread.sleep(1000); // well past give-up-after since it was accepted

            discord.reset();
            discord.enqueue(Response.of(503), Response.of(503), Response.of(204));
            assertEquals(200, admin(shirase, "POST", "/admin/deliveries/" + dead.get("id").asLong() + "/replay", null)
                    .statusCode());
            JsonNode sent = awaitDelivery(shirase, "sent", 1).get(0);
            assertEquals(3, discord.received().size(), "two more failures were tried again, then it went");
            assertNull(sent.get("nextAttemptAt").textValue());
        }
    }

    @Test
    void aScheduleThatMissedARunAndItsLastResultAreShownAndTheFlowComesFirst() throws Exception {
        try (RunningShirase shirase = RunningShirase.with("shirase.admin-token", ADMIN).start()) {
            // what MissedRuns and DigestLog keep in the store when Quartz misfires and a run posts nothing
            dev.shirase.scheduled.RunRecord.missed(shirase.context(), "kpi/kpi",
                    "missed its run (the store was down, or no replica was running); it runs once now");
            dev.shirase.scheduled.RunRecord.lastRun(shirase.context(), "kpi-paid-users", "skipped",
                    "kintone answered HTTP 500");

            JsonNode overview = JSON.readTree(admin(shirase, "GET", "/admin/overview", null).body());
            assertEquals("kpi-progress", overview.get("flows").get(0).get("flow").asText(), "it comes first");
            JsonNode kpi = flow(overview, "kpi-progress");
            assertTrue(kpi.get("attention").asBoolean());
            JsonNode schedule = kpi.get("schedules").get(0);
            assertTrue(schedule.get("missed").asText().startsWith("20"), schedule.toString());
            assertEquals("skipped", schedule.get("lastResult").asText());
            assertEquals("kintone answered HTTP 500", schedule.get("lastReason").asText());
        }
    }
}

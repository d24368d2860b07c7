package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** routes/admin.camel.yaml: dead letters are kept, shown without their target, and replayed. */
class AdminApiTest {

    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> admin(RunningShirase shirase, String method, String path) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitDeliveries(RunningShirase shirase, String status, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode list = json(admin(shirase, "GET", "/admin/deliveries?status=" + status)).get("deliveries");
            if (list.size() >= count || System.nanoTime() > deadline) {
                return list;
            }
            Thread.sleep(50);
        }
    }

    private static RunningShirase runtime(String storeUrl, String webhookUrl) {
        return RunningShirase.with("shirase.store.url", storeUrl)
                .with("shirase.admin-token", ADMIN_TOKEN)
                .with("clockify.discord-webhook-url", webhookUrl)
                .with("clockify.allow-unsigned", "true")
                .with("shirase.delivery.rate.discord", "0")
                .start();
    }

    @Test
    void revokedWebhookIsDeadAtOnceAndReplayAfterFixingTheUrlDeliversIt() throws Exception {
        String store = RunningShirase.Builder.freshStoreUrl();
        try (StandInServer discord = StandInServer.start()) {
            discord.answerByDefault(Response.json(404, Fixtures.read("discord/discord-error-unknown-webhook.json")));
            try (RunningShirase before = runtime(store, discord.url("/api/webhooks/1/revoked-token"))) {
                assertEquals(202, before.postJson("/clockify",
                        Fixtures.read("clockify/clockify-timer-started.json")).statusCode());
                JsonNode dead = awaitDeliveries(before, "dead", 1);
                assertEquals(1, dead.size());
                assertEquals(1, discord.received().size());
            }

            discord.reset();
            try (RunningShirase after = runtime(store, discord.url("/api/webhooks/2/new-token"))) {
                HttpResponse<String> list = admin(after, "GET", "/admin/deliveries?status=dead");
                assertEquals(200, list.statusCode());
                JsonNode dead = json(list).get("deliveries").get(0);
                assertEquals("discord", dead.get("channel").asText());
                assertEquals("clockify-discord", dead.get("flow").asText());
                assertEquals("clockify.discord-webhook-url", dead.get("destinationSetting").asText());
                assertEquals("HTTP 404", dead.get("lastError").asText());
                assertEquals(1, dead.get("attempts").asInt());
                assertEquals("Hanako Yamada が Acme - Website Weekly report を開始しました.", dead.get("text").asText());
                assertFalse(list.body().contains("token"), "a target leaked: " + list.body());

                HttpResponse<String> replay = admin(after, "POST", "/admin/deliveries/" + dead.get("id").asLong()
                        + "/replay");

                assertEquals(200, replay.statusCode());
                assertEquals("{\"id\":" + dead.get("id").asLong() + ",\"status\":\"pending\"}", replay.body());
                var post = discord.awaitRequests(1, Duration.ofSeconds(10)).get(0);
                assertEquals("/api/webhooks/2/new-token", post.path());
                assertEquals("{\"content\":\"Hanako Yamada が Acme - Website Weekly report を開始しました.\","
                        + "\"allowed_mentions\":{\"parse\":[]}}", post.body());
                assertEquals(1, awaitDeliveries(after, "sent", 1).size());
                assertEquals(0, json(admin(after, "GET", "/admin/deliveries?status=dead")).get("deliveries").size());
            }
        }
    }

    @Test
    void everyDeadDeliverySinceATimeIsReplayedAtOnce() throws Exception {
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), discord.url("/api/webhooks/3/t"))) {
            discord.answerByDefault(Response.of(403));
            String started = Fixtures.read("clockify/clockify-timer-started.json");
            shirase.postJson("/clockify", started);
            shirase.postJson("/clockify", started.replace("664bf1e0a1b2c3d4e5f60789", "other-entry"));
            assertEquals(2, awaitDeliveries(shirase, "dead", 2).size());
            String metrics = shirase.get("/observe/metrics").body();
            assertTrue(metrics.contains("shirase_outbox_dead 2.0"), metrics);
            assertTrue(metrics.contains("shirase_outbox_pending 0.0"), metrics);
            assertTrue(metrics.contains("shirase_outbox_oldest_pending_age_seconds 0.0"), metrics);
            assertTrue(metrics.contains("shirase_deliveries_total{channel=\"discord\",outcome=\"dead\"} 2.0"), metrics);
            discord.reset();

            HttpResponse<String> replay = admin(shirase, "POST", "/admin/deliveries/replay?status=dead&since=2020-01-01");

            assertEquals(200, replay.statusCode());
            assertEquals("{\"status\":\"dead\",\"since\":\"2020-01-01T00:00:00Z\",\"replayed\":2}", replay.body());
            discord.awaitRequests(2, Duration.ofSeconds(10));
        }
    }

    @Test
    void adminApiRefusesWithoutTheTokenAndExplainsBadQueries() {
        try (RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), "http://127.0.0.1:9/unused")) {
            HttpResponse<String> anonymous = shirase.get("/admin/deliveries");
            HttpResponse<String> wrong = shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/deliveries"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN + "x").build());

            assertEquals(401, anonymous.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"missing Authorization: Bearer token\"}",
                    anonymous.body());
            assertEquals(401, wrong.statusCode());
            assertEquals(400, admin(shirase, "GET", "/admin/deliveries?status=lost").statusCode());
            assertEquals(400, admin(shirase, "GET", "/admin/deliveries?size=100000").statusCode());
            assertEquals(404, admin(shirase, "POST", "/admin/deliveries/999/replay").statusCode());
            assertEquals(400, admin(shirase, "POST", "/admin/deliveries/replay?since=yesterday").statusCode());
            assertTrue(json(admin(shirase, "GET", "/admin/deliveries")).get("deliveries").isEmpty());
            HttpResponse<String> unconfigured = admin(shirase, "POST", "/admin/run/kpi-paid-users");
            assertEquals(409, unconfigured.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"route kpi-paid-users is not started: its settings"
                    + " are missing, see the start-up log\"}", unconfigured.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

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
import dev.shirase.support.LogCapture;
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
    void deliveriesAreFilteredByFlowChannelAndTime() throws Exception {
        try (StandInServer discord = StandInServer.start();
                RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), discord.url("/api/webhooks/4/t"))) {
            discord.answerByDefault(Response.of(204));
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"))
                    .statusCode());
            discord.awaitRequests(1, Duration.ofSeconds(10));
            String now = java.time.Instant.now().plusSeconds(1).toString();

            JsonNode all = json(admin(shirase, "GET", "/admin/deliveries?flow=clockify-discord&channel=discord"
                    + "&since=2020-01-01&until=" + now));
            JsonNode otherFlow = json(admin(shirase, "GET", "/admin/deliveries?flow=uipath-webhook"));
            JsonNode otherChannel = json(admin(shirase, "GET", "/admin/deliveries?channel=slack"));
            JsonNode later = json(admin(shirase, "GET", "/admin/deliveries?since=" + now));
            JsonNode earlier = json(admin(shirase, "GET", "/admin/deliveries?until=2020-01-01T00:00:00Z"));
            HttpResponse<String> badUntil = admin(shirase, "GET", "/admin/deliveries?until=tomorrow");

            assertEquals(1, all.get("deliveries").size());
            assertEquals("2020-01-01T00:00:00Z", all.get("since").asText());
            assertEquals("clockify-discord", all.get("flow").asText());
            assertEquals(0, otherFlow.get("deliveries").size());
            assertEquals(0, otherChannel.get("deliveries").size());
            assertEquals(0, later.get("deliveries").size());
            assertEquals(0, earlier.get("deliveries").size());
            assertEquals(400, badUntil.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"until must be an ISO-8601 instant or date, like"
                    + " 2024-05-21T01:00:00Z\"}", badUntil.body());
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
            assertEquals("{\"status\":\"rejected\",\"reason\":\"route kpi-paid-users is not started: missing setting"
                    + " kpi.kintone.base-url (env KPI_KINTONE_BASE_URL); missing setting kpi.kintone.app (env"
                    + " KPI_KINTONE_APP); missing setting kpi.kintone.record-id (env KPI_KINTONE_RECORD_ID); missing"
                    + " setting kpi.kintone.api-token (env KPI_KINTONE_API_TOKEN); missing setting kpi.actual.url (env"
                    + " KPI_ACTUAL_URL); missing setting kpi.actual.token (env KPI_ACTUAL_TOKEN); missing setting"
                    + " kpi.slack-webhook-url (env KPI_SLACK_WEBHOOK_URL)\"}", unconfigured.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> as(RunningShirase shirase, String token, String method, String path) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void aReadOnlyTokenListsButCannotReplayAndOperatorActionsAreAudited() throws Exception {
        try (LogCapture log = LogCapture.attach(); StandInServer discord = StandInServer.start();
                RunningShirase shirase = RunningShirase.with("clockify.discord-webhook-url", discord.url("/api/webhooks/4/t"))
                        .with("clockify.allow-unsigned", "true")
                        .with("shirase.delivery.rate.discord", "0")
                        .with("shirase.admin-token", ADMIN_TOKEN)
                        .with("shirase.admin.operator-tokens", "alice:op-secret-1")
                        .with("shirase.admin.read-only-tokens", "grafana:ro-secret-2").start()) {
            discord.answerByDefault(Response.of(403));
            shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"));
            long id = awaitDeliveries(shirase, "dead", 1).get(0).get("id").asLong();

            assertEquals(200, as(shirase, "ro-secret-2", "GET", "/admin/deliveries?status=dead").statusCode());
            // the console asks who it is signed in as, to offer replay only to an operator
            HttpResponse<String> reader = as(shirase, "ro-secret-2", "GET", "/admin/whoami");
            assertEquals(200, reader.statusCode());
            assertEquals("{\"name\":\"grafana\",\"role\":\"read-only\"}", reader.body());
            assertEquals("{\"name\":\"alice\",\"role\":\"operator\"}",
                    as(shirase, "op-secret-1", "GET", "/admin/whoami").body());
            assertEquals("{\"name\":\"admin\",\"role\":\"operator\"}",
                    as(shirase, ADMIN_TOKEN, "GET", "/admin/whoami").body());
            assertEquals(401, shirase.get("/admin/whoami").statusCode());
            HttpResponse<String> forbidden = as(shirase, "ro-secret-2", "POST", "/admin/deliveries/" + id + "/replay");
            assertEquals(403, forbidden.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"token grafana is read-only; this needs an operator"
                    + " token\"}", forbidden.body());
            assertEquals("dead", json(as(shirase, "ro-secret-2", "GET", "/admin/deliveries?status=dead"))
                    .get("deliveries").get(0).get("status").asText());

            discord.reset();
            assertEquals(200, as(shirase, "op-secret-1", "POST", "/admin/deliveries/" + id + "/replay").statusCode());
            discord.awaitRequests(1, Duration.ofSeconds(10));

            HttpResponse<String> badSize = as(shirase, "ro-secret-2", "GET", "/admin/audit?size=lots");
            assertEquals(400, badSize.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"size must be a whole number from 1 to 500\"}",
                    badSize.body());
            JsonNode audit = json(as(shirase, "ro-secret-2", "GET", "/admin/audit")).get("audit");
            assertEquals(1, audit.size());
            assertEquals("alice", audit.get(0).get("who").asText());
            assertEquals("replay", audit.get(0).get("action").asText());
            assertEquals("delivery " + id, audit.get(0).get("detail").asText());
            assertEquals(1, audit.get(0).get("messages").asInt());
            assertTrue(log.all().contains("AUDIT replay by alice: delivery " + id + " (1 message(s))"), log.all());
            assertFalse(log.all().contains("op-secret-1") || log.all().contains("ro-secret-2"), log.all());
        }
    }

    @Test
    void repeatedWrongTokensFromOneAddressAreAnswered429ForAWhileButTheRightOnePasses() {
        try (LogCapture log = LogCapture.attach();
                RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), "http://127.0.0.1:9/unused")) {
            assertEquals(401, shirase.get("/admin/deliveries").statusCode()); // no token at all is not a guess
            for (int i = 0; i < 5; i++) {
                assertEquals(401, as(shirase, "guess-" + i, "GET", "/admin/deliveries").statusCode());
            }
            HttpResponse<String> braked = as(shirase, "guess-6", "GET", "/admin/deliveries");
            HttpResponse<String> theRightOne = as(shirase, ADMIN_TOKEN, "GET", "/admin/deliveries");

            assertEquals(429, braked.statusCode());
            assertTrue(braked.body().startsWith("{\"status\":\"rejected\",\"reason\":\"too many wrong admin tokens"
                    + " from this address; try again in "), braked.body());
            assertTrue(Integer.parseInt(braked.headers().firstValue("Retry-After").orElse("0")) > 0);
            assertEquals(200, theRightOne.statusCode(), "an outsider behind the same proxy cannot lock it out");
            assertFalse(log.all().contains("ERROR"), log.all());
        }
    }

    @Test
    void wrongTokensForHealthDetailsAreBrakedLikeTheAdminApisAndTheRightOnePasses() {
        try (RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), "http://127.0.0.1:9/unused")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, as(shirase, "guess-" + i, "GET", "/observe/health?exposureLevel=full").statusCode());
            }
            HttpResponse<String> braked = as(shirase, "guess-6", "GET", "/observe/health?exposureLevel=full");
            HttpResponse<String> theRightOne = as(shirase, ADMIN_TOKEN, "GET", "/observe/health?exposureLevel=full");

            assertEquals(429, braked.statusCode());
            assertTrue(braked.body().contains("too many wrong admin tokens from this address"), braked.body());
            assertTrue(braked.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, theRightOne.statusCode(), theRightOne.body());
        }
    }

    @Test
    void withoutAnyAdminTokenTheAdminApiIsOff() {
        try (RunningShirase shirase = RunningShirase.withDefaults()) {
            HttpResponse<String> off = as(shirase, "anything", "GET", "/admin/deliveries");

            assertEquals(503, off.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"the admin API is off: set"
                    + " shirase.admin.operator-tokens or shirase.admin.read-only-tokens\"}", off.body());
        }
    }

    @Test
    void healthSaysUpOrDownToAnyoneAndItsDetailsOnlyWithAnAdminToken() {
        try (RunningShirase shirase = runtime(RunningShirase.Builder.freshStoreUrl(), "http://127.0.0.1:9/unused")) {
            HttpResponse<String> plain = shirase.get("/observe/health");
            HttpResponse<String> detailsAnonymous = shirase.get("/observe/health?exposureLevel=full");
            HttpResponse<String> details = as(shirase, ADMIN_TOKEN, "GET", "/observe/health?exposureLevel=full");

            assertEquals(200, plain.statusCode());
            assertEquals("{\"status\":\"UP\"}", plain.body().trim());
            assertEquals(401, detailsAnonymous.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"health details need an admin token"
                    + " (Authorization: Bearer)\"}", detailsAnonymous.body());
            assertFalse(detailsAnonymous.body().contains("clockify-discord"));
            assertEquals(200, details.statusCode());
            assertTrue(details.body().contains("clockify-discord") && details.body().contains("store"), details.body());
        }
    }

    @Test
    void withAnAdminPortTheAdminApiAndMetricsAreServedThereOnly() {
        int adminPort = dev.shirase.support.FreePort.find();
        try (RunningShirase shirase = RunningShirase.with("shirase.admin-token", ADMIN_TOKEN)
                .with("shirase.admin.port", String.valueOf(adminPort)).start()) {
            java.net.URI admin = java.net.URI.create("http://127.0.0.1:" + adminPort);
            HttpResponse<String> publicAdmin = as(shirase, ADMIN_TOKEN, "GET", "/admin/deliveries");
            HttpResponse<String> publicMetrics = shirase.get("/observe/metrics");
            HttpResponse<String> publicHealth = shirase.get("/observe/health");
            HttpResponse<String> adminList = shirase.send(HttpRequest.newBuilder(admin.resolve("/admin/deliveries"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build());
            HttpResponse<String> adminAnonymous = shirase.send(HttpRequest.newBuilder(
                    admin.resolve("/admin/deliveries")).build());
            HttpResponse<String> adminMetrics = shirase.send(HttpRequest.newBuilder(admin.resolve("/observe/metrics"))
                    .build());
            HttpResponse<String> webhookOnAdminPort = shirase.send(HttpRequest.newBuilder(admin.resolve("/clockify"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertEquals(404, publicAdmin.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"no endpoint at this path\"}", publicAdmin.body());
            assertEquals(404, publicMetrics.statusCode());
            assertEquals(200, publicHealth.statusCode());
            assertEquals(200, adminList.statusCode(), adminList.body());
            assertEquals(401, adminAnonymous.statusCode());
            assertEquals(200, adminMetrics.statusCode());
            assertTrue(adminMetrics.body().contains("shirase_outbox_pending"), adminMetrics.body());
            assertEquals(404, webhookOnAdminPort.statusCode());

            // health details and an operator's ack or resolve of an incident move there too
            HttpResponse<String> publicDetails = as(shirase, ADMIN_TOKEN, "GET", "/observe/health?exposureLevel=full");
            HttpResponse<String> adminDetails = shirase.send(HttpRequest.newBuilder(admin.resolve(
                    "/observe/health?exposureLevel=full")).header("Authorization", "Bearer " + ADMIN_TOKEN).build());
            HttpResponse<String> publicAck = as(shirase, ADMIN_TOKEN, "POST", "/alert/INC-1/ack");
            HttpResponse<String> adminAck = shirase.send(HttpRequest.newBuilder(admin.resolve("/alert/INC-1/ack"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(404, publicDetails.statusCode(), publicDetails.body());
            assertEquals(200, adminDetails.statusCode(), adminDetails.body());
            assertEquals(404, publicAck.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"no endpoint at this path\"}", publicAck.body());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"no incident INC-1\"}", adminAck.body());
        }
    }
}

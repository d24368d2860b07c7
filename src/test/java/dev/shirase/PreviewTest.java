package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /admin/preview/{routeId}: a sample in, exactly what each channel would receive out, rendered from the current
 * templates; nothing is sent, stored or remembered. Where a flow can also run for real here, the preview is compared
 * with what the stand-in then receives.
 */
class PreviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "reader-token";
    private static final String OPERATOR = "operator-token";
    private static final String SECRET = "uipath-secret";

    /** One stand-in for every channel (each at its own path), and one per source. */
    private static StandInServer services;
    private static StandInServer kintone;
    private static StandInServer vtiger;
    private static RunningShirase shirase;

    @BeforeAll
    static void start() {
        services = StandInServer.start();
        kintone = StandInServer.start();
        vtiger = StandInServer.start();
        shirase = RunningShirase
                .with("clockify.discord-webhook-url", services.url("/discord"))
                .with("clockify.allow-unsigned", "true")
                .with("kpi.kintone.base-url", kintone.url(""))
                .with("kpi.kintone.app", "42")
                .with("kpi.kintone.record-id", "128")
                .with("kpi.kintone.api-token", "kintone-api-token")
                .with("kpi.actual.url", kintone.url("/metrics"))
                .with("kpi.actual.token", "metrics-token")
                .with("kpi.slack-webhook-url", services.url("/slack/kpi"))
                .with("vtiger.base-url", vtiger.url(""))
                .with("vtiger.username", "api.user")
                .with("vtiger.access-key", "AbCdEfGh12345678")
                .with("issue-index.customer.google-chat-webhook-url", services.url("/chat/customer"))
                .with("uipath.webhook-secret", SECRET)
                .with("uipath.slack-webhook-url", services.url("/slack/uipath"))
                .with("uipath.google-chat-webhook-url", services.url("/chat/uipath"))
                .with("uipath.chatwork.api-token", "chatwork-token")
                .with("uipath.chatwork.room-id", "4242")
                .with("uipath.chatwork.base-url", services.url("/chatwork"))
                .with("uipath.backlog.base-url", services.url("/backlog"))
                .with("uipath.backlog.api-key", "backlog-key")
                .with("uipath.backlog.project-id", "12345")
                .with("uipath.backlog.issue-type-id", "67890")
                .with("twilio.account-sid", "AC00000000000000000000000000000000")
                .with("twilio.auth-token", "twilio-auth")
                .with("twilio.from-number", "+815012345678")
                .with("twilio.api-base-url", services.url("/twilio"))
                .with("alert.token", "alert-token")
                .with("alert.public-base-url", "https://shirase.example.com")
                .with("alert.numbers", "+819011112222,+819033334444")
                .with("shirase.admin.read-only-tokens", "viewer:" + READER)
                .with("shirase.admin.operator-tokens", "ops:" + OPERATOR)
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.delivery.rate.google-chat", "0")
                .with("shirase.delivery.rate.chatwork", "0")
                .with("shirase.delivery.rate.backlog", "0")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        services.close();
        kintone.close();
        vtiger.close();
    }

    @BeforeEach
    void reset() {
        services.reset();
        services.answerByDefault(Response.json(200, "ok"));
        kintone.reset();
        vtiger.reset();
    }

    private static HttpResponse<String> preview(String routeId, String sample, String token) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/preview/" + routeId))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sample)).build());
    }

    private static JsonNode previewed(String routeId, String sample) throws Exception {
        HttpResponse<String> answer = preview(routeId, sample, READER);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(answer.body());
    }

    private static List<String> payloads(JsonNode preview) {
        List<String> payloads = new ArrayList<>();
        preview.get("messages").forEach(m -> payloads.add(m.get("payload").asText()));
        return payloads;
    }

    /** How many messages the outbox holds, whatever their status. */
    private static int stored() throws Exception {
        HttpResponse<String> deliveries = shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/deliveries?size=500"))
                .header("Authorization", "Bearer " + READER).GET().build());
        return JSON.readTree(deliveries.body()).get("deliveries").size();
    }

    /** Nothing reached any service, and the outbox holds what it held before the preview. */
    private static void nothingWasSentOrStored(int storedBefore) throws Exception {
        Thread.sleep(300);
        assertEquals(List.of(), services.received());
        assertEquals(storedBefore, stored());
    }

    @Test
    void clockifyPreviewIsExactlyWhatDiscordThenReceivesAndLeavesTheEventNew() throws Exception {
        int before = stored();
        String event = Fixtures.read("clockify/clockify-timer-stopped.json");
        JsonNode preview = previewed("clockify-discord", event);

        assertEquals("clockify-discord", preview.get("routeId").asText());
        JsonNode message = preview.get("messages").get(0);
        assertEquals("discord", message.get("channel").asText());
        assertEquals("clockify.discord-webhook-url", message.get("destinationSetting").asText());
        assertEquals("Hanako Yamada が Acme - Website Weekly report を終了しました. お疲れ様でした. (1時間23分)",
                message.get("text").asText());
        assertEquals(202, preview.get("answer").get("status").asInt());
        nothingWasSentOrStored(before);

        // the same event for real is new (the preview remembered nothing) and sends what the preview showed
        assertEquals(202, shirase.postJson("/clockify", event).statusCode());
        assertEquals(message.get("payload").asText(), services.awaitRequests(1, Duration.ofSeconds(10)).get(0).body());
    }

    @Test
    void aSampleTheFlowRefusesIsA400WithItsReason() {
        HttpResponse<String> answer = preview("clockify-discord", "{\"id\": \"x\"}", READER);
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().startsWith("{\"status\":\"rejected\",\"reason\":\""), answer.body());
    }

    @Test
    void uipathPreviewShowsEveryChannelAsItThenReceivesIt() throws Exception {
        int before = stored();
        String event = UiPathJobsRouteTest.event("uipath-job-faulted.json", 770001);
        JsonNode preview = previewed("uipath-webhook", event);
        List<String> channels = new ArrayList<>();
        preview.get("messages").forEach(m -> channels.add(m.get("channel").asText()));
        assertEquals(List.of("slack", "google-chat", "chatwork", "backlog"), channels);
        nothingWasSentOrStored(before);

        String body = event;
        assertEquals(202, shirase.postJson("/uipath/webhook", body, "X-UiPath-Signature", sign(body)).statusCode());
        List<String> received = new ArrayList<>();
        for (Recorded r : services.awaitRequests(4, Duration.ofSeconds(10))) {
            received.add(r.body());
        }
        assertEquals(payloads(preview).stream().sorted().toList(), received.stream().sorted().toList());
    }

    private static String sign(String body) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(dev.shirase.support.HmacSha256.of(SECRET, body));
    }

    @Test
    void kpiPreviewTakesTheAnswersOfItsSourcesAndCallsNone() throws Exception {
        int before = stored();
        JsonNode preview = previewed("kpi-paid-users", "{\"kintone\": " + Fixtures.read("kintone/kpi-record.json")
                + ", \"metrics\": {\"result\": \"123\"}}");
        assertEquals(List.of("{\"text\":\"今の有料ユーザー数は *123人* :exclamation:\\n今月の目標(150人)まであと *27人* "
                + ":upside_down_face:\\n:chart_with_upwards_trend: 82%\",\"username\":\"KPI進捗確認マン\","
                + "\"icon_emoji\":\":turtle:\"}"), payloads(preview));
        assertEquals("kpi.slack-webhook-url", preview.get("messages").get(0).get("destinationSetting").asText());
        assertEquals(List.of(), kintone.received());
        nothingWasSentOrStored(before);
    }

    @Test
    void aScheduledSampleWithoutAnAnswerForASourceIsA400NamingIt() {
        HttpResponse<String> answer = preview("kpi-paid-users", "{\"kintone\": "
                + Fixtures.read("kintone/kpi-record.json") + "}", READER);
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("the sample has no answer for metrics (it answers for: kintone)"),
                answer.body());
        assertEquals(List.of(), kintone.received());
    }

    @Test
    void aRunThatWouldPostNothingSaysWhy() throws Exception {
        JsonNode preview = previewed("kpi-paid-users", "{\"kintone\": " + Fixtures.read("kintone/kpi-record.json")
                + ", \"metrics\": {\"result\": \"many\"}}");
        assertEquals(0, preview.get("messages").size());
        assertTrue(preview.get("reason").asText().contains("not a number"), preview.toString());
    }

    @Test
    void issueIndexPreviewRemembersNoScore() throws Exception {
        int before = stored();
        String page = "{\"success\":true,\"result\":[{\"id\":\"17x1\",\"ticketpriorities\":\"High\"},"
                + "{\"id\":\"17x2\",\"ticketpriorities\":\"Urgent\"}]}";
        for (int i = 0; i < 2; i++) {
            JsonNode preview = previewed("issue-index-customer", "{\"vtiger\": [" + page + "]}");
            assertEquals(List.of("{\"text\":\"*customer* の課題指数: *15* (初回)\\nCritical: 0件 × 10\\n"
                    + "Urgent: 1件 × 10\\nHigh: 1件 × 5\\nNormal: 0件 × 2\\nLow: 0件 × 1\"}"), payloads(preview));
        }
        assertEquals(List.of(), vtiger.received());
        nothingWasSentOrStored(before);
    }

    @Test
    void alertPreviewShowsWhatEachCalleeHearsAndCallsNobody() throws Exception {
        int before = stored();
        JsonNode preview = previewed("alert", Fixtures.read("alert/alertmanager-firing.json"));
        assertEquals(2, preview.get("messages").size());
        JsonNode call = preview.get("messages").get(0);
        assertEquals("twilio-call", call.get("channel").asText());
        assertEquals("+819011112222", call.get("destinationSetting").asText());
        String twiml = call.get("payload").asText();
        assertTrue(twiml.contains("<Say language=\"ja-JP\" voice=\"Polly.Mizuki\">エマージェンシー、エマージェンシー、"),
                twiml);
        assertTrue(twiml.contains("電話会議に参加する場合は 1 を押してください。"), twiml);
        nothingWasSentOrStored(before);
    }

    @Test
    void alertPreviewOfAResolvedOrAWatchdogNotificationChangesNothing() throws Exception {
        int before = stored();
        HttpResponse<String> resolved = preview("alert", Fixtures.read("alert/alertmanager-resolved.json"), OPERATOR);
        HttpResponse<String> watchdog = preview("alert",
                Fixtures.read("alert/alertmanager-default-group-watchdog.json"), OPERATOR);

        assertEquals(200, resolved.statusCode(), resolved.body());
        assertTrue(resolved.body().contains("a resolved alert calls nobody"), resolved.body());
        assertEquals(200, watchdog.statusCode(), watchdog.body());
        assertTrue(watchdog.body().contains("\"heartbeat\""), watchdog.body());
        nothingWasSentOrStored(before);
    }

    @Test
    void previewNeedsAnAdminTokenAndAKnownRoute() {
        assertEquals(401, preview("clockify-discord", "{}", "wrong").statusCode());
        assertEquals(200, preview("kpi-paid-users", "{\"kintone\": {}, \"metrics\": {}}", OPERATOR).statusCode());
        HttpResponse<String> unknown = preview("no-such-route", "{}", READER);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("no webhook or scheduled route no-such-route"), unknown.body());
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shirase.support.Fixtures;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert call at 3 a.m., against stand-ins for Twilio and for Slack (the timeline and the ops chat): an alert that
 * cannot ring answers 502 and says so, a machine never answers for a person, the right token is never braked, every
 * spoken word comes from a template, one incident per group however many notifications race, a new alert in an
 * open group is heard, an operator's resolve holds, and monitoring that goes quiet calls someone.
 */
class AlertTrustTest {

    private static final String TOKEN = "alert-token";
    private static final String OPERATOR = "operator-token";
    private static final String PUBLIC = RunningShirase.ALERT_PUBLIC_URL;
    private static final String A = "+819011110001";
    private static final String B = "+819011110002";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StandInServer twilio;
    private static StandInServer chat;
    private static RunningShirase shirase;
    private static LogCapture log;
    private static int calls;
    private static int groups;

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        twilio = StandInServer.start();
        chat = StandInServer.start();
        shirase = runtime().start();
    }

    /** Roster A, B; timeline and ops notices to the Slack stand-in (paths /timeline and /ops). */
    private static RunningShirase.Builder runtime() {
        return RunningShirase.withAlertCall(twilio.url(""), TOKEN, A + "," + B)
                .with("alert.redial-delay", "300ms") // timing only
                .with("alert.timeline.channel", "slack")
                .with("alert.timeline.webhook-url", chat.url("/timeline"))
                .with("shirase.ops.channel", "slack")
                .with("shirase.ops.webhook-url", chat.url("/ops"))
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.admin.operator-tokens", "ops:" + OPERATOR)
                .with("alert.max-incidents-per-hour", "1000").with("alert.max-calls-per-hour", "10000");
    }

    @AfterAll
    static void stop() {
        shirase.close();
        twilio.close();
        chat.close();
        log.close();
    }

    @BeforeEach
    void reset() {
        twilio.reset();
        twilio.answerByDefault(created());
        chat.reset();
        chat.answerByDefault(Response.json(200, "ok"));
        log.clear();
    }

    private static Response created() {
        return Response.json(201, Fixtures.read("twilio/twilio-call-response.json")
                .replaceFirst("\"sid\": \"CA[0-9a-f]+\"", "\"sid\": \"CA" + String.format("%032d", ++calls) + "\""));
    }

    /** A notification from a fixture, moved to a group of this test's own. */
    private static HttpResponse<String> notify(RunningShirase runtime, String fixture, String group) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Fixtures.read("alert/" + fixture));
            body.put("groupKey", group);
            return runtime.send(HttpRequest.newBuilder(runtime.uri("/alert"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newGroup() {
        return "{}/{test=\"" + (++groups) + "\"}:{}";
    }

    private static List<Recorded> creates() {
        return twilio.received().stream().filter(r -> r.path().endsWith("/Calls.json")).toList();
    }

    private static Map<String, String> form(String body) {
        return java.util.Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a + "," + b));
    }

    /** The chat posts (timeline and ops) whose text names the incident, once {@code count} arrived. */
    private static List<String> chatAbout(String incident, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<String> texts = new ArrayList<>();
            for (Recorded post : chat.received()) {
                String text = JSON.readTree(post.body()).path("text").asText();
                if (text.contains(incident)) {
                    texts.add(post.path() + " " + text);
                }
            }
            if (texts.size() >= count || System.currentTimeMillis() > deadline) {
                return texts;
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode incident(RunningShirase runtime, String id) throws Exception {
        return JSON.readTree(runtime.send(HttpRequest.newBuilder(runtime.uri("/alert/" + id))
                .header("Authorization", "Bearer " + TOKEN).build()).body());
    }

    private static HttpResponse<String> join(RunningShirase runtime, String incident, Map<String, String> params)
            throws Exception {
        return callback(runtime, "/alert/join", incident, params);
    }

    private static HttpResponse<String> callback(RunningShirase runtime, String path, String incident,
            Map<String, String> params) throws Exception {
        String pathAndQuery = path + "?incident=" + incident;
        String form = params.entrySet().stream().map(e -> e.getKey() + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return runtime.send(HttpRequest.newBuilder(runtime.uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", AlertCallRouteTest.sign(PUBLIC + pathAndQuery, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @Test
    void everyCallRefusedIs502WithTheIncidentFailedOneTimelineLineAndOneOpsNoticeThenTheMonitorsRetryCalls()
            throws Exception {
        twilio.answerByDefault(Response.json(401, Fixtures.read("twilio/twilio-error-20003.json")));
        String group = newGroup();

        HttpResponse<String> refused = notify(shirase, "alertmanager-firing.json", group);

        assertEquals(502, refused.statusCode(), refused.body());
        JsonNode body = JSON.readTree(refused.body());
        String id = body.get("incident").asText();
        assertEquals("failed", body.get("status").asText());
        assertEquals("nobody could be called: Twilio error 20003: Authenticate", body.get("reason").asText());
        assertEquals(2, body.get("calls").size());
        body.get("calls").forEach(c -> assertEquals("Twilio error 20003: Authenticate", c.get("error").asText()));
        assertEquals(2, creates().size(), "a 401 is not retried");
        JsonNode shown = incident(shirase, id);
        assertEquals("failed", shown.get("status").asText());
        assertEquals("Twilio error 20003: Authenticate", shown.get("reason").asText());

        List<String> told = chatAbout(id, 2);
        assertEquals(List.of("/ops Shirase: alert " + id + " could not ring: nobody could be called: Twilio error"
                + " 20003: Authenticate - PostgresDown: PostgreSQL on db-1 is down。",
                "/timeline [" + id + "] HH:MM:SS 発信失敗: 誰にも電話できませんでした (Twilio error 20003:"
                        + " Authenticate) - 送信元に 502 を返しました: PostgresDown: PostgreSQL on db-1 is down。"),
                told.stream().map(t -> t.replaceFirst("\\d\\d:\\d\\d:\\d\\d", "HH:MM:SS")).sorted().toList());
        assertTrue(log.all().contains("Alert " + id + ": 0 call(s) placed, 2 failed"), log.all());

        twilio.reset();
        twilio.answerByDefault(created());
        HttpResponse<String> retried = notify(shirase, "alertmanager-firing.json", group); // Alertmanager retries

        assertEquals(202, retried.statusCode(), retried.body());
        assertEquals(2, creates().size());
        assertTrue(shirase.get("/observe/metrics").body().contains("shirase_alert_calls_total{outcome=\"failed\"}"));
    }

    @Test
    void someCallsRefusedIs202NamingTheRefusedNumbers() throws Exception {
        twilio.enqueue(created(), Response.json(400, Fixtures.read("twilio/twilio-error-21211.json")));

        HttpResponse<String> partly = notify(shirase, "alertmanager-firing.json", newGroup());

        assertEquals(202, partly.statusCode(), partly.body());
        assertEquals("[\"" + B + "\"]", JSON.readTree(partly.body()).get("refused").toString());
    }

    @Test
    void twilioUnreachableIsNamedRetriedAndThen502() throws Exception {
        StandInServer gone = StandInServer.start();
        String closed = gone.url("");
        gone.close();
        try (RunningShirase unreachable = runtime().with("twilio.api-base-url", closed)
                .with("alert.twilio-retries", "1").start()) {
            long started = System.nanoTime();
            HttpResponse<String> response = unreachable.send(HttpRequest.newBuilder(unreachable.uri("/alert?message="
                    + "db+down&tels=%2B819011110001")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(502, response.statusCode(), response.body());
            String reason = JSON.readTree(response.body()).get("reason").asText();
            assertTrue(reason.startsWith("nobody could be called: Twilio unreachable ("), reason);
            assertFalse(reason.contains("may exist"), reason);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 900, "tried again after 1 s");
            assertTrue(log.all().contains("0 call(s) placed, 1 failed"), log.all());
        }
    }

    @Test
    void everyCallAsksForMachineDetectionAndAMachineNeverJoinsNorAcknowledges() throws Exception {
        try (RunningShirase seedLike = runtime().with("alert.require-keypress", "false").start()) {
            twilio.enqueue(created(), created(), created());
            String id = JSON.readTree(seedLike.send(HttpRequest.newBuilder(seedLike.uri("/alert?message=db+down"))
                    .header("Authorization", "Bearer " + TOKEN).build()).body()).get("incident").asText();
            List<Recorded> placed = twilio.awaitRequests(2, Duration.ofSeconds(5));
            placed.forEach(c -> assertEquals("Enable", form(c.body()).get("MachineDetection"), c.body()));
            JsonNode state = incident(seedLike, id);
            String voicemail = state.get("calls").get(0).get("callSid").asText();

            String twiml = join(seedLike, id, Map.of("CallSid", voicemail, "To", A, "AnsweredBy", "machine_start"))
                    .body();

            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>", twiml);
            JsonNode after = incident(seedLike, id);
            assertEquals("escalating", after.get("status").asText(), "a machine does not acknowledge");
            assertFalse(after.get("calls").get(0).get("joined").asBoolean());
            assertFalse(after.get("calls").get(0).get("answered").asBoolean());
            assertEquals("machine_start", after.get("calls").get(0).get("answeredBy").asText());
            // its call ends: the number is called again, as one not answered
            callback(seedLike, "/alert/status", id, Map.of("CallSid", voicemail, "CallStatus", "completed"));
            List<Recorded> again = twilio.awaitRequests(3, Duration.ofSeconds(5));
            assertEquals(A, form(again.get(2).body()).get("To"));
            assertTrue(chatAbout(id, 1).stream().noneMatch(t -> t.contains("応答しました")), chatAbout(id, 1).toString());

            String human = join(seedLike, id, Map.of("CallSid", state.get("calls").get(1).get("callSid").asText(),
                    "To", B, "AnsweredBy", "human")).body();
            assertTrue(human.contains("<Conference"), human);
            assertEquals("acknowledged", incident(seedLike, id).get("status").asText());
            assertTrue(seedLike.get("/observe/metrics").body().contains("shirase_alert_calls_total{outcome=\"machine\"} 1.0"));
        }
    }

    @Test
    void fourFiringAlertsInJapaneseAreSpokenWithoutAnEnglishWord() throws Exception {
        HttpResponse<String> firing = notify(shirase, "grafana-four-firing.json", newGroup());

        assertEquals(202, firing.statusCode(), firing.body());
        assertEquals("APIエラー率: 5xx が 10%超。キュー滞留: 未処理 5000 件超。証明書期限: 残り 7 日。ほか 1 件。",
                spoken(shirase, firing));
    }

    @Test
    void identicalAlertsAreSpokenOnceWithTheirCount() throws Exception {
        HttpResponse<String> firing = notify(shirase, "alertmanager-high-latency-4.json", newGroup());

        assertEquals("HighLatency (4件): p99 が 2 秒超。", spoken(shirase, firing));
    }

    private static String spoken(RunningShirase runtime, HttpResponse<String> firing) throws Exception {
        JsonNode incident = JSON.readTree(firing.body());
        String twiml = join(runtime, incident.get("incident").asText(), Map.of("CallSid",
                incident.get("calls").get(0).get("callSid").asText(), "To", A)).body();
        return twiml.replaceAll("(?s).*エマージェンシー、エマージェンシー、(.*?)</Say>.*", "$1");
    }

    @Test
    void sixWrongTokensThenTheRightOneIsAccepted() {
        try (RunningShirase braked = runtime().start()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, alertAs(braked, "guess-" + i).statusCode());
            }
            HttpResponse<String> sixth = alertAs(braked, "guess-6");
            HttpResponse<String> right = alertAs(braked, TOKEN);

            assertEquals(429, sixth.statusCode());
            assertEquals(202, right.statusCode(), right.body());
        }
    }

    private static HttpResponse<String> alertAs(RunningShirase runtime, String token) {
        return runtime.send(HttpRequest.newBuilder(runtime.uri("/alert?message=brake&tels=%2B819011110001"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void watchdogFromAlertmanagerCallsNobody() throws Exception {
        HttpResponse<String> watchdog = notify(shirase, "alertmanager-default-group-watchdog.json", newGroup());

        assertEquals(200, watchdog.statusCode());
        assertEquals("heartbeat", JSON.readTree(watchdog.body()).get("status").asText());
        twilio.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void watchdogThenDiskFullInTheDefaultGroupCallsForDiskFull() throws Exception {
        String group = newGroup();
        assertEquals(200, notify(shirase, "alertmanager-default-group-watchdog.json", group).statusCode());

        HttpResponse<String> diskFull = notify(shirase, "alertmanager-default-group-diskfull.json", group);

        assertEquals(202, diskFull.statusCode(), diskFull.body());
        assertEquals(2, creates().size());
        assertEquals("DiskFull: ディスク使用率 95% 超 (db-1)。", spoken(shirase, diskFull));
    }

    @Test
    void fiveIdenticalNotificationsAtOnceOpenOneIncidentAndCallEachNumberOnce() throws Exception {
        String group = newGroup();
        ExecutorService senders = Executors.newFixedThreadPool(5);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(senders.submit(() -> notify(shirase, "alertmanager-firing.json", group)));
            }
            List<Integer> statuses = new ArrayList<>();
            java.util.Set<String> incidents = new java.util.HashSet<>();
            for (Future<HttpResponse<String>> answer : sent) {
                statuses.add(answer.get().statusCode());
                incidents.add(JSON.readTree(answer.get().body()).path("incident").asText());
            }

            assertEquals(List.of(200, 200, 200, 200, 202), statuses.stream().sorted().toList());
            assertEquals(1, incidents.size(), incidents.toString());
            twilio.awaitRequests(2, Duration.ofSeconds(5));
            twilio.assertNoMoreThan(2, Duration.ofMillis(500));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void anOperatorsResolveHoldsUntilANewAlertJoins() throws Exception {
        String group = newGroup();
        String id = JSON.readTree(notify(shirase, "alertmanager-firing.json", group).body()).get("incident").asText();
        twilio.awaitRequests(2, Duration.ofSeconds(5));
        assertEquals(200, operator("/alert/" + id + "/resolve").statusCode());
        twilio.awaitRequests(4, Duration.ofSeconds(5)); // the two live calls hung up

        HttpResponse<String> repeat = notify(shirase, "alertmanager-firing.json", group); // repeat_interval

        assertEquals(200, repeat.statusCode(), repeat.body());
        assertEquals("resolved", JSON.readTree(repeat.body()).get("status").asText());
        twilio.assertNoMoreThan(4, Duration.ofMillis(300));

        HttpResponse<String> another = notify(shirase, "alertmanager-default-group-diskfull.json", group);
        assertEquals(202, another.statusCode(), another.body());
        twilio.awaitRequests(6, Duration.ofSeconds(5));
    }

    @Test
    void aNewAlertJoiningAnAcknowledgedIncidentIsOnTheTimelineAndCallsTierOneAgain() throws Exception {
        String group = newGroup();
        String id = JSON.readTree(notify(shirase, "alertmanager-firing.json", group).body()).get("incident").asText();
        twilio.awaitRequests(2, Duration.ofSeconds(5));
        assertEquals(200, operator("/alert/" + id + "/ack").statusCode());
        assertEquals(200, notify(shirase, "alertmanager-firing.json", group).statusCode(), "the same alert: a repeat");

        HttpResponse<String> joined = notify(shirase, "alertmanager-default-group-diskfull.json", group);

        assertEquals(202, joined.statusCode(), joined.body());
        assertEquals("added", JSON.readTree(joined.body()).get("status").asText());
        assertEquals(id, JSON.readTree(joined.body()).get("incident").asText());
        List<Recorded> placed = twilio.awaitRequests(4, Duration.ofSeconds(5));
        assertEquals(List.of(A, B), placed.subList(2, 4).stream().map(c -> form(c.body()).get("To")).sorted().toList());
        assertTrue(chatAbout(id, 3).stream().anyMatch(t -> t.matches("/timeline \\[" + id + "] \\d\\d:\\d\\d:\\d\\d"
                + " 新しいアラート: DiskFull: ディスク使用率 95% 超 \\(db-1\\)。 - 第1段階に再発信中 \\(\\+819011110001,"
                + " \\+819011110002\\)")), chatAbout(id, 3).toString());
    }

    @Test
    void aRedialThatCannotBePlacedIsOnTheTimelineAndInTheOpsChat() throws Exception {
        String id = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=redial+refused"
                + "&tels=%2B819011110001")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).body()).get("incident").asText();
        String sid = incident(shirase, id).get("calls").get(0).get("callSid").asText();
        twilio.answerByDefault(Response.json(401, Fixtures.read("twilio/twilio-error-20003.json")));

        callback(shirase, "/alert/status", id, Map.of("CallSid", sid, "CallStatus", "no-answer"));

        List<String> told = chatAbout(id, 3);
        assertTrue(told.stream().anyMatch(t -> t.matches("/timeline \\[" + id + "] \\d\\d:\\d\\d:\\d\\d \\+819011110001"
                + " に発信できませんでした \\(Twilio error 20003: Authenticate\\)")), told.toString());
        assertTrue(told.contains("/ops Shirase: alert " + id + " could not ring: could not call +819011110001: Twilio"
                + " error 20003: Authenticate - redial refused"), told.toString());
    }

    private static HttpResponse<String> operator(String path) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri(path)).header("Authorization", "Bearer " + OPERATOR)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}

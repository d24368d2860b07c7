package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.HmacSha256;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/uipath-jobs.camel.yaml against stand-ins for Orchestrator, Slack, Google Chat, Chatwork and Backlog. */
class UiPathJobsRouteTest {

    private static final String SECRET = "example-webhook-secret";
    private static final String ADMIN = "admin-token";
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StandInServer orchestrator;
    private static StandInServer slack;
    private static StandInServer chat;
    private static StandInServer chatwork;
    private static StandInServer backlog;
    private static RunningShirase shirase;
    private static LogCapture log;

    static RunningShirase.Builder runtime() {
        return RunningShirase
                .with("uipath.webhook-secret", SECRET)
                .with("uipath.slack-webhook-url", slack.url("/services/T1/B1/uipath"))
                .with("uipath.google-chat-webhook-url", chat.url("/v1/spaces/RPA/messages?key=k&token=chat-token"))
                .with("uipath.chatwork.api-token", "chatwork-token")
                .with("uipath.chatwork.room-id", "4242")
                .with("uipath.chatwork.base-url", chatwork.url("/v2"))
                .with("uipath.backlog.base-url", backlog.url(""))
                .with("uipath.backlog.api-key", "backlog-key")
                .with("uipath.backlog.project-id", "12345")
                .with("uipath.backlog.issue-type-id", "67890")
                .with("uipath.orchestrator.url", orchestrator.url("/orchestrator_"))
                .with("uipath.orchestrator.username", "rpa-monitor")
                .with("uipath.orchestrator.password", "example-password")
                .with("uipath.orchestrator.folder-id", "5")
                .with("uipath.poll.schedule", "0 0 0 1 1 ? 2099") // runs through /admin/run here
                .with("shirase.admin-token", ADMIN)
                // timing only: retries after 200 ms and no pacing between posts
                .with("shirase.delivery.retry-schedule", "200ms")
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.delivery.rate.google-chat", "0")
                .with("shirase.delivery.rate.chatwork", "0")
                .with("shirase.delivery.rate.backlog", "0");
    }

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        orchestrator = StandInServer.start();
        slack = StandInServer.start();
        chat = StandInServer.start();
        chatwork = StandInServer.start();
        backlog = StandInServer.start();
        shirase = runtime().start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        List.of(orchestrator, slack, chat, chatwork, backlog).forEach(StandInServer::close);
        log.close();
    }

    @BeforeEach
    void reset() {
        List.of(orchestrator, slack, chat, chatwork, backlog).forEach(StandInServer::reset);
        slack.answerByDefault(new Response(200, Map.of("Content-Type", "text/html"), "ok", Duration.ZERO));
        chat.answerByDefault(Response.json(200, "{}"));
        chatwork.answerByDefault(Response.json(200, Fixtures.read("uipath/chatwork-post-message-response.json")));
        backlog.answerByDefault(Response.json(201, Fixtures.read("uipath/backlog-add-issue-response.json")));
        log.clear();
    }

    static String sign(String body) throws Exception {
        return Base64.getEncoder().encodeToString(HmacSha256.of(SECRET, body));
    }

    /** A fixture event made unique: its own EventId and job id. */
    static String event(String fixture, long jobId) {
        return Fixtures.read("uipath/" + fixture)
                .replaceFirst("\"EventId\": \"[^\"]+\"", "\"EventId\": \"event-" + jobId + "\"")
                .replaceFirst("\"Id\": 1488\\d\\d", "\"Id\": " + jobId);
    }

    static HttpResponse<String> post(RunningShirase runtime, String body) throws Exception {
        return runtime.postJson("/uipath/webhook", body, "X-UiPath-Signature", sign(body));
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void faultedJobGoesToEveryChatChannelAndOpensABacklogIssue() throws Exception {
        JsonNode vector = JSON.readTree(Fixtures.read("uipath/uipath-signature-test-vector.json"));
        String raw = vector.get("rawBody").asText();

        HttpResponse<String> response = shirase.postJson("/uipath/webhook", raw,
                "X-UiPath-Signature", vector.get("expectedSignature").asText());

        assertEquals(202, response.statusCode(), response.body());
        String text = "Robot: robot-invoice-01 (ROBOT-01)\\nStarted: 2024-05-21 10:35:02\\n"
                + "Ended: 2024-05-21 10:42:09 (Asia/Tokyo)\\nReason: Login page did not load within 30 seconds\\n"
                + "System.Exception: Login page did not load within 30 seconds\\n"
                + "Orchestrator: " + orchestrator.url("/orchestrator_") + "/jobs (job 148823)";
        Recorded toSlack = slack.awaitRequests(1, SOON).get(0);
        assertEquals("/services/T1/B1/uipath", toSlack.path());
        assertEquals("{\"attachments\":[{\"color\":\"danger\",\"fallback\":\"InvoiceBot Faulted\",\"fields\":[{"
                + "\"title\":\"InvoiceBot Faulted\",\"value\":\"" + text + "\",\"short\":false}],"
                + "\"footer\":\"Machine Name: ROBOT-01\"}],\"username\":\"UiPath\"}", toSlack.body());

        Recorded toChat = chat.awaitRequests(1, SOON).get(0);
        assertEquals("key=k&token=chat-token", toChat.query());
        assertEquals("{\"text\":\"*InvoiceBot Faulted*\\n" + text + "\\nMachine Name: ROBOT-01\"}", toChat.body());

        Recorded toChatwork = chatwork.awaitRequests(1, SOON).get(0);
        assertEquals("POST", toChatwork.method());
        assertEquals("/v2/rooms/4242/messages", toChatwork.path());
        assertEquals("chatwork-token", toChatwork.header("X-ChatWorkToken"));
        assertTrue(toChatwork.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(Map.of("body", "[info][title]InvoiceBot Faulted[/title]" + text.replace("\\n", "\n")
                + "\nMachine Name: ROBOT-01[/info]", "self_unread", "0"), form(toChatwork.body()));

        Recorded ticket = backlog.awaitRequests(1, SOON).get(0);
        assertEquals("/api/v2/issues", ticket.path());
        assertEquals("apiKey=backlog-key", ticket.query());
        Map<String, String> fields = form(ticket.body());
        assertEquals("12345", fields.get("projectId"));
        assertEquals("InvoiceBot Faulted", fields.get("summary"));
        assertEquals("67890", fields.get("issueTypeId"));
        assertEquals("3", fields.get("priorityId"));
        String description = fields.get("description");
        assertTrue(description.startsWith("Info: Login page did not load within 30 seconds\n\nSystem.Exception: Login "
                + "page did not load within 30 seconds\n   at UiPath.Core.Activities.WaitUiElementAppear.Execute("
                + "CodeActivityContext context)\nMachine Name: ROBOT-01\nJob Key: 7d2b6c3a-1e4f-4a5b-9c8d-0e1f2a3b4c5d\n"
                + "Started: 2024-05-21 10:35:02 (Asia/Tokyo)\nEnded: 2024-05-21 10:42:09 (Asia/Tokyo)\n\nData:\n"),
                description);
        assertTrue(description.contains("\n  Robot_MachineName: ROBOT-01\n"), description);
        assertTrue(description.contains("\n  StartTime: 2024-05-21 10:35:02\n"), description);
        backlog.assertNoMoreThan(1, Duration.ofMillis(300));
        assertFalse(log.all().contains("backlog-key") || log.all().contains("chatwork-token"), log.all());
    }

    @Test
    void aBacklogRequestThatTimedOutIsNotSentAgainWhileAChatPostIs() throws Exception {
        // backlog-send declares retry-read-timeout: false in routes/channels.camel.yaml; the chats keep the default
        backlog.answerByDefault(Response.json(201, "{}").after(Duration.ofMillis(1500)));
        chatwork.answerByDefault(Response.json(200, "{}").after(Duration.ofMillis(1500)));
        try (RunningShirase slowAnswers = runtime().with("shirase.delivery.response-timeout", "300").start()) {
            assertEquals(202, post(slowAnswers, event("uipath-job-faulted.json", 500041)).statusCode());

            chatwork.awaitRequests(2, SOON); // timed out, then tried again
            backlog.assertNoMoreThan(1, Duration.ofSeconds(2));
            assertEquals(1.0, slowAnswers.deliveries("backlog", "dead"), 0.0);
        }
    }

    @Test
    void completedJobGoesToChatButOpensNoIssue() throws Exception {
        assertEquals(202, post(shirase, event("uipath-job-completed.json", 500001)).statusCode());

        String body = slack.awaitRequests(1, SOON).get(0).body();
        assertTrue(body.startsWith("{\"attachments\":[{\"color\":\"good\",\"fallback\":\"InvoiceBot Successful\""), body);
        assertFalse(body.contains("Reason"), body);
        chat.awaitRequests(1, SOON);
        chatwork.awaitRequests(1, SOON);
        backlog.assertNoMoreThan(0, Duration.ofMillis(800));
    }

    @Test
    void stoppedJobInAJobsArrayOpensAnIssueToo() throws Exception {
        assertEquals(202, post(shirase, event("uipath-job-stopped.json", 500002)).statusCode());

        assertTrue(slack.awaitRequests(1, SOON).get(0).body().contains("\"color\":\"warning\""));
        assertEquals("InvoiceBot Stopped", form(backlog.awaitRequests(1, SOON).get(0).body()).get("summary"));
    }

    @Test
    void aJobsSingleObjectAsOrchestratorDocumentsItIsAcceptedLikeTheOtherForms() throws Exception {
        String body = Fixtures.read("uipath/uipath-job-faulted-jobs-object.json")
                .replaceFirst("\"Id\": 1488\\d\\d", "\"Id\": 500031");

        HttpResponse<String> response = post(shirase, body);

        assertEquals(202, response.statusCode(), response.body());
        assertTrue(slack.awaitRequests(1, SOON).get(0).body().contains("InvoiceBot Faulted"));
        assertEquals("InvoiceBot Faulted", form(backlog.awaitRequests(1, SOON).get(0).body()).get("summary"));
    }

    @Test
    void jobsThatAreNeitherAnObjectNorAnArrayOfThemAre400WithTheReason() throws Exception {
        HttpResponse<String> number = post(shirase, "{\"Type\":\"job.faulted\",\"EventId\":\"e-31\",\"Jobs\":7}");
        HttpResponse<String> mixed = post(shirase, "{\"Type\":\"job.faulted\",\"EventId\":\"e-32\",\"Jobs\":[1]}");

        assertEquals(400, number.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"job.faulted event's Jobs is neither a job object nor an"
                + " array of them\"}", number.body());
        assertEquals(400, mixed.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"job.faulted event's Jobs holds something that is not a"
                + " job object\"}", mixed.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void anEventThatCannotBeReadIsKeptDeadWithItsReasonAndCanBeReplayed() throws Exception {
        String unreadable = "{\"Type\": \"job.faulted\", \"EventId\": \"e-kept\", \"Jobs\": 7}";

        HttpResponse<String> refused = post(shirase, unreadable);

        assertEquals(400, refused.statusCode());
        JsonNode kept = JSON.readTree(shirase.send(java.net.http.HttpRequest.newBuilder(
                shirase.uri("/admin/deliveries?status=dead")).header("Authorization", "Bearer " + ADMIN).build())
                .body()).get("deliveries").get(0);
        assertEquals("uipath-event", kept.get("channel").asText());
        assertEquals("uipath-webhook", kept.get("flow").asText());
        assertEquals("job.faulted event's Jobs is neither a job object nor an array of them",
                kept.get("lastError").asText());
        assertEquals("an event that could not be read: job.faulted event's Jobs is neither a job object nor an array"
                + " of them", kept.get("text").asText());
        assertTrue(log.all().contains("kept an event it could not read as dead delivery " + kept.get("id").asLong()),
                log.all());

        // a replay reads it again: still unreadable here, so dead again, with the reason of this attempt
        HttpResponse<String> replay = shirase.send(java.net.http.HttpRequest.newBuilder(
                shirase.uri("/admin/deliveries/" + kept.get("id").asLong() + "/replay"))
                .header("Authorization", "Bearer " + ADMIN).POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(200, replay.statusCode(), replay.body());
        long deadline = System.nanoTime() + SOON.toNanos();
        JsonNode again;
        do {
            Thread.sleep(100);
            again = JSON.readTree(shirase.send(java.net.http.HttpRequest.newBuilder(
                    shirase.uri("/admin/deliveries?status=dead")).header("Authorization", "Bearer " + ADMIN).build())
                    .body()).get("deliveries").get(0);
        } while (again.get("attempts").asInt() < 1 && System.nanoTime() < deadline);
        assertEquals(1, again.get("attempts").asInt());
        assertEquals("RejectedRequest: job.faulted event's Jobs is neither a job object nor an array of them",
                again.get("lastError").asText());
        slack.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void japaneseWording() throws Exception {
        try (RunningShirase ja = runtime().with("uipath.language", "ja").start()) {
            post(ja, event("uipath-job-faulted.json", 500003));
            post(ja, event("uipath-job-completed.json", 500004));
            post(ja, event("uipath-job-stopped.json", 500005));

            List<String> titles = chat.awaitRequests(3, SOON).stream().map(Recorded::body).toList();
            assertTrue(titles.stream().anyMatch(t -> t.startsWith("{\"text\":\"*InvoiceBot 異常終了*\\nロボット: "
                    + "robot-invoice-01 (ROBOT-01)\\n開始: 2024-05-21 10:35:02\\n終了: 2024-05-21 10:42:09 (Asia/Tokyo)\\n"
                    + "理由: Login page did not load within 30 seconds")), titles.toString());
            assertTrue(titles.stream().anyMatch(t -> t.startsWith("{\"text\":\"*InvoiceBot 正常終了*")), titles.toString());
            assertTrue(titles.stream().anyMatch(t -> t.startsWith("{\"text\":\"*InvoiceBot 停止*")), titles.toString());
            backlog.awaitRequests(2, SOON);
        }
    }

    @Test
    void badOrMissingSignatureIsRejectedAndNothingIsSent() throws Exception {
        String body = event("uipath-job-faulted.json", 500006);

        HttpResponse<String> wrong = shirase.postJson("/uipath/webhook", body, "X-UiPath-Signature", sign(body + " "));
        HttpResponse<String> missing = shirase.postJson("/uipath/webhook", body);

        assertEquals(401, wrong.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"X-UiPath-Signature does not match the body signed with "
                + "uipath.webhook-secret\"}", wrong.body());
        assertEquals(401, missing.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"missing X-UiPath-Signature header\"}", missing.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
        backlog.assertNoMoreThan(0, Duration.ofMillis(10));
    }

    @Test
    void withoutASecretTheWebhookIsNotConfigured() throws Exception {
        try (RunningShirase unsigned = RunningShirase.with("uipath.slack-webhook-url", slack.url("/x")).start()) {
            HttpResponse<String> response = post(unsigned, event("uipath-job-faulted.json", 500007));

            assertEquals(503, response.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"not configured: set uipath.webhook-secret (or"
                + " uipath.webhook.allow-unsigned=true behind something that checks callers)\"}",
                    response.body());
            slack.assertNoMoreThan(0, Duration.ofMillis(500));
        }
    }

    @Test
    void theSameEventIdTwiceIsHandledOnce() throws Exception {
        String body = event("uipath-job-faulted.json", 500008);

        assertEquals(202, post(shirase, body).statusCode());
        HttpResponse<String> again = post(shirase, body);

        assertEquals(200, again.statusCode());
        assertEquals("{\"status\":\"duplicate\"}", again.body());
        slack.awaitRequests(1, SOON);
        backlog.awaitRequests(1, SOON);
        slack.assertNoMoreThan(1, Duration.ofMillis(800));
        backlog.assertNoMoreThan(1, Duration.ofMillis(10));
    }

    @Test
    void anotherEventAboutAJobAlreadyReportedIsAcceptedAndSendsNothingMore() throws Exception {
        String first = event("uipath-job-faulted.json", 500020);
        String second = first.replace("\"EventId\": \"event-500020\"", "\"EventId\": \"event-500020-again\"");

        assertEquals(202, post(shirase, first).statusCode());
        HttpResponse<String> again = post(shirase, second);

        assertEquals(202, again.statusCode(), "a new event id: accepted, its known job skipped");
        assertEquals("{\"status\":\"accepted\"}", again.body());
        slack.awaitRequests(1, SOON);
        backlog.awaitRequests(1, SOON);
        slack.assertNoMoreThan(1, Duration.ofMillis(800));
        backlog.assertNoMoreThan(1, Duration.ofMillis(10));
        assertEquals(200, post(shirase, second).statusCode(), "the second event itself is remembered too");
    }

    @Test
    void malformedOrJoblessEventsAre400AndOtherTypesIgnored() throws Exception {
        HttpResponse<String> malformed = post(shirase, "{\"Type\": \"job.faulted\", ");
        HttpResponse<String> jobless = post(shirase, "{\"Type\":\"job.faulted\",\"EventId\":\"e-9\"}");
        HttpResponse<String> other = post(shirase, "{\"Type\":\"robot.status\",\"EventId\":\"e-10\"}");

        assertEquals(400, malformed.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"body is not valid JSON\"}", malformed.body());
        assertEquals(400, jobless.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"job.faulted event has no Job or Jobs\"}", jobless.body());
        assertEquals(202, other.statusCode());
        assertEquals("{\"status\":\"ignored\",\"reason\":\"event type robot.status is not a job ending\"}", other.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    private static HttpResponse<String> pollNow(RunningShirase runtime) {
        return runtime.send(HttpRequest.newBuilder(runtime.uri("/admin/run/uipath-poll"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void pollerReportsWhatTheWebhookMissedAndSkipsWhatItSentAndTheWatermarkMoves() throws Exception {
        // its own store, so the fixtures' job ids are new to it; and a first poll reaching back before their 2024 end
        try (RunningShirase fresh = runtime().with("uipath.poll.interval", "10000000").start()) {
            pollerScenario(fresh);
        }
    }

    private void pollerScenario(RunningShirase shirase) throws Exception {
        // the webhook already reported job 148823 (faulted); the poller finds it and 148840 (stopped)
        post(shirase, Fixtures.read("uipath/uipath-job-faulted.json"));
        slack.awaitRequests(1, SOON);
        backlog.awaitRequests(1, SOON);
        slack.reset();
        slack.answerByDefault(new Response(200, Map.of("Content-Type", "text/html"), "ok", Duration.ZERO));
        backlog.reset();
        backlog.answerByDefault(Response.json(201, Fixtures.read("uipath/backlog-add-issue-response.json")));
        orchestrator.enqueue(Response.json(200, Fixtures.read("uipath/uipath-authenticate-response.json")),
                Response.json(200, Fixtures.read("uipath/uipath-odata-jobs-response.json")));

        HttpResponse<String> run = pollNow(shirase);

        assertEquals(200, run.statusCode(), run.body());
        List<Recorded> calls = orchestrator.received();
        assertEquals("POST", calls.get(0).method());
        assertEquals("/orchestrator_/api/account/authenticate", calls.get(0).path());
        assertEquals("{\"tenancyName\":\"Default\",\"usernameOrEmailAddress\":\"rpa-monitor\",\"password\":"
                + "\"example-password\"}", calls.get(0).body());
        assertEquals("GET", calls.get(1).method());
        assertEquals("/orchestrator_/odata/Jobs", calls.get(1).path());
        assertEquals("Bearer " + JSON.readTree(Fixtures.read("uipath/uipath-authenticate-response.json"))
                .get("result").asText(), calls.get(1).header("Authorization"));
        assertEquals("5", calls.get(1).header("X-UIPATH-OrganizationUnitId"));
        String query = URLDecoder.decode(calls.get(1).query(), StandardCharsets.UTF_8);
        assertTrue(query.startsWith("$filter=(State eq 'Faulted' or State eq 'Successful' or State eq 'Stopped') and "
                + "EndTime ge "), query);
        assertTrue(query.endsWith("&$orderby=EndTime asc&$top=100"), query);

        Recorded onlyNew = slack.awaitRequests(1, SOON).get(0);
        assertTrue(onlyNew.body().contains("InvoiceBot_Production Stopped"), onlyNew.body());
        assertEquals("InvoiceBot_Production Stopped", form(backlog.awaitRequests(1, SOON).get(0).body()).get("summary"));
        slack.assertNoMoreThan(1, Duration.ofMillis(800));
        backlog.assertNoMoreThan(1, Duration.ofMillis(10));

        // the next poll asks from the last EndTime seen; the webhook now skips what the poller reported
        orchestrator.reset();
        orchestrator.enqueue(Response.json(200, Fixtures.read("uipath/uipath-authenticate-response.json")),
                Response.json(200, "{\"value\":[]}"));
        pollNow(shirase);
        assertTrue(URLDecoder.decode(orchestrator.received().get(1).query(), StandardCharsets.UTF_8)
                .contains("EndTime ge 2024-05-21T03:09:59.870Z"), orchestrator.received().get(1).query());
        assertEquals(202, post(shirase, Fixtures.read("uipath/uipath-job-stopped.json")).statusCode());
        slack.assertNoMoreThan(1, Duration.ofMillis(800));
    }

    @Test
    void automationCloudPollerUsesAClientCredentialsToken() {
        try (RunningShirase cloud = runtime()
                .with("uipath.orchestrator.client-id", "8f3c2a10-1b2c-4d5e-9f00-112233445566")
                .with("uipath.orchestrator.client-secret", "example-client-secret")
                .with("uipath.orchestrator.token-url", orchestrator.url("/identity_/connect/token")).start()) {
            orchestrator.enqueue(Response.json(200, Fixtures.read("uipath/uipath-token-response.json")),
                    Response.json(200, "{\"value\":[]}"));

            assertEquals(200, pollNow(cloud).statusCode());

            Recorded token = orchestrator.received().get(0);
            assertEquals("POST", token.method());
            assertEquals("/identity_/connect/token", token.path());
            assertEquals(Map.of("grant_type", "client_credentials", "client_id", "8f3c2a10-1b2c-4d5e-9f00-112233445566",
                    "client_secret", "example-client-secret", "scope", "OR.Jobs.Read OR.Folders.Read"), form(token.body()));
            assertEquals("Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImV4YW1wbGUifQ.eyJleGFtcGxlIjp0cnVlfQ.c2ln",
                    orchestrator.received().get(1).header("Authorization"));
        }
    }

    @Test
    void pollerLoginFailurePostsNothingAndSaysWhy() {
        orchestrator.answerByDefault(Response.json(400, "{\"result\":null,\"success\":false}"));

        HttpResponse<String> run = pollNow(shirase);

        assertEquals("{\"routeId\":\"uipath-poll\",\"status\":\"skipped\",\"reason\":\"orchestrator-login answered HTTP 400\"}",
                run.body());
        assertFalse(log.all().contains("example-password"), log.all());
    }

    @Test
    void backlog500ThenSuccessOpensOneIssue() throws Exception {
        backlog.enqueue(Response.json(500, "{\"errors\":[{\"message\":\"Internal\",\"code\":1}]}"));

        post(shirase, event("uipath-job-faulted.json", 500009));

        List<Recorded> attempts = backlog.awaitRequests(2, SOON);
        assertEquals(attempts.get(0).body(), attempts.get(1).body());
        backlog.assertNoMoreThan(2, Duration.ofMillis(1000));
    }

    @Test
    void chatwork429IsRetried() throws Exception {
        chatwork.enqueue(Response.json(429, Fixtures.read("uipath/chatwork-429-response.json"))
                .withHeader("x-ratelimit-reset", "0"));

        post(shirase, event("uipath-job-completed.json", 500010));

        List<Recorded> attempts = chatwork.awaitRequests(2, SOON);
        assertEquals(attempts.get(0).body(), attempts.get(1).body());
        chatwork.assertNoMoreThan(2, Duration.ofMillis(800));
    }

    /** When a stand-in received a request, on the wall clock (its record keeps System.nanoTime()). */
    private static long receivedAt(Recorded request, long wallAtStart, long nanosAtStart) {
        return wallAtStart + (request.atNanos() - nanosAtStart) / 1_000_000;
    }

    @Test
    void aBacklog429IsTriedAgainNoSoonerThanItsRateLimitReset() throws Exception {
        long wall = System.currentTimeMillis();
        long nanos = System.nanoTime();
        long reset = wall / 1000 + 4; // an epoch second 3 to 4 s ahead, as Backlog sends it
        backlog.enqueue(Response.json(429, Fixtures.read("uipath/backlog-error-429.json"))
                .withHeader("X-RateLimit-Limit", "150").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset)));

        post(shirase, event("uipath-job-faulted.json", 500042));

        List<Recorded> attempts = backlog.awaitRequests(2, SOON);
        assertEquals(attempts.get(0).body(), attempts.get(1).body());
        long retried = receivedAt(attempts.get(1), wall, nanos);
        assertTrue(retried >= reset * 1000 - 20, "tried again " + (reset * 1000 - retried) + " ms before the reset");
    }

    @Test
    void aChatwork429IsTriedAgainNoSoonerThanItsRateLimitReset() throws Exception {
        long wall = System.currentTimeMillis();
        long nanos = System.nanoTime();
        long reset = wall / 1000 + 4;
        chatwork.enqueue(Response.json(429, Fixtures.read("uipath/chatwork-429-response.json"))
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", String.valueOf(reset)));

        post(shirase, event("uipath-job-completed.json", 500043));

        List<Recorded> attempts = chatwork.awaitRequests(2, SOON);
        long retried = receivedAt(attempts.get(1), wall, nanos);
        assertTrue(retried >= reset * 1000 - 20, "tried again " + (reset * 1000 - retried) + " ms before the reset");
    }

    @Test
    void inJapaneseEveryLabelIsJapanese() throws Exception {
        try (RunningShirase ja = runtime().with("uipath.language", "ja").start()) {
            assertEquals(202, post(ja, event("uipath-job-faulted.json", 500044)).statusCode());
            String toSlack = slack.awaitRequests(1, SOON).get(0).body();
            assertTrue(toSlack.contains("\"title\":\"InvoiceBot 異常終了\""), toSlack);
            assertTrue(toSlack.contains("\"footer\":\"マシン名: ROBOT-01\""), toSlack);
            String description = form(backlog.awaitRequests(1, SOON).get(0).body()).get("description");
            assertTrue(description.startsWith("詳細: Login page did not load"), description);
            assertTrue(description.contains("\nマシン名: ROBOT-01\nジョブキー: 7d2b6c3a-"), description);
            assertTrue(description.contains("\n\nデータ:\n  EndTime: "), description);
            assertFalse(toSlack.contains("Machine Name"), toSlack);
            // the labels, not the job's own data (its field Info is a value)
            assertFalse(description.matches("(?s)(.*\\n)?(Info|Machine Name|Job Key|Data):.*"), description);
            chat.awaitRequests(1, SOON);
            chatwork.awaitRequests(1, SOON);
        }
    }

    @Test
    void aJobIsNamedAlikeFromTheWebhookAndThePoll() throws Exception {
        // the webhook names the process by Release.ProcessKey; the poll asks for the Release ($expand) to do the same
        assertEquals(202, post(shirase, event("uipath-job-faulted.json", 500045)).statusCode());
        String fromWebhook = form(backlog.awaitRequests(1, SOON).get(0).body()).get("summary");
        backlog.reset();
        backlog.answerByDefault(Response.json(201, Fixtures.read("uipath/backlog-add-issue-response.json")));
        orchestrator.enqueue(Response.json(200, Fixtures.read("uipath/uipath-authenticate-response.json")),
                Response.json(200, Fixtures.read("uipath/uipath-odata-jobs-expanded-response.json")));
        HttpResponse<String> run = shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/run/uipath-poll"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, run.statusCode(), run.body());
        List<Recorded> issues = backlog.awaitRequests(2, SOON); // the poll's faulted and stopped jobs
        String fromPoll = form(issues.stream().filter(r -> r.body().contains("Faulted")).findFirst().orElseThrow()
                .body()).get("summary");
        assertEquals("InvoiceBot Faulted", fromWebhook);
        assertEquals(fromWebhook, fromPoll);
        assertTrue(URLDecoder.decode(orchestrator.received().get(1).query(), StandardCharsets.UTF_8)
                .contains("&$expand=Release&"), orchestrator.received().get(1).query());
        List.of(slack, chat, chatwork).forEach(chatService -> chatService.awaitRequests(3, SOON)); // nothing left over
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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

/** routes/clockify-discord.camel.yaml and the Discord channel, over real HTTP, with the shipped settings. */
class ClockifyDiscordTest {

    private static final String WEBHOOK_PATH = "/api/webhooks/1234567890/s3cr3t-webhook-token";
    private static final String STARTED_TOKEN = "token-of-the-started-webhook";
    private static final String STOPPED_TOKEN = "token-of-the-stopped-webhook";
    private static final Duration SOON = Duration.ofSeconds(10);

    private static StandInServer discord;
    private static RunningShirase shirase;
    private static LogCapture log;

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        discord = StandInServer.start();
        shirase = RunningShirase
                .with("clockify.discord-webhook-url", discord.url(WEBHOOK_PATH))
                .with("clockify.webhook-signature", STARTED_TOKEN + ", " + STOPPED_TOKEN)
                // timing only: attempts time out after 1.5 s (not 10 s), retries come after 200 ms (not 5 s), and
                // messages are not paced (DeliveryPacingTest checks the shipped Discord rate)
                .with("shirase.delivery.response-timeout", "1500")
                .with("shirase.delivery.retry-schedule", "200ms")
                .with("shirase.delivery.rate.discord", "0")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        discord.close();
        log.close();
    }

    @BeforeEach
    void reset() {
        discord.reset();
        log.clear();
    }

    private static HttpResponse<String> postTimer(String fixture, String eventType) {
        return shirase.postJson("/clockify", newEntry(fixture),
                "Clockify-Webhook-Event-Type", eventType,
                "Clockify-Signature", eventType.equals("NEW_TIMER_STARTED") ? STARTED_TOKEN : STOPPED_TOKEN);
    }

    private static String discordBody(String content) {
        return "{\"content\":\"" + content + "\",\"allowed_mentions\":{\"parse\":[]}}";
    }

    private static double deliveries(String outcome) {
        return shirase.deliveries("discord", outcome);
    }

    /** Each test posts another time entry, so dedupe does not swallow it. */
    private static int entry = 0;

    private static String newEntry(String fixture) {
        return Fixtures.read(fixture).replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"entry-" + (++entry) + "\"");
    }

    @Test
    void startedTimerPostsJapaneseMessageToDiscord() {
        HttpResponse<String> response = postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED");

        assertEquals(202, response.statusCode());
        assertEquals("{\"status\":\"accepted\"}", response.body());
        Recorded post = discord.awaitRequests(1, SOON).get(0);
        assertEquals("POST", post.method());
        assertEquals(WEBHOOK_PATH, post.path());
        assertTrue(post.header("Content-Type").startsWith("application/json"), post.header("Content-Type"));
        assertEquals(discordBody("Hanako Yamada が Acme - Website Weekly report を開始しました."), post.body());
        discord.assertNoMoreThan(1, Duration.ofMillis(300));
    }

    @Test
    void stoppedTimerPostsMessageWithTrackedDuration() {
        HttpResponse<String> response = postTimer("clockify/clockify-timer-stopped.json", "TIMER_STOPPED");

        assertEquals(202, response.statusCode());
        assertEquals(discordBody("Hanako Yamada が Acme - Website Weekly report を終了しました. お疲れ様でした. (1時間23分)"),
                discord.awaitRequests(1, SOON).get(0).body());
    }

    @Test
    void timerWithoutProjectOrDescriptionLeavesNoStraySeparators() {
        postTimer("clockify/clockify-timer-stopped-no-project.json", "TIMER_STOPPED");

        assertEquals(discordBody("Hanako Yamada がタイマーを終了しました. お疲れ様でした. (1時間23分)"),
                discord.awaitRequests(1, SOON).get(0).body());
    }

    @Test
    void projectWithoutClientShowsProjectAndDescriptionOnly() {
        String entry = newEntry("clockify/clockify-timer-started.json").replace("\"clientName\": \"Acme\"",
                "\"clientName\": null");

        shirase.postJson("/clockify", entry, "Clockify-Signature", STARTED_TOKEN);

        assertEquals(discordBody("Hanako Yamada が Website Weekly report を開始しました."),
                discord.awaitRequests(1, SOON).get(0).body());
    }

    @Test
    void userTextCannotPingEveryoneAndIsCutToDiscordsLimit() {
        String description = "@everyone " + "x".repeat(2500);
        String entry = newEntry("clockify/clockify-timer-started.json")
                .replace("\"description\": \"Weekly report\"", "\"description\": \"" + description + "\"");

        shirase.postJson("/clockify", entry, "Clockify-Signature", STARTED_TOKEN);

        String body = discord.awaitRequests(1, SOON).get(0).body();
        String expectedStart = "Hanako Yamada が Acme - Website @everyone xxx";
        String content = body.substring("{\"content\":\"".length(), body.indexOf("\",\"allowed_mentions\""));
        assertTrue(content.startsWith(expectedStart), content);
        assertEquals(2000, content.length());
        assertTrue(content.endsWith("x…"), content.substring(1990));
        assertTrue(body.endsWith("\"allowed_mentions\":{\"parse\":[]}}"), body);
    }

    @Test
    void otherEventTypesAreAcknowledgedAndIgnored() {
        HttpResponse<String> response = shirase.postJson("/clockify", "{\"id\":\"p1\",\"name\":\"New project\"}",
                "Clockify-Webhook-Event-Type", "NEW_PROJECT", "Clockify-Signature", STARTED_TOKEN);

        assertEquals(202, response.statusCode());
        assertEquals("{\"status\":\"ignored\",\"reason\":\"event type NEW_PROJECT is not a timer start or stop\"}",
                response.body());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void aLongEventTypeIsQuotedShortInTheReason() throws Exception {
        String huge = "X".repeat(6000); // near the server's 8 KB of headers
        HttpResponse<String> response = shirase.postJson("/clockify", "{\"id\":\"p2\"}",
                "Clockify-Webhook-Event-Type", huge, "Clockify-Signature", STARTED_TOKEN);

        assertEquals(202, response.statusCode());
        String reason = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("reason")
                .asText();
        assertTrue(reason.length() < 200, reason);
        assertTrue(reason.startsWith("event type XXXX"), reason);
        assertTrue(reason.endsWith("characters)"), reason);
    }

    @Test
    void eachConfiguredWebhookTokenIsAccepted() {
        assertEquals(202, postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED").statusCode());
        assertEquals(202, postTimer("clockify/clockify-timer-stopped.json", "TIMER_STOPPED").statusCode());
        assertEquals(202, shirase.postJson("/clockify", newEntry("clockify/clockify-timer-started.json"),
                "X-Clockify-Webhook-Signature", STOPPED_TOKEN).statusCode());

        discord.awaitRequests(3, SOON);
    }

    @Test
    void wrongSignatureIsRejectedAndNothingIsSent() {
        HttpResponse<String> response = shirase.postJson("/clockify",
                newEntry("clockify/clockify-timer-started.json"),
                "Clockify-Webhook-Event-Type", "NEW_TIMER_STARTED", "Clockify-Signature", STARTED_TOKEN + "x");

        assertEquals(401, response.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"Clockify-Signature does not match any configured "
                + "webhook token\"}", response.body());
        assertFalse(response.body().contains(STARTED_TOKEN));
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void missingSignatureIsRejectedAndNothingIsSent() {
        HttpResponse<String> response = shirase.postJson("/clockify",
                newEntry("clockify/clockify-timer-started.json"), "Clockify-Webhook-Event-Type", "NEW_TIMER_STARTED");

        assertEquals(401, response.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"missing Clockify-Signature header\"}", response.body());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void malformedJsonIsRejectedWithReason() {
        HttpResponse<String> response = shirase.postJson("/clockify", "{\"user\": {\"name\": ",
                "Clockify-Signature", STARTED_TOKEN);

        assertEquals(400, response.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"body is not valid JSON\"}", response.body());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void contentAfterTheJsonObjectIsRejectedAndNothingIsSent() {
        String entry = newEntry("clockify/clockify-timer-started.json");

        HttpResponse<String> twoObjects = shirase.postJson("/clockify", entry + entry, "Clockify-Signature",
                STARTED_TOKEN);
        HttpResponse<String> garbage = shirase.postJson("/clockify", entry + " trailing", "Clockify-Signature",
                STARTED_TOKEN);

        assertEquals(400, twoObjects.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"body has content after its JSON value (send one JSON"
                + " object)\"}", twoObjects.body());
        assertEquals(400, garbage.statusCode());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void entryWithoutUserOrCurrentlyRunningIsRejectedWithReason() {
        String noUser = newEntry("clockify/clockify-timer-started.json").replace("\"user\"", "\"owner\"");
        String noRunning = newEntry("clockify/clockify-timer-started.json")
                .replace("\"currentlyRunning\"", "\"running\"");

        HttpResponse<String> withoutUser = shirase.postJson("/clockify", noUser, "Clockify-Signature", STARTED_TOKEN);
        HttpResponse<String> withoutRunning = shirase.postJson("/clockify", noRunning, "Clockify-Signature",
                STARTED_TOKEN);
        HttpResponse<String> array = shirase.postJson("/clockify", "[1, 2]", "Clockify-Signature", STARTED_TOKEN);

        assertEquals(400, withoutUser.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"time entry has no user object\"}", withoutUser.body());
        assertEquals(400, withoutRunning.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"time entry has no boolean currentlyRunning\"}",
                withoutRunning.body());
        assertEquals(400, array.statusCode());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void onlyPostIsAllowed() {
        HttpResponse<String> response = shirase.get("/clockify");

        assertEquals(405, response.statusCode());
        discord.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void bodyOverOneMebibyteIsRefused() {
        String big = "{\"description\":\"" + "x".repeat(1024 * 1024) + "\"}";

        HttpResponse<String> response = shirase.postJson("/clockify", big, "Clockify-Signature", STARTED_TOKEN);

        assertEquals(413, response.statusCode());
        discord.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        HttpResponse<String> response = shirase.send(HttpRequest.newBuilder(shirase.uri("/clockify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Clockify-Signature", STARTED_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("user=someone")).build());

        assertEquals(415, response.statusCode());
        discord.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void inboundHeadersNeverReachDiscordOrTheResponse() {
        HttpResponse<String> response = shirase.postJson("/clockify",
                newEntry("clockify/clockify-timer-started.json"),
                "Clockify-Signature", STARTED_TOKEN, "X-Custom-Trace", "abc123", "Authorization", "Bearer caller");

        Recorded post = discord.awaitRequests(1, SOON).get(0);
        assertNull(post.header("X-Custom-Trace"));
        assertNull(post.header("Authorization"));
        assertNull(post.header("Clockify-Signature"));
        assertTrue(post.headers().keySet().stream().noneMatch(h -> h.startsWith("camel")), post.headers().toString());
        assertTrue(response.headers().firstValue("X-Custom-Trace").isEmpty());
        assertTrue(response.headers().firstValue("Clockify-Signature").isEmpty());
        assertTrue(response.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("camel")),
                response.headers().map().toString());
    }

    @Test
    void discord429IsRetriedAfterRetryAfter() {
        discord.enqueue(Response.json(429, Fixtures.read("discord/discord-429-response.json"))
                .withHeader("Retry-After", "2"));

        assertEquals(202, postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED").statusCode());

        List<Recorded> posts = discord.awaitRequests(2, SOON);
        long waitedMillis = (posts.get(1).atNanos() - posts.get(0).atNanos()) / 1_000_000;
        // the body's retry_after (1.337 s) is the precise figure Discord asks for
        assertTrue(waitedMillis >= 1337, "waited only " + waitedMillis + " ms");
        assertTrue(waitedMillis < 2000, "waited " + waitedMillis + " ms: the header's 2 s, not the body's 1.337 s");
        assertEquals(posts.get(0).body(), posts.get(1).body());
        discord.assertNoMoreThan(2, Duration.ofMillis(500));
    }

    @Test
    void retryAfterHeaderIsHonouredWhenTheBodyHasNone() {
        discord.enqueue(Response.of(429).withHeader("Retry-After", "2"));

        postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED");

        List<Recorded> posts = discord.awaitRequests(2, SOON);
        long waitedMillis = (posts.get(1).atNanos() - posts.get(0).atNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 2000, "waited only " + waitedMillis + " ms");
        discord.assertNoMoreThan(2, Duration.ofMillis(500));
    }

    @Test
    void discord500IsRetriedAndSentOnce() {
        discord.enqueue(Response.json(500, "{\"message\":\"internal\"}"), Response.of(204));

        postTimer("clockify/clockify-timer-stopped.json", "TIMER_STOPPED");

        List<Recorded> posts = discord.awaitRequests(2, SOON);
        assertEquals(posts.get(0).body(), posts.get(1).body());
        discord.assertNoMoreThan(2, Duration.ofMillis(1000));
        assertTrue(log.all().contains("attempt 1 failed (HTTP 500); next attempt in"), log.all());
        assertFalse(log.all().contains("s3cr3t-webhook-token"), log.all());
    }

    @Test
    void discordTimeoutIsRetried() {
        discord.enqueue(Response.of(204).after(Duration.ofSeconds(3)), Response.of(204));

        postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED");

        List<Recorded> posts = discord.awaitRequests(2, SOON);
        assertEquals(posts.get(0).body(), posts.get(1).body());
        assertTrue(log.all().contains("attempt 1 failed (SocketTimeoutException"), log.all());
    }

    @Test
    void revokedWebhookMakesTheMessageDeadAtOnce() {
        double deadBefore = deliveries("dead");
        discord.answerByDefault(Response.json(404, Fixtures.read("discord/discord-error-unknown-webhook.json")));

        assertEquals(202, postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED").statusCode());

        discord.awaitRequests(1, SOON);
        discord.assertNoMoreThan(1, Duration.ofMillis(1000));
        assertEquals(deadBefore + 1, deliveries("dead"));
        assertTrue(log.all().contains("is dead after 1 attempt(s) (HTTP 404); replay it with POST /admin/deliveries/"),
                log.all());
        assertTrue(log.all().contains("Hanako Yamada が Acme - Website Weekly report を開始しました."), log.all());
        assertFalse(log.all().contains("s3cr3t-webhook-token"), log.all());
    }

    @Test
    void anAnswerOverTheSizeLimitMakesTheMessageDeadAtOnceAndSaysItMayHaveBeenPosted() {
        double deadBefore = deliveries("dead");
        discord.answerByDefault(Response.json(200, "{\"content\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"));

        assertEquals(202, postTimer("clockify/clockify-timer-started.json", "NEW_TIMER_STARTED").statusCode());

        discord.awaitRequests(1, SOON);
        discord.assertNoMoreThan(1, Duration.ofMillis(1000));
        assertEquals(deadBefore + 1, deliveries("dead"));
        assertTrue(log.all().contains("is dead after 1 attempt(s) (the answer (HTTP 200) is larger than 2097152 bytes"
                + " (shirase.http.max-answer-bytes); it may have been posted: check before a replay)"), log.all());
    }

    @Test
    void discordDownForAWhileThenBackGetsEveryMessageOnceInOrder() throws Exception {
        discord.goDown();
        try {
            for (int i = 1; i <= 5; i++) {
                String entry = newEntry("clockify/clockify-timer-started.json")
                        .replace("\"description\": \"Weekly report\"", "\"description\": \"task " + i + "\"");
                assertEquals(202, shirase.postJson("/clockify", entry, "Clockify-Signature", STARTED_TOKEN).statusCode());
            }
            Thread.sleep(1500); // several failed rounds: connection refused
        } finally {
            discord.resume();
        }
        discord.answerByDefault(Response.of(500));
        Thread.sleep(600); // and a few 500s
        discord.reset();

        List<Recorded> posts = discord.awaitRequests(5, SOON);
        discord.assertNoMoreThan(5, Duration.ofMillis(1000));
        for (int i = 0; i < 5; i++) {
            assertTrue(posts.get(i).body().contains("Acme - Website task " + (i + 1) + " を開始しました."),
                    posts.get(i).body());
        }
        assertTrue(log.all().contains("(HttpHostConnectException: Connect to http://127.0.0.1:" + discord.port()
                + " failed: Connection refused)"), log.all());
        assertFalse(log.all().contains("s3cr3t-webhook-token"), log.all());
        assertEquals(200, shirase.get("/observe/health").statusCode());
    }

    @Test
    void aFailureInTheMiddleOfABurstIsRetriedAndTheRestWaitsBehindIt() throws Exception {
        discord.goDown();
        try {
            for (int i = 1; i <= 30; i++) {
                String entry = newEntry("clockify/clockify-timer-started.json")
                        .replace("\"description\": \"Weekly report\"", "\"description\": \"burst " + i + "\"");
                assertEquals(202, shirase.postJson("/clockify", entry, "Clockify-Signature", STARTED_TOKEN).statusCode());
            }
        } finally {
            discord.reset();
            // the lane's messages go out in runs: the 6th attempt gets a 500, then all is well
            discord.enqueue(Response.of(204), Response.of(204), Response.of(204), Response.of(204), Response.of(204),
                    Response.of(500));
            discord.resume();
        }

        List<Recorded> posts = discord.awaitRequests(31, SOON);
        discord.assertNoMoreThan(31, Duration.ofMillis(1000));
        List<String> order = new java.util.ArrayList<>();
        for (Recorded post : posts) {
            java.util.regex.Matcher burst = java.util.regex.Pattern.compile("burst (\\d+) ").matcher(post.body());
            assertTrue(burst.find(), post.body());
            order.add(burst.group(1));
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            expected.add(String.valueOf(i));
            if (i == 6) {
                expected.add("6"); // the 500, then the same message again before any later one
            }
        }
        assertEquals(expected, order);
    }

    @Test
    void theSameClockifyEventTwiceSendsOneMessage() {
        String event = newEntry("clockify/clockify-timer-stopped.json");

        HttpResponse<String> first = shirase.postJson("/clockify", event, "Clockify-Signature", STOPPED_TOKEN);
        HttpResponse<String> again = shirase.postJson("/clockify", event, "Clockify-Signature", STOPPED_TOKEN);

        assertEquals(202, first.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals("{\"status\":\"duplicate\"}", again.body());
        discord.awaitRequests(1, SOON);
        discord.assertNoMoreThan(1, Duration.ofMillis(1000));
    }

    @Test
    void startAndStopOfOneTimeEntryAreTwoEvents() {
        String started = newEntry("clockify/clockify-timer-started.json");
        String stopped = Fixtures.read("clockify/clockify-timer-stopped.json")
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"entry-" + entry + "\"");

        assertEquals(202, shirase.postJson("/clockify", started, "Clockify-Signature", STARTED_TOKEN).statusCode());
        assertEquals(202, shirase.postJson("/clockify", stopped, "Clockify-Signature", STOPPED_TOKEN).statusCode());

        discord.awaitRequests(2, SOON);
    }

    @Test
    void copiesOfOneEventPostedAtOnceSendOneMessageAndEveryCopyIsAnswered() throws Exception {
        String event = newEntry("clockify/clockify-timer-stopped.json");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> copies = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                copies.add(pool.submit(() -> shirase.postJson("/clockify", event, "Clockify-Signature", STOPPED_TOKEN)));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var copy : copies) {
                statuses.add(copy.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            }
            java.util.Collections.sort(statuses);
            // one copy stored the event; every other one is a duplicate, never "retry later" for ever
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 202), statuses);
        } finally {
            pool.shutdown();
        }
        discord.awaitRequests(1, SOON);
        discord.assertNoMoreThan(1, Duration.ofMillis(1000));
    }

    @Test
    void aTimeEntryIdTooLongToRememberIsRefusedFor400AndNothingIsSent() {
        String event = newEntry("clockify/clockify-timer-stopped.json")
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + "x".repeat(400) + "\"");

        HttpResponse<String> response = shirase.postJson("/clockify", event, "Clockify-Signature", STOPPED_TOKEN);

        assertEquals(400, response.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"the event id is too long to be remembered (its key has 417"
                + " characters, at most 300)\"}", response.body());
        discord.assertNoMoreThan(0, Duration.ofMillis(500));
        assertFalse(log.all().contains("ERROR"), log.all());
    }
}

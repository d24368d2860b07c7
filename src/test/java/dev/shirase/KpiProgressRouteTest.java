package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

/** routes/kpi-progress.camel.yaml, instance kpi-paid-users, against stand-ins for kintone, metrics and Slack. */
class KpiProgressRouteTest {

    private static final String ADMIN = "admin-token";
    private static final String PROGRESS = "今の有料ユーザー数は *123人* :exclamation:\\n今月の目標(150人)まであと *27人* "
            + ":upside_down_face:\\n:chart_with_upwards_trend: 82%";

    private static StandInServer kintone;
    private static StandInServer metrics;
    private static StandInServer slack;
    private static RunningShirase shirase;
    private static LogCapture log;

    static RunningShirase.Builder kpiRuntime() {
        return RunningShirase
                .with("kpi.kintone.base-url", kintone.url(""))
                .with("kpi.kintone.app", "42")
                .with("kpi.kintone.record-id", "128")
                .with("kpi.kintone.api-token", "kintone-api-token")
                .with("kpi.actual.url", metrics.url("/v1/paid-users"))
                .with("kpi.actual.token", "metrics-token")
                .with("kpi.slack-webhook-url", slack.url("/services/T000/B000/XXXX"))
                .with("shirase.admin-token", ADMIN)
                // timing only: a metrics API slower than 1.5 s counts as down; Slack posts are not paced
                .with("shirase.fetch.response-timeout", "1500")
                .with("shirase.delivery.rate.slack", "0");
    }

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        kintone = StandInServer.start();
        metrics = StandInServer.start();
        slack = StandInServer.start();
        shirase = kpiRuntime().start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        kintone.close();
        metrics.close();
        slack.close();
        log.close();
    }

    @BeforeEach
    void reset() {
        kintone.reset();
        metrics.reset();
        slack.reset();
        kintone.answerByDefault(Response.json(200, Fixtures.read("kintone/kpi-record.json")));
        metrics.answerByDefault(Response.json(200, "{\"result\": \"123\"}"));
        slack.answerByDefault(new Response(200, java.util.Map.of("Content-Type", "text/html"), "ok", Duration.ZERO));
        log.clear();
    }

    private static HttpResponse<String> runNow(String routeId, String token) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/run/" + routeId))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * An app in a guest space: kintone's REST API overview (cybozu.dev, "kintone REST API の共通仕様": requests
     * for apps in a guest space go to /k/guest/{space id}/v1/...).
     */
    @Test
    void anAppInAGuestSpaceIsReadUnderItsGuestPath() {
        try (RunningShirase guest = kpiRuntime().with("kpi.kintone.guest-space-id", "7").start()) {
            HttpResponse<String> run = guest.send(HttpRequest.newBuilder(guest.uri("/admin/run/kpi-paid-users"))
                    .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(200, run.statusCode(), run.body());
            Recorded goal = kintone.received().get(0);
            assertEquals("/k/guest/7/v1/record.json", goal.path());
            assertEquals("app=42&id=128", goal.query());
        }
    }

    @Test
    void adminRunPostsProgressToSlackAndAnswersWithIt() {
        HttpResponse<String> run = runNow("kpi-paid-users", ADMIN);

        assertEquals(200, run.statusCode());
        assertTrue(run.body().matches("\\{\"routeId\":\"kpi-paid-users\",\"status\":\"queued\",\"ids\":\\[\\d+],"
                + "\"channel\":\"slack\",\"text\":\".*\"}"), run.body());
        assertTrue(run.body().endsWith(",\"text\":\"" + PROGRESS + "\"}"), run.body());

        Recorded goal = kintone.received().get(0);
        assertEquals("GET", goal.method());
        assertEquals("/k/v1/record.json", goal.path());
        assertEquals("app=42&id=128", goal.query());
        assertEquals("kintone-api-token", goal.header("X-Cybozu-API-Token"));
        assertEquals(null, goal.header("Content-Type"));
        Recorded actual = metrics.received().get(0);
        assertEquals("GET", actual.method());
        assertEquals("/v1/paid-users", actual.path());
        assertEquals("Bearer metrics-token", actual.header("Authorization"));
        assertEquals(null, actual.header("X-Cybozu-API-Token"));

        Recorded post = slack.awaitRequests(1, Duration.ofSeconds(10)).get(0);
        assertEquals("POST", post.method());
        assertEquals("/services/T000/B000/XXXX", post.path());
        assertEquals("{\"text\":\"" + PROGRESS + "\",\"username\":\"KPI進捗確認マン\",\"icon_emoji\":\":turtle:\"}",
                post.body());
        assertEquals(null, post.header("Authorization"));
    }

    @Test
    void goalReachedSaysSoInsteadOfANegativeRemainder() {
        metrics.answerByDefault(Response.json(200, "{\"result\": 180}"));

        HttpResponse<String> run = runNow("kpi-paid-users", ADMIN);

        assertTrue(run.body().contains("今の有料ユーザー数は *180人* :exclamation:\\n今月の目標(150人)を達成しました :tada:"
                + "\\n:chart_with_upwards_trend: 120%"), run.body());
        slack.awaitRequests(1, Duration.ofSeconds(10));
    }

    @Test
    void countsAreShownAsWholeNumbersUnlessDecimalsAreAskedFor() {
        metrics.answerByDefault(Response.json(200, "{\"result\": 123.7}"));

        HttpResponse<String> whole = runNow("kpi-paid-users", ADMIN);

        assertTrue(whole.body().contains("今の有料ユーザー数は *124人* :exclamation:\\n今月の目標(150人)まであと *26人* "),
                whole.body());
        slack.awaitRequests(1, Duration.ofSeconds(10));
        try (RunningShirase oneDecimal = kpiRuntime().with("kpi.decimals", "1").start()) {
            HttpResponse<String> run = oneDecimal.send(HttpRequest.newBuilder(oneDecimal.uri("/admin/run/kpi-paid-users"))
                    .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertTrue(run.body().contains("今の有料ユーザー数は *123.7人* :exclamation:\\n今月の目標(150人)まであと *26.3人* "),
                    run.body());
        }
    }

    private void assertNothingPosted(String expectedReason) {
        HttpResponse<String> run = runNow("kpi-paid-users", ADMIN);

        assertEquals(200, run.statusCode());
        assertEquals("{\"routeId\":\"kpi-paid-users\",\"status\":\"skipped\",\"reason\":\"" + expectedReason + "\"}",
                run.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
        assertTrue(log.all().contains("kpi-paid-users: posted nothing: " + expectedReason), log.all());
        assertFalse(log.all().contains("kintone-api-token") || log.all().contains("metrics-token"), log.all());
    }

    @Test
    void aMetricsApiAnsweringHtmlIsNamedInWords() {
        metrics.answerByDefault(new Response(200, java.util.Map.of("Content-Type", "text/html; charset=utf-8"),
                "<html><body>Sign in</body></html>", Duration.ZERO));

        assertNothingPosted("metrics answered text/html, not JSON");
    }

    @Test
    void kintone500PostsNothing() {
        kintone.answerByDefault(Response.json(500, "{\"code\":\"GAIA_XX\",\"message\":\"boom\"}"));

        assertNothingPosted("kintone answered HTTP 500");
        assertEquals(0, metrics.received().size());
    }

    @Test
    void anAnswerOverTheSizeLimitIsNotReadAndPostsNothing() {
        String huge = "{\"result\": 123, \"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        metrics.answerByDefault(Response.json(200, huge));

        assertNothingPosted("metrics answered more than 2097152 bytes (shirase.http.max-answer-bytes)");
    }

    @Test
    void anAnswerWithoutALengthIsCutOffAtTheSizeLimit() {
        String huge = "{\"result\": 123, \"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        metrics.answerByDefault(Response.json(200, huge).withHeader("Transfer-Encoding", "chunked"));

        assertNothingPosted("metrics answered more than 2097152 bytes (shirase.http.max-answer-bytes)");
    }

    @Test
    void metricsTimeoutPostsNothing() {
        metrics.answerByDefault(Response.json(200, "{\"result\": \"123\"}").after(Duration.ofSeconds(3)));

        assertNothingPosted("metrics did not answer in time");
    }

    @Test
    void missingGoalFieldPostsNothing() {
        kintone.answerByDefault(Response.json(200, Fixtures.read("kintone/kpi-record.json")
                .replaceAll("人数_", "goal_")));

        String field = "人数_" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).getMonthValue();
        assertNothingPosted("the kintone record has no field " + field);
    }

    @Test
    void zeroGoalPostsNothing() {
        kintone.answerByDefault(Response.json(200, Fixtures.read("kintone/kpi-record.json")
                .replace("\"150\"", "\"0\"")));

        assertNothingPosted("this month's goal is 0, so there is no progress to show");
    }

    @Test
    void nonNumericActualPostsNothing() {
        metrics.answerByDefault(Response.json(200, "{\"result\": \"n/a\"}"));

        assertNothingPosted("the actual value is not a number: 'n/a'");
    }

    @Test
    void actualMissingFromTheAnswerPostsNothing() {
        metrics.answerByDefault(Response.json(200, "{\"total\": 5}"));

        assertNothingPosted("the actual value is missing");
    }

    @Test
    void adminRunNeedsTheTokenAndAKnownSchedule() {
        assertEquals(401, runNow("kpi-paid-users", "wrong").statusCode());
        assertEquals(404, runNow("no-such-route", ADMIN).statusCode());
        assertEquals(404, runNow("clockify-discord", ADMIN).statusCode());
        assertEquals(0, kintone.received().size());
    }

    @Test
    void theScheduleFiresOnItsOwn() {
        try (RunningShirase everySecond = kpiRuntime().with("kpi.schedule", "* * * * * ?").start()) {
            Recorded post = slack.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            assertEquals("{\"text\":\"" + PROGRESS + "\",\"username\":\"KPI進捗確認マン\",\"icon_emoji\":\":turtle:\"}",
                    post.body());
        }
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/issue-index.camel.yaml against stand-ins for Vtiger's REST API and Google Chat. */
class IssueIndexRouteTest {

    private static final String ADMIN = "admin-token";
    private static final String QUERY = "SELECT id, ticketpriorities FROM HelpDesk WHERE ticketstatus != 'Closed' LIMIT ";

    private static StandInServer vtiger;
    private static StandInServer chat;
    private static String store;
    private static RunningShirase shirase;
    private static LogCapture log;

    private static RunningShirase.Builder runtime() {
        return RunningShirase
                .with("shirase.store.url", store)
                .with("vtiger.base-url", vtiger.url(""))
                .with("vtiger.username", "api.user")
                .with("vtiger.access-key", "AbCdEfGh12345678")
                .with("issue-index.customer.google-chat-webhook-url",
                        chat.url("/v1/spaces/CUSTOMER/messages?key=customer-key&token=customer-token"))
                .with("issue-index.performance.google-chat-webhook-url",
                        chat.url("/v1/spaces/PERF/messages?key=perf-key&token=perf-token"))
                .with("shirase.admin-token", ADMIN)
                // timing only: retries after 200 ms, and no pacing between posts
                .with("shirase.delivery.retry-schedule", "200ms")
                .with("shirase.delivery.rate.google-chat", "0");
    }

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        vtiger = StandInServer.start();
        chat = StandInServer.start();
        store = RunningShirase.Builder.freshStoreUrl();
        shirase = runtime().start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        vtiger.close();
        chat.close();
        log.close();
    }

    @BeforeEach
    void reset() {
        vtiger.reset();
        chat.reset();
        chat.answerByDefault(Response.json(200, "{\"name\":\"spaces/CUSTOMER/messages/1\"}"));
        log.clear();
    }

    /** A page of query results: {count} rows for each priority given as priority, count, priority, count... */
    private static Response page(Object... priorityCounts) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < priorityCounts.length; i += 2) {
            for (int n = 0; n < (Integer) priorityCounts[i + 1]; n++) {
                rows.add("{\"id\":\"17x" + (rows.size() + 1) + "\",\"ticketpriorities\":\"" + priorityCounts[i] + "\"}");
            }
        }
        return Response.json(200, "{\"success\":true,\"result\":[" + String.join(",", rows) + "]}");
    }

    private static HttpResponse<String> runNow(RunningShirase runtime, String routeId) {
        return runtime.send(HttpRequest.newBuilder(runtime.uri("/admin/run/" + routeId))
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String vtql(Recorded request) {
        assertTrue(request.query().startsWith("query="), request.query());
        return URLDecoder.decode(request.query().substring("query=".length()), StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryPageWeighsThemAndPostsToTheTeamsSpace() {
        vtiger.enqueue(page("Urgent", 20, "High", 30, "Normal", 50), page("Normal", 40, "Low", 60),
                page("Low", 10, "", 15, "Critical", 5));

        HttpResponse<String> run = runNow(shirase, "issue-index-customer");

        // Critical is one of the priorities Vtiger ships, weighted like Urgent by default
        String text = "*customer* の課題指数: *665* (初回)\n"
                + "Critical: 5件 × 10\nUrgent: 20件 × 10\nHigh: 30件 × 5\nNormal: 90件 × 2\nLow: 70件 × 1\n"
                + "優先度が未設定・不明 (重み 1): (未設定) 15件";
        assertEquals(200, run.statusCode());
        assertTrue(run.body().contains("\"status\":\"queued\",\"ids\":["), run.body());

        List<Recorded> queries = vtiger.received();
        assertEquals(3, queries.size());
        String basic = "Basic " + Base64.getEncoder().encodeToString("api.user:AbCdEfGh12345678".getBytes());
        for (int i = 0; i < 3; i++) {
            assertEquals("GET", queries.get(i).method());
            assertEquals("/restapi/v1/vtiger/default/query", queries.get(i).path());
            assertEquals(QUERY + (i * 100) + ", 100;", vtql(queries.get(i)));
            assertEquals(basic, queries.get(i).header("Authorization"));
        }

        Recorded post = chat.awaitRequests(1, Duration.ofSeconds(10)).get(0);
        assertEquals("POST", post.method());
        assertEquals("/v1/spaces/CUSTOMER/messages", post.path());
        assertEquals("key=customer-key&token=customer-token", post.query());
        assertEquals("application/json; charset=UTF-8", post.header("Content-Type"));
        assertEquals("{\"text\":\"" + text.replace("\n", "\\n") + "\"}", post.body());
    }

    @Test
    void theChangeSinceTheLastPostIsShownAndSurvivesARestart() {
        vtiger.enqueue(page("High", 4));
        runNow(shirase, "issue-index-performance"); // score 20
        vtiger.enqueue(page("High", 2, "Urgent", 1));
        String second = runNow(shirase, "issue-index-performance").body(); // score 20 again
        assertTrue(second.contains("*performance* の課題指数: *20* (前回から変化なし)"), second);

        try (RunningShirase restarted = runtime().start()) {
            vtiger.enqueue(page("Urgent", 3));
            String third = runNow(restarted, "issue-index-performance").body(); // 30
            assertTrue(third.contains("*performance* の課題指数: *30* (前回から ↑10)"), third);
            vtiger.enqueue(page("Low", 5));
            String fourth = runNow(restarted, "issue-index-performance").body(); // 5
            assertTrue(fourth.contains("*performance* の課題指数: *5* (前回から ↓25)\\nCritical: 0件 × 10\\nUrgent: 0件 × 10"), fourth);
        }
        chat.awaitRequests(4, Duration.ofSeconds(10)).forEach(r -> assertEquals("/v1/spaces/PERF/messages", r.path()));
    }

    @Test
    void noOpenIssuesIsAScoreOfZero() {
        vtiger.enqueue(page());

        String body = runNow(shirase, "issue-index-customer").body();

        assertTrue(body.contains("の課題指数: *0*"), body);
        assertEquals(1, vtiger.received().size());
        chat.awaitRequests(1, Duration.ofSeconds(10));
    }

    @Test
    void vtiger401PostsNothing() {
        vtiger.answerByDefault(Response.of(401));

        HttpResponse<String> run = runNow(shirase, "issue-index-customer");

        assertEquals("{\"routeId\":\"issue-index-customer\",\"status\":\"skipped\",\"reason\":\"vtiger answered HTTP 401\"}",
                run.body());
        chat.assertNoMoreThan(0, Duration.ofMillis(500));
        assertTrue(log.all().contains("issue-index-customer: posted nothing: vtiger answered HTTP 401"), log.all());
        assertTrue(!log.all().contains("AbCdEfGh12345678") && !log.all().contains("customer-token"), log.all());
    }

    @Test
    void vtigerErrorInsideA200PostsNothing() {
        vtiger.answerByDefault(Response.json(200,
                "{\"success\":false,\"error\":{\"code\":\"ACCESS_DENIED\",\"message\":\"Permission to perform the operation is denied\"}}"));

        assertTrue(runNow(shirase, "issue-index-customer").body()
                .contains("\"status\":\"skipped\",\"reason\":\"vtiger answered an error: ACCESS_DENIED\""));
        chat.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void googleChat429And500AreRetried() {
        vtiger.enqueue(page("Low", 1));
        chat.enqueue(Response.json(429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}"),
                Response.json(500, "{}"));

        runNow(shirase, "issue-index-customer");

        List<Recorded> posts = chat.awaitRequests(3, Duration.ofSeconds(10));
        assertEquals(posts.get(0).body(), posts.get(2).body());
        chat.assertNoMoreThan(3, Duration.ofMillis(800));
    }

    @Test
    void eachTeamsScheduleFiresOnItsOwn() {
        vtiger.answerByDefault(page("Normal", 1));
        try (RunningShirase everySecond = runtime()
                .with("shirase.store.url", RunningShirase.Builder.freshStoreUrl())
                .with("issue-index.performance.schedule", "* * * * * ?").start()) {
            Recorded post = chat.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            assertEquals("/v1/spaces/PERF/messages", post.path());
            assertTrue(post.body().contains("*performance* の課題指数: *2* (初回)"), post.body());
        }
    }

    @Test
    void eachTeamQueriesItsOwnIssuesWithItsOwnWeights() {
        try (RunningShirase teams = runtime().with("shirase.store.url", RunningShirase.Builder.freshStoreUrl())
                .with("issue-index.customer.condition", "ticketcategories = 'Customer'")
                .with("issue-index.customer.weights.urgent", "20")
                .with("issue-index.performance.condition", "ticketcategories = 'Performance'")
                .with("issue-index.performance.weights.high", "8")
                .with("issue-index.performance.weights.default", "3").start()) {
            vtiger.enqueue(page("Urgent", 2, "High", 1));
            assertEquals(200, runNow(teams, "issue-index-customer").statusCode());
            vtiger.enqueue(page("High", 2, "Odd", 1));
            assertEquals(200, runNow(teams, "issue-index-performance").statusCode());

            List<Recorded> queries = vtiger.received();
            assertEquals("SELECT id, ticketpriorities FROM HelpDesk WHERE (ticketstatus != 'Closed') AND"
                    + " (ticketcategories = 'Customer') LIMIT 0, 100;", vtql(queries.get(0)));
            assertEquals("SELECT id, ticketpriorities FROM HelpDesk WHERE (ticketstatus != 'Closed') AND"
                    + " (ticketcategories = 'Performance') LIMIT 0, 100;", vtql(queries.get(1)));
            List<Recorded> posts = chat.awaitRequests(2, Duration.ofSeconds(10));
            Recorded customer = posts.stream().filter(p -> p.path().contains("CUSTOMER")).findFirst().orElseThrow();
            Recorded performance = posts.stream().filter(p -> p.path().contains("PERF")).findFirst().orElseThrow();
            // customer: 2 x 20 (its own Urgent weight) + 1 x 5; performance: 2 x 8 (its own High) + 1 x 3 (its default)
            assertTrue(customer.body().contains("*customer* の課題指数: *45* (初回)"), customer.body());
            assertTrue(customer.body().contains("Urgent: 2件 × 20"), customer.body());
            assertTrue(performance.body().contains("*performance* の課題指数: *19* (初回)"), performance.body());
            assertTrue(performance.body().contains("High: 2件 × 8"), performance.body());
            assertTrue(performance.body().contains("優先度が未設定・不明 (重み 3): Odd 1件"), performance.body());
        }
    }

    /**
     * The seed's set-up: tasks (Vtiger's Calendar module, priority field taskpriority: High, Medium, Low; open while
     * taskstatus is not Completed) instead of HelpDesk tickets, by settings alone.
     */
    @Test
    void tasksOfTheCalendarModuleAreCountedByTheirPriority() {
        try (RunningShirase tasks = runtime().with("shirase.store.url", RunningShirase.Builder.freshStoreUrl())
                .with("issue-index.module", "Calendar")
                .with("issue-index.priority-field", "taskpriority")
                .with("issue-index.open-condition", "taskstatus != 'Completed'")
                // Vtiger's task priorities are High, Medium and Low: the ticket-only ones are switched off (empty)
                .with("issue-index.weights.critical", "")
                .with("issue-index.weights.urgent", "")
                .with("issue-index.weights.normal", "")
                .with("issue-index.weights.medium", "3").start()) {
            List<String> rows = new ArrayList<>();
            for (String priority : List.of("High", "High", "Medium", "Medium", "Medium", "Low", "")) {
                rows.add("{\"id\":\"9x" + (rows.size() + 1) + "\",\"taskpriority\":\"" + priority + "\"}");
            }
            vtiger.enqueue(Response.json(200, "{\"success\":true,\"result\":[" + String.join(",", rows) + "]}"));

            assertEquals(200, runNow(tasks, "issue-index-customer").statusCode());

            assertEquals("SELECT id, taskpriority FROM Calendar WHERE taskstatus != 'Completed' LIMIT 0, 100;",
                    vtql(vtiger.received().get(0)));
            Recorded post = chat.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            // High 2 x 5, Medium 3 x 3 (its weight set), Low 1 x 1, one without a priority x 1 (the default)
            assertEquals("{\"text\":\"*customer* の課題指数: *21* (初回)\\nHigh: 2件 × 5\\nMedium: 3件 × 3\\n"
                    + "Low: 1件 × 1\\n優先度が未設定・不明 (重み 1): (未設定) 1件\"}", post.body());
        }
    }

    @Test
    void oneTeamCountsTasksWhileTheOtherCountsTickets() {
        try (RunningShirase teams = runtime().with("shirase.store.url", RunningShirase.Builder.freshStoreUrl())
                .with("issue-index.performance.module", "Calendar")
                .with("issue-index.performance.priority-field", "taskpriority")
                .with("issue-index.performance.open-condition", "taskstatus != 'Completed'")
                .with("issue-index.performance.weights.critical", "")
                .with("issue-index.performance.weights.urgent", "")
                .with("issue-index.performance.weights.normal", "")
                .with("issue-index.performance.weights.medium", "3").start()) {
            vtiger.enqueue(Response.json(200, "{\"success\":true,\"result\":[{\"id\":\"9x1\",\"taskpriority\":\"Medium\"}]}"));
            assertEquals(200, runNow(teams, "issue-index-performance").statusCode());
            Recorded post = chat.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            assertEquals("{\"text\":\"*performance* の課題指数: *3* (初回)\\nHigh: 0件 × 5\\nMedium: 1件 × 3\\n"
                    + "Low: 0件 × 1\"}", post.body());
            vtiger.enqueue(page("Urgent", 1));
            assertEquals(200, runNow(teams, "issue-index-customer").statusCode());
            assertTrue(chat.awaitRequests(2, Duration.ofSeconds(10)).get(1).body().contains("Urgent: 1件 × 10"));
        }
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * Watching the watcher: a dead message and a skipped scheduled run each reach the ops chat stand-in once (the same
 * notice again is quiet), and a half-configured flow is reported at start; an unused flow is not.
 */
class OpsNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(Recorded post) throws Exception {
        return JSON.readTree(post.body()).get("text").asText();
    }

    @Test
    void aDeadMessageAndASkippedRunEachProduceOneOpsNotice() throws Exception {
        try (StandInServer discord = StandInServer.start(); StandInServer kintone = StandInServer.start();
                StandInServer ops = StandInServer.start()) {
            discord.answerByDefault(Response.json(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}"));
            kintone.answerByDefault(Response.json(500, "{}"));
            ops.answerByDefault(Response.json(200, "ok"));
            try (RunningShirase shirase = RunningShirase
                    .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/revoked"))
                    .with("clockify.allow-unsigned", "true")
                    .with("kpi.kintone.base-url", kintone.url(""))
                    .with("kpi.kintone.app", "42")
                    .with("kpi.kintone.record-id", "128")
                    .with("kpi.kintone.api-token", "kintone-api-token")
                    .with("kpi.actual.url", kintone.url("/metrics"))
                    .with("kpi.actual.token", "metrics-token")
                    .with("kpi.slack-webhook-url", ops.url("/services/T/B/kpi"))
                    .with("shirase.admin-token", "admin-token")
                    .with("shirase.ops.channel", "slack")
                    .with("shirase.ops.webhook-url", ops.url("/services/T/B/ops"))
                    .with("shirase.delivery.rate.discord", "0")
                    .with("shirase.delivery.rate.slack", "0")
                    .start()) {
                for (String entry : List.of("entry-ops-1", "entry-ops-2")) {
                    assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json")
                            .replace("664bf1e0a1b2c3d4e5f60789", entry)).statusCode());
                }
                Recorded dead = ops.awaitRequests(1, Duration.ofSeconds(10)).get(0);
                assertEquals("/services/T/B/ops", dead.path());
                assertTrue(text(dead).matches("Shirase: discord message \\d+ is dead \\(HTTP 404\\) - replay it with"
                        + " POST /admin/deliveries/\\d+/replay: Hanako Yamada が Acme - Website Weekly report"
                        + " を開始しました."), text(dead));
                ops.assertNoMoreThan(1, Duration.ofMillis(1500)); // the second dead message: the same notice, quiet

                for (int run = 0; run < 2; run++) {
                    assertEquals(200, shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/run/kpi-paid-users"))
                            .header("Authorization", "Bearer admin-token").POST(HttpRequest.BodyPublishers.noBody())
                            .build()).statusCode());
                }
                List<Recorded> posts = ops.awaitRequests(2, Duration.ofSeconds(10));
                assertEquals("Shirase: kpi-paid-users posted nothing: kintone answered HTTP 500", text(posts.get(1)));
                ops.assertNoMoreThan(2, Duration.ofMillis(1000));
                String metrics = shirase.get("/observe/metrics").body();
                assertTrue(metrics.contains("shirase_ops_notices_total{kind=\"dead\"} 1.0"), metrics);
                assertTrue(metrics.contains("shirase_ops_notices_total{kind=\"skipped\"} 1.0"), metrics);
            }
        }
    }

    @Test
    void aHalfConfiguredFlowIsReportedAtStartAndAnUnusedOneIsNot() throws Exception {
        try (StandInServer ops = StandInServer.start()) {
            ops.answerByDefault(Response.json(200, "ok"));
            try (RunningShirase shirase = RunningShirase
                    .with("kpi.slack-webhook-url", ops.url("/services/T/B/kpi"))
                    .with("shirase.ops.channel", "slack")
                    .with("shirase.ops.webhook-url", ops.url("/services/T/B/ops"))
                    .start()) {
                Recorded notice = ops.awaitRequests(1, Duration.ofSeconds(10)).get(0);
                assertTrue(text(notice).startsWith("Shirase: flow kpi-paid-users is not started: missing setting"
                        + " kpi.kintone.base-url (env KPI_KINTONE_BASE_URL)"), text(notice));
                ops.assertNoMoreThan(1, Duration.ofMillis(1000)); // Clockify, the issue index, UiPath: unused, quiet
            }
        }
    }
}

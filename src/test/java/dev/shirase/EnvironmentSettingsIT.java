package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A container is configured through its environment: a setting of a family read by prefix that only an environment
 * variable names (a priority's weight, a team's own weight) counts like one in application.properties, and one that
 * sets nothing (a typo) is named in the start log. The packaged
 * runtime, its own JVM, against a Vtiger and a Google Chat stand-in.
 */
class EnvironmentSettingsIT {

    @Test
    void weightsOnlyTheEnvironmentNamesChangeThePostedScore() throws Exception {
        try (StandInServer vtiger = StandInServer.start(); StandInServer chat = StandInServer.start()) {
            vtiger.answerByDefault(Response.json(200, "{\"success\":true,\"result\":["
                    + "{\"id\":\"17x1\",\"ticketpriorities\":\"Medium\"},{\"id\":\"17x2\",\"ticketpriorities\":\"Medium\"},"
                    + "{\"id\":\"17x3\",\"ticketpriorities\":\"Critical\"}]}"));
            chat.answerByDefault(Response.json(200, "{\"name\":\"spaces/PERF/messages/1\"}"));
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "VTIGER_BASE_URL", vtiger.url(""),
                    "VTIGER_USERNAME", "api.user",
                    "VTIGER_ACCESS_KEY", "AbCdEfGh12345678",
                    "ISSUE_INDEX_PERFORMANCE_GOOGLE_CHAT_WEBHOOK_URL", chat.url("/v1/spaces/PERF/messages?key=k&token=t"),
                    "ISSUE_INDEX_LANGUAGE", "en",
                    "SHIRASE_ADMIN_TOKEN", "env-admin-token",
                    "SHIRASE_DELIVERY_RATE_GOOGLE_CHAT", "0",
                    // neither key is in application.properties: a priority of this Vtiger, and a team's own weight
                    "ISSUE_INDEX_WEIGHTS_MEDIUM", "3",
                    "ISSUE_INDEX_PERFORMANCE_WEIGHTS_CRITICAL", "20"));
            env.put("ISSUE_INDEX_PERFORMANS_WEIGHTS_HIGH", "7"); // a typo: a team that does not exist
            try (ShiraseProcess shirase = ShiraseProcess.start(env)) {
                shirase.awaitHealthy();
                HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + shirase.port() + "/admin/run/issue-index-performance"))
                        .header("Authorization", "Bearer env-admin-token").POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, run.statusCode(), run.body() + shirase.log());

                String text = new ObjectMapper().readTree(chat.awaitRequests(1, Duration.ofSeconds(10)).get(0).body())
                        .get("text").asText();
                // 2 Medium x 3 + 1 Critical x 20 (the team's own weight, not the shared 10)
                assertTrue(text.contains("*26*"), text);
                assertTrue(text.contains("Medium: 2 × 3"), text);
                assertTrue(text.contains("Critical: 1 × 20"), text);
                assertTrue(shirase.log().contains("environment: ISSUE_INDEX_PERFORMANS_WEIGHTS_HIGH sets no setting"),
                        shirase.log());
                assertTrue(!shirase.log().contains("environment: ISSUE_INDEX_WEIGHTS_MEDIUM"), shirase.log());
            }
        }
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A 2xx from a Slack webhook (or a Slack-compatible one: Mattermost, Rocket.Chat) is a delivery, an empty 204 too;
 * only Slack's documented failure, an error word such as invalid_token instead of ok, is not. Posted through the
 * alert timeline, read back from the admin API.
 */
class SlackAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a204AnOkAndAJsonAnswerAreSentAndAnErrorWordIsDead() throws Exception {
        try (StandInServer slack = StandInServer.start(); StandInServer twilio = StandInServer.start();
                RunningShirase shirase = RunningShirase.withAlertCall(twilio.url(""), "alert-token", "+819011110001")
                        .with("alert.timeline.channel", "slack")
                        .with("alert.timeline.webhook-url", slack.url("/services/T/B/timeline"))
                        .with("shirase.delivery.rate.slack", "0")
                        .with("shirase.admin.read-only-tokens", "viewer:reader-token").start()) {
            twilio.answerByDefault(Response.json(201, Fixtures.read("twilio/twilio-call-response.json")));
            List<Response> answers = List.of(Response.of(204), Response.json(200, "ok"),
                    Response.json(200, "{\"ok\":true}"), Response.json(200, "invalid_token"));
            for (int i = 0; i < answers.size(); i++) {
                slack.enqueue(answers.get(i));
                shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=answer-" + i))
                        .header("Authorization", "Bearer alert-token").POST(HttpRequest.BodyPublishers.noBody())
                        .build());
                slack.awaitRequests(i + 1, Duration.ofSeconds(10));
            }
            Thread.sleep(500); // the last answer recorded

            JsonNode deliveries = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri(
                    "/admin/deliveries?channel=slack")).header("Authorization", "Bearer reader-token").build())
                    .body()).get("deliveries");
            assertEquals(List.of("dead", "sent", "sent", "sent"), statuses(deliveries)); // newest first
            assertEquals("slack answered invalid_token, not ok", deliveries.get(0).get("lastError").asText());
            slack.assertNoMoreThan(4, Duration.ofMillis(300));
        }
    }

    private static List<String> statuses(JsonNode deliveries) {
        List<String> statuses = new java.util.ArrayList<>();
        deliveries.forEach(d -> statuses.add(d.get("status").asText()));
        return statuses;
    }
}

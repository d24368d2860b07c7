package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.junit.jupiter.api.Test;

/** GET /admin/flows: which flows run, why the others do not, the next run of a schedule, the newest message. */
class FlowsAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode flow(JsonNode flows, String routeId) {
        for (JsonNode flow : flows.get("flows")) {
            if (flow.get("routeId").asText().equals(routeId)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + routeId + " in " + flows);
    }

    @Test
    void flowsSayWhetherTheyRunWhyNotAndWhenTheyLastAcceptedOrNextRun() throws Exception {
        try (StandInServer discord = StandInServer.start(); RunningShirase shirase = RunningShirase
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/flows"))
                .with("clockify.allow-unsigned", "true")
                .with("vtiger.base-url", discord.url(""))
                .with("vtiger.username", "api.user")
                .with("vtiger.access-key", "key")
                .with("issue-index.customer.google-chat-webhook-url", discord.url("/v1/spaces/C/messages"))
                .with("shirase.admin.read-only-tokens", "viewer:reader-token")
                .start()) {
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"))
                    .statusCode());
            discord.awaitRequests(1, Duration.ofSeconds(10));

            var answer = shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/flows"))
                    .header("Authorization", "Bearer reader-token").GET().build());
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode flows = JSON.readTree(answer.body());

            JsonNode clockify = flow(flows, "clockify-discord");
            assertEquals("webhook", clockify.get("kind").asText());
            assertEquals("started", clockify.get("status").asText());
            assertTrue(clockify.get("lastAccepted").asText().startsWith("20"), clockify.toString());

            JsonNode kpi = flow(flows, "kpi-paid-users");
            assertEquals("stopped", kpi.get("status").asText());
            assertTrue(kpi.get("why").asText().startsWith("missing setting kpi.kintone.base-url"), kpi.toString());

            // polling is off until it has a schedule: listed, and why
            JsonNode poll = flow(flows, "uipath-poll");
            assertEquals("scheduled", poll.get("kind").asText());
            assertEquals("stopped", poll.get("status").asText());
            assertEquals("missing setting uipath.poll.schedule (env UIPATH_POLL_SCHEDULE); missing setting"
                    + " uipath.orchestrator.url (env UIPATH_ORCHESTRATOR_URL)", poll.get("why").asText());

            JsonNode customer = flow(flows, "issue-index-customer");
            assertEquals("started", customer.get("status").asText());
            assertTrue(customer.get("nextRun").asText().startsWith("20"), customer.toString());
            assertTrue(customer.get("lastAccepted").isNull(), customer.toString());

            assertEquals(401, shirase.get("/admin/flows").statusCode());

            // a flow that does not start is built as its trigger alone (none of its steps, nor the channel routes
            // they would make), and is listed all the same, above; a configured one is whole
            ModelCamelContext model = (ModelCamelContext) shirase.context();
            List<?> idle = model.getRouteDefinition("kpi-paid-users").getOutputs();
            assertEquals(1, idle.size(), idle.toString());
            assertTrue(idle.get(0) instanceof ThrowExceptionDefinition, idle.toString());
            assertTrue(model.getRouteDefinition("issue-index-customer").getOutputs().size() > 5);
        }
    }
}

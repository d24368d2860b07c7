package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * Escalation tiers against a Twilio stand-in and a Slack stand-in for the timeline: tier 2 is called exactly when
 * tier 1 stays silent, a keypress or an operator's ack stops it, a resolve hangs up live calls, and after the last
 * round the incident is unanswered; the timeline arrives in order.
 */
class AlertEscalationTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH = "twilio-auth-token";
    private static final String PUBLIC = "https://alerts.example.com";
    private static final String A = "+819011110001";
    private static final String B = "+819011110002";
    private static final String OPERATOR = "operator-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StandInServer twilio;
    private static StandInServer slack;
    private static RunningShirase shirase;
    private static int calls;

    @BeforeAll
    static void start() {
        twilio = StandInServer.start();
        slack = StandInServer.start();
        shirase = RunningShirase
                .with("twilio.account-sid", SID)
                .with("twilio.auth-token", AUTH)
                .with("twilio.from-number", "+815012345678")
                .with("twilio.api-base-url", twilio.url(""))
                .with("alert.token", "alert-token")
                .with("alert.public-base-url", PUBLIC)
                .with("alert.tiers.1", A)
                .with("alert.tiers.2", B)
                .with("alert.escalate-after", "1500ms") // timing only
                .with("alert.max-cycles", "1")
                .with("alert.language", "en")
                .with("alert.timeline.channel", "slack")
                .with("alert.timeline.webhook-url", slack.url("/services/T/B/timeline"))
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.admin.operator-tokens", "ops:" + OPERATOR)
                .with("alert.max-incidents-per-hour", "1000").with("alert.max-calls-per-hour", "10000")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        twilio.close();
        slack.close();
    }

    @BeforeEach
    void reset() throws Exception {
        Thread.sleep(200); // a previous test's last timeline post
        twilio.reset();
        twilio.answerByDefault(created());
        slack.reset();
        slack.answerByDefault(Response.json(200, "ok"));
    }

    private static Response created() {
        return Response.json(201, Fixtures.read("twilio/twilio-call-response.json")
                .replaceFirst("\"sid\": \"CA[0-9a-f]+\"", "\"sid\": \"CA" + String.format("%032d", ++calls) + "\""));
    }

    private static JsonNode alert(String message) throws Exception {
        HttpResponse<String> answer = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message="
                + URLEncoder.encode(message, StandardCharsets.UTF_8))).header("Authorization", "Bearer alert-token")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static String to(Recorded create) {
        for (String pair : create.body().split("&")) {
            if (pair.startsWith("To=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The timeline as posted to Slack: each post's text. */
    private static List<String> timeline(int posts) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (Recorded post : slack.awaitRequests(posts, Duration.ofSeconds(10))) {
            texts.add(JSON.readTree(post.body()).get("text").asText());
        }
        return texts;
    }

    private static HttpResponse<String> pressOne(String incident, String callSid) throws Exception {
        Map<String, String> params = Map.of("CallSid", callSid, "Digits", "1");
        String pathAndQuery = "/alert/join?incident=" + incident;
        String form = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return shirase.send(HttpRequest.newBuilder(shirase.uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", AlertCallRouteTest.sign(PUBLIC + pathAndQuery, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> operator(String incident, String action) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/" + incident + "/" + action))
                .header("Authorization", "Bearer " + OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void tierTwoIsCalledExactlyWhenTierOneStaysSilentAndThenTheIncidentIsUnanswered() throws Exception {
        String incident = alert("disk full").get("incident").asText();

        List<Recorded> creates = twilio.awaitRequests(1, Duration.ofSeconds(5));
        assertEquals(A, to(creates.get(0)));
        twilio.assertNoMoreThan(1, Duration.ofMillis(1000)); // tier 2 waits for alert.escalate-after
        creates = twilio.awaitRequests(2, Duration.ofSeconds(5));
        assertEquals(B, to(creates.get(1)));
        long waited = (creates.get(1).atNanos() - creates.get(0).atNanos()) / 1_000_000;
        assertTrue(waited >= 1400 && waited < 4000, "tier 2 called " + waited + " ms after tier 1");
        twilio.assertNoMoreThan(2, Duration.ofMillis(2500)); // one round (alert.max-cycles=1): nobody else

        List<String> posts = timeline(3);
        assertTrue(posts.get(0).matches("\\[" + incident + "] \\d\\d:\\d\\d:\\d\\d opened: disk full - calling tier 1"
                + " \\(\\+819011110001\\)"), posts.get(0));
        assertTrue(posts.get(1).matches("\\[" + incident + "] .* nobody has pressed 1 - calling tier 2, round 1"
                + " \\(\\+819011110002\\)"), posts.get(1));
        assertTrue(posts.get(2).contains("UNANSWERED: every tier was called 1 time(s) and nobody pressed 1"), posts.get(2));
        JsonNode shown = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/" + incident))
                .header("Authorization", "Bearer alert-token").build()).body());
        assertEquals(2, shown.get("calls").size(), shown.toString());
    }

    @Test
    void thefirstKeypressAcknowledgesAndStopsEscalation() throws Exception {
        JsonNode opened = alert("api errors");
        String incident = opened.get("incident").asText();
        twilio.awaitRequests(1, Duration.ofSeconds(5));

        assertEquals(200, pressOne(incident, opened.get("calls").get(0).get("callSid").asText()).statusCode());

        twilio.assertNoMoreThan(1, Duration.ofMillis(2500)); // tier 2 is never called
        List<String> posts = timeline(2);
        assertTrue(posts.get(1).contains("acknowledged by " + A + " - escalation stops"), posts.get(1));
        slack.assertNoMoreThan(2, Duration.ofMillis(300));
    }

    @Test
    void anOperatorAckStopsEscalationAndAResolveHangsUpTheLiveCalls() throws Exception {
        JsonNode opened = alert("queue stuck");
        String incident = opened.get("incident").asText();
        String callSid = opened.get("calls").get(0).get("callSid").asText();
        twilio.awaitRequests(1, Duration.ofSeconds(5));

        HttpResponse<String> ack = operator(incident, "ack");
        assertEquals(200, ack.statusCode(), ack.body());
        assertEquals("acknowledged", JSON.readTree(ack.body()).get("status").asText());
        twilio.assertNoMoreThan(1, Duration.ofMillis(2000));

        HttpResponse<String> resolve = operator(incident, "resolve");
        assertEquals(200, resolve.statusCode(), resolve.body());
        assertTrue(JSON.readTree(resolve.body()).has("resolvedAt"), resolve.body());
        Recorded hangUp = twilio.awaitRequests(2, Duration.ofSeconds(5)).get(1);
        assertEquals("/2010-04-01/Accounts/" + SID + "/Calls/" + callSid + ".json", hangUp.path());
        assertEquals("Status=completed", hangUp.body());

        JsonNode listed = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/incidents?size=5"))
                .header("Authorization", "Bearer " + OPERATOR).GET().build()).body()).get("incidents").get(0);
        assertEquals(incident, listed.get("incident").asText());
        assertEquals("resolved", listed.get("status").asText());
        assertEquals("ops", listed.get("acknowledgedBy").asText());
        assertEquals("queue stuck", listed.get("message").asText());
        List<String> events = new java.util.ArrayList<>();
        listed.get("timeline").forEach(event -> events.add(event.get("event").asText()
                + (event.has("detail") ? " " + event.get("detail").asText() : "")));
        assertEquals(List.of("opened", "called " + A, "acknowledged ops", "resolved"), events);
        List<String> posts = timeline(3);
        assertTrue(posts.get(1).contains("acknowledged by ops"), posts.get(1));
        assertTrue(posts.get(2).matches("\\[" + incident + "] .* resolved by ops after \\d+s"), posts.get(2));
        assertEquals(401, shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/" + incident + "/resolve"))
                .header("Authorization", "Bearer alert-token").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode(), "the alert token is not an operator token");
    }

    @Test
    void anAlertThatNamesItsNumbersIsOneTierAndDoesNotEscalate() throws Exception {
        HttpResponse<String> answer = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=x&tels="
                + URLEncoder.encode(A, StandardCharsets.UTF_8))).header("Authorization", "Bearer alert-token")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, answer.statusCode(), answer.body());
        twilio.awaitRequests(1, Duration.ofSeconds(5));
        twilio.assertNoMoreThan(1, Duration.ofMillis(2500));
    }
}

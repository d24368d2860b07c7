package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.StandInServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's scheduled mode: each channel polled on a schedule (a cron or rate(N minutes)) and window of its own,
 * the shared poll for the others, and the three logins an Orchestrator takes (API key, NTLM, user and password),
 * against an Orchestrator stand-in that checks them.
 */
class UiPathScheduledModeTest {

    private static final String ADMIN = "scheduled-admin-token";
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SINCE = Pattern.compile("EndTime ge (\\S+?Z)");

    private StandInServer orchestrator;
    private StandInServer slack;
    private StandInServer chatwork;
    private StandInServer chat;

    @BeforeEach
    void standIns() {
        orchestrator = StandInServer.start();
        slack = StandInServer.start();
        chatwork = StandInServer.start();
        chat = StandInServer.start();
        slack.answerByDefault(Response.json(200, "ok"));
        chatwork.answerByDefault(Response.json(200, Fixtures.read("uipath/chatwork-post-message-response.json")));
        chat.answerByDefault(Response.json(200, "{}"));
    }

    @AfterEach
    void stop() {
        List.of(orchestrator, slack, chatwork, chat).forEach(StandInServer::close);
    }

    private RunningShirase.Builder runtime() {
        return RunningShirase.with("shirase.admin-token", ADMIN)
                .with("uipath.webhook-secret", "scheduled-secret")
                .with("uipath.orchestrator.url", orchestrator.url("/orchestrator_"))
                .with("uipath.orchestrator.username", "rpa-monitor")
                .with("uipath.orchestrator.password", "example-password")
                .with("uipath.slack-webhook-url", slack.url("/services/T1/B1/scheduled"))
                .with("uipath.google-chat-webhook-url", chat.url("/v1/spaces/RPA/messages?key=k&token=t"))
                .with("uipath.chatwork.api-token", "chatwork-token")
                .with("uipath.chatwork.room-id", "4242")
                .with("uipath.chatwork.base-url", chatwork.url("/v2"))
                .with("shirase.delivery.rate.slack", "0")
                .with("shirase.delivery.rate.google-chat", "0")
                .with("shirase.delivery.rate.chatwork", "0");
    }

    private static HttpResponse<String> admin(RunningShirase shirase, String method, String path) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri(path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode flow(RunningShirase shirase, String routeId) throws Exception {
        for (JsonNode flow : JSON.readTree(admin(shirase, "GET", "/admin/flows").body()).get("flows")) {
            if (flow.get("routeId").asText().equals(routeId)) {
                return flow;
            }
        }
        throw new AssertionError("no route " + routeId);
    }

    /** Where a poll's window started: the EndTime its Jobs query asks from. */
    private static Instant since(Recorded jobsQuery) {
        Matcher since = SINCE.matcher(URLDecoder.decode(jobsQuery.query(), StandardCharsets.UTF_8));
        assertTrue(since.find(), jobsQuery.query());
        return Instant.parse(since.group(1));
    }

    private void loginAndJobs(String jobs) {
        orchestrator.enqueue(Response.json(200, Fixtures.read("uipath/uipath-authenticate-response.json")),
                Response.json(200, Fixtures.read(jobs)));
    }

    @Test
    void eachChannelIsPolledOnItsOwnScheduleAndWindowAndTheSharedPollTakesTheRest() throws Exception {
        try (RunningShirase shirase = runtime()
                .with("uipath.poll.schedule", "0 0 9 * * ?")
                .with("uipath.poll.slack.schedule", "rate(10 minutes)")
                .with("uipath.poll.slack.interval", "30")
                .with("uipath.poll.chatwork.schedule", "0 0/7 * * * ?")
                .with("uipath.poll.chatwork.interval", "120").start()) {
            // their own schedules: rate(10 minutes) is every tenth minute, the cron as written
            JsonNode slackPoll = flow(shirase, "uipath-poll-slack");
            assertEquals("started", slackPoll.get("status").asText(), slackPoll.toString());
            assertEquals(0, Instant.parse(slackPoll.get("nextRun").asText()).getEpochSecond() % 600, slackPoll.toString());
            assertEquals(0, Instant.parse(flow(shirase, "uipath-poll-chatwork").get("nextRun").asText())
                    .getEpochSecond() % 420 % 60);
            assertEquals("stopped", flow(shirase, "uipath-poll-teams").get("status").asText(), "no schedule of its own");

            // Slack's poll: its window (30 minutes back), its channel only
            loginAndJobs("uipath/uipath-odata-jobs-expanded-response.json");
            Instant before = Instant.now();
            assertEquals(200, admin(shirase, "POST", "/admin/run/uipath-poll-slack").statusCode());
            Instant slackSince = since(orchestrator.received().get(1));
            assertTrue(Duration.between(slackSince, before).toMinutes() >= 29
                    && Duration.between(slackSince, Instant.now()).toMinutes() <= 30, slackSince.toString());
            assertEquals(2, slack.awaitRequests(2, SOON).size());
            chatwork.assertNoMoreThan(0, Duration.ofMillis(500));
            chat.assertNoMoreThan(0, Duration.ofMillis(10));

            // Chatwork's: two hours back, Chatwork only; what Slack got already is not sent to it again
            orchestrator.reset();
            loginAndJobs("uipath/uipath-odata-jobs-expanded-response.json");
            assertEquals(200, admin(shirase, "POST", "/admin/run/uipath-poll-chatwork").statusCode());
            Instant chatworkSince = since(orchestrator.received().get(1));
            assertTrue(Duration.between(chatworkSince, Instant.now()).toMinutes() >= 119, chatworkSince.toString());
            assertEquals(2, chatwork.awaitRequests(2, SOON).size());
            slack.assertNoMoreThan(2, Duration.ofMillis(500));

            // the shared poll: the channels without a schedule of their own (Google Chat), not Slack nor Chatwork
            orchestrator.reset();
            loginAndJobs("uipath/uipath-odata-jobs-expanded-response.json");
            assertEquals(200, admin(shirase, "POST", "/admin/run/uipath-poll").statusCode());
            assertEquals(2, chat.awaitRequests(2, SOON).size());
            slack.assertNoMoreThan(2, Duration.ofMillis(500));
            chatwork.assertNoMoreThan(2, Duration.ofMillis(10));

            // a second Slack poll asks from the last EndTime it saw, and reports nothing twice
            orchestrator.reset();
            loginAndJobs("uipath/uipath-odata-jobs-expanded-response.json");
            assertEquals(200, admin(shirase, "POST", "/admin/run/uipath-poll-slack").statusCode());
            assertEquals(slackSince, since(orchestrator.received().get(1)));
            slack.assertNoMoreThan(2, Duration.ofMillis(800));
        }
    }

    @Test
    void anApiKeyIsSentAsABearerTokenWithoutALogin() throws Exception {
        try (RunningShirase shirase = runtime().with("uipath.poll.schedule", "rate(1 hour)")
                .with("uipath.orchestrator.api-key", "example-api-key").start()) {
            orchestrator.enqueue(Response.json(200, "{\"value\":[]}"));
            assertEquals(200, admin(shirase, "POST", "/admin/run/uipath-poll").statusCode());
            List<Recorded> calls = orchestrator.received();
            assertEquals(1, calls.size(), "no login");
            assertEquals("/orchestrator_/odata/Jobs", calls.get(0).path());
            assertEquals("Bearer example-api-key", calls.get(0).header("Authorization"));
        }
    }

    @Test
    void windowsAuthenticationIsTheNtlmHandshakeWithTheDomainUserAndWorkstation() throws Exception {
        try (RunningShirase shirase = runtime().with("uipath.poll.schedule", "rate(5 minutes)")
                .with("uipath.orchestrator.ntlm-domain", "CORP").start()) {
            // the stand-in asks for NTLM, answers the client's negotiation with a challenge, then lets it in
            orchestrator.enqueue(Response.of(401).withHeader("WWW-Authenticate", "NTLM"),
                    Response.of(401).withHeader("WWW-Authenticate", "NTLM " + challenge()),
                    Response.json(200, Fixtures.read("uipath/uipath-odata-jobs-expanded-response.json")));
            HttpResponse<String> run = admin(shirase, "POST", "/admin/run/uipath-poll");
            assertEquals(200, run.statusCode());

            List<Recorded> calls = orchestrator.received();
            assertEquals(3, calls.size(), "no login, the handshake on the jobs request: " + run.body() + calls);
            calls.forEach(call -> assertEquals("/orchestrator_/odata/Jobs", call.path()));
            assertNull(calls.get(0).header("Authorization"));
            assertEquals(1, message(calls.get(1)).get(8), "a negotiation (type 1)");
            ByteBuffer authenticate = message(calls.get(2));
            assertEquals(3, authenticate.get(8), "an authentication (type 3)");
            assertEquals("CORP", field(authenticate, 28));
            assertEquals("rpa-monitor", field(authenticate, 36));
            assertFalse(field(authenticate, 44).isBlank(), "this machine's name as the workstation");
            assertTrue(authenticate.getShort(20) > 0, "an NT response to the challenge");
            assertEquals(2, slack.awaitRequests(2, SOON).size(), "and the jobs were read");
        }
    }

    private static ByteBuffer message(Recorded call) {
        String header = call.header("Authorization");
        assertTrue(header != null && header.startsWith("NTLM "), String.valueOf(header));
        byte[] bytes = Base64.getDecoder().decode(header.substring(5));
        assertEquals("NTLMSSP\0", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A type 3 message's string field (a security buffer at this offset), in UTF-16LE as negotiated. */
    private static String field(ByteBuffer message, int at) {
        int length = message.getShort(at) & 0xffff;
        int offset = message.getInt(at + 4);
        return new String(message.array(), offset, length, StandardCharsets.UTF_16LE);
    }

    /** A type 2 message: Unicode, NTLM, extended session security, target info (the domain, then the end). */
    private static String challenge() {
        byte[] domain = "CORP".getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer info = ByteBuffer.allocate(4 + domain.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        info.putShort((short) 2).putShort((short) domain.length).put(domain).putInt(0);
        ByteBuffer message = ByteBuffer.allocate(48 + domain.length + info.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        message.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        message.putShort((short) domain.length).putShort((short) domain.length).putInt(48);
        message.putInt(0x00000001 | 0x00000004 | 0x00000200 | 0x00008000 | 0x00010000 | 0x00080000 | 0x00800000);
        message.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).put(new byte[8]);
        message.putShort((short) info.capacity()).putShort((short) info.capacity()).putInt(48 + domain.length);
        message.put(domain).put(info.array());
        return Base64.getEncoder().encodeToString(message.array());
    }
}

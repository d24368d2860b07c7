package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
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

/** routes/alert-call.camel.yaml against a local stand-in for the Twilio REST API. */
class AlertCallRouteTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH = "twilio-auth-token";
    private static final String TOKEN = "alert-token";
    private static final String PUBLIC = "https://alerts.example.com";
    private static final String A = "+819011110001";
    private static final String B = "+819011110002";
    private static final String C = "+819011110003";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StandInServer twilio;
    private static RunningShirase shirase;
    private static LogCapture log;
    private static int calls;

    @BeforeAll
    static void start() {
        log = LogCapture.attach();
        twilio = StandInServer.start();
        shirase = alertRuntime().start();
    }

    /** The alert call configured against the Twilio stand-in. */
    private static RunningShirase.Builder alertRuntime() {
        return RunningShirase
                .with("twilio.account-sid", SID)
                .with("twilio.auth-token", AUTH)
                .with("twilio.from-number", "+815012345678")
                .with("twilio.api-base-url", twilio.url(""))
                .with("alert.token", TOKEN)
                .with("alert.public-base-url", PUBLIC)
                .with("alert.numbers", A + "," + B + "," + C)
                .with("alert.redial-delay", "300ms") // timing only
                // this class opens many incidents and places many calls in one runtime
                .with("alert.max-incidents-per-hour", "1000").with("alert.max-calls-per-hour", "10000");
    }

    @AfterAll
    static void stop() {
        shirase.close();
        twilio.close();
        log.close();
    }

    @BeforeEach
    void reset() {
        twilio.reset();
        twilio.answerByDefault(created());
        log.clear();
    }

    /** Twilio's 201 with a new call SID each time. */
    private static Response created() {
        return Response.json(201, Fixtures.read("twilio/twilio-call-response.json")
                .replaceFirst("\"sid\": \"CA[0-9a-f]+\"", "\"sid\": \"CA" + String.format("%032d", ++calls) + "\""));
    }

    static String sign(String url, Map<String, String> params) throws Exception {
        Method signer = RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
        signer.setAccessible(true);
        return (String) signer.invoke(new RequestValidator(AUTH), url, params);
    }

    private static HttpResponse<String> alert(String query) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?" + query))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A Twilio callback: form POST to path?incident=.. signed for the public URL. */
    private static HttpResponse<String> callback(String path, String incident, Map<String, String> params,
            boolean validSignature) throws Exception {
        return callback(shirase, path, incident, params, validSignature);
    }

    private static HttpResponse<String> callback(RunningShirase runtime, String path, String incident,
            Map<String, String> params, boolean validSignature) throws Exception {
        String pathAndQuery = path + "?incident=" + incident;
        String signature = sign(PUBLIC + pathAndQuery, params);
        String form = params.entrySet().stream().map(e -> e.getKey() + "=" + q(e.getValue()))
                .collect(Collectors.joining("&"));
        return runtime.send(HttpRequest.newBuilder(runtime.uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", validSignature ? signature : "x" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            if (kv[0].equals("StatusCallbackEvent")) {
                events.add(value);
            } else {
                form.put(kv[0], value);
            }
        }
        form.put("StatusCallbackEvent", String.join(",", events));
        return form;
    }

    @Test
    void alertCallsThreeNumbersAndAnswersWithTheirCalls() throws Exception {
        HttpResponse<String> response = alert("message=" + q("DB is down") + "&tels=" + q(A + "," + B + "," + C));

        assertEquals(202, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        String incident = body.get("incident").asText();
        assertEquals("AlertRoom-" + incident, body.get("conference").asText());
        assertEquals(3, body.get("calls").size());
        body.get("calls").forEach(c -> assertTrue(c.get("callSid").asText().startsWith("CA"), c.toString()));

        List<Recorded> creates = twilio.received();
        assertEquals(3, creates.size());
        String basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + AUTH).getBytes());
        List<String> called = new ArrayList<>();
        for (Recorded create : creates) {
            assertEquals("POST", create.method());
            assertEquals("/2010-04-01/Accounts/" + SID + "/Calls.json", create.path());
            assertEquals(basic, create.header("Authorization"));
            Map<String, String> f = form(create.body());
            called.add(f.get("To"));
            assertEquals("+815012345678", f.get("From"));
            assertEquals(PUBLIC + "/alert/join?incident=" + incident, f.get("Url"));
            assertEquals("POST", f.get("Method"));
            assertEquals(PUBLIC + "/alert/status?incident=" + incident, f.get("StatusCallback"));
            assertEquals("POST", f.get("StatusCallbackMethod"));
            assertEquals("initiated,ringing,answered,completed", f.get("StatusCallbackEvent"));
            assertEquals("30", f.get("Timeout"));
        }
        assertEquals(List.of(A, B, C), called);
        assertFalse(log.all().contains(AUTH) || log.all().contains(TOKEN), log.all());
    }

    @Test
    void oneInvalidNumberRejectsTheWholeRequest() {
        HttpResponse<String> response = alert("message=x&tels=" + q(A + ",090-1234-5678"));

        assertEquals(400, response.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"not an E.164 phone number: 090-1234-5678 (in a URL, send + as %2B)\"}",
                response.body());
        twilio.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void aNumberOutsideTheAllowedListIsRejected() {
        HttpResponse<String> response = alert("message=x&tels=" + q(A + ",+819099999999"));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("number not allowed: +819099999999"), response.body());
        twilio.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void missingOrWrongTokenIs401AndATokenInTheUrlIsRefusedByDefault() {
        HttpResponse<String> none = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=x")).build());
        HttpResponse<String> wrong = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message=x"))
                .header("Authorization", "Bearer nope").build());
        HttpResponse<String> byQuery = shirase.send(HttpRequest.newBuilder(
                shirase.uri("/alert?message=" + q("query token") + "&tels=" + q(A) + "&token=" + TOKEN)).build());

        assertEquals(401, none.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(401, byQuery.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"the alert token is accepted in the Authorization:"
                + " Bearer header only (alert.allow-token-in-url=false)\"}", byQuery.body());
        assertFalse(byQuery.body().contains(TOKEN));
        twilio.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void repeatedWrongAlertTokensFromOneAddressAre429ForAWhileButTheRightOnePasses() {
        try (RunningShirase braked = alertRuntime().start()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, alertAs(braked, "guess-" + i).statusCode());
            }
            HttpResponse<String> sixth = alertAs(braked, "guess-6");
            HttpResponse<String> right = alertAs(braked, TOKEN);

            assertEquals(429, sixth.statusCode());
            assertTrue(sixth.body().contains("too many wrong alert tokens from this address"), sixth.body());
            assertTrue(sixth.headers().firstValue("Retry-After").isPresent());
            assertEquals(202, right.statusCode(), "a shared proxy's outsider cannot lock out the real sender");
            assertEquals(1, twilio.awaitRequests(1, Duration.ofSeconds(5)).size());
        }
    }

    private static HttpResponse<String> alertAs(RunningShirase runtime, String token) {
        return runtime.send(HttpRequest.newBuilder(runtime.uri("/alert?message=" + q("brake") + "&tels=" + q(A)))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void theSeedsTokenInTheUrlWorksWhereAllowedOnPurpose() {
        try (RunningShirase seedForm = alertRuntime().with("alert.allow-token-in-url", "true").start()) {
            HttpResponse<String> byQuery = seedForm.send(HttpRequest.newBuilder(seedForm.uri(
                    "/alert?message=" + q("query token works") + "&tels=" + q(A) + "&token=" + TOKEN)).build());

            assertEquals(202, byQuery.statusCode(), byQuery.body());
            assertEquals(1, twilio.received().size());
        }
    }

    @Test
    void withoutTheTwilioAuthTokenCallbacksAreRefused503NamingTheSetting() {
        try (RunningShirase unconfigured = RunningShirase.with("twilio.api-base-url", twilio.url("")).start()) {
            HttpResponse<String> callback = unconfigured.send(HttpRequest.newBuilder(
                    unconfigured.uri("/alert/status?incident=INC-1"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", "anything")
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1&CallStatus=no-answer")).build());

            assertEquals(503, callback.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"not configured: set twilio.auth-token (Twilio's"
                    + " callbacks are checked with it)\"}", callback.body());
        }
    }

    @Test
    void withoutAnAlertTokenNothingIsCalled() {
        try (RunningShirase unconfigured = RunningShirase.with("twilio.api-base-url", twilio.url("")).start()) {
            HttpResponse<String> response = unconfigured.send(HttpRequest.newBuilder(
                    unconfigured.uri("/alert?message=x&token=anything")).build());

            assertEquals(503, response.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"alert call is not configured\"}", response.body());
            twilio.assertNoMoreThan(0, Duration.ofMillis(300));
        }
    }

    @Test
    void theSameAlertAgainWithinTheWindowCallsNobody() throws Exception {
        HttpResponse<String> first = alert("message=" + q("disk full on db1") + "&tels=" + q(A));
        HttpResponse<String> again = alert("message=" + q("disk full on db1") + "&tels=" + q(A));

        assertEquals(202, first.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals(JSON.readTree(first.body()).get("incident"), JSON.readTree(again.body()).get("incident"));
        assertEquals("duplicate", JSON.readTree(again.body()).get("status").asText());
        assertEquals(1, twilio.received().size());
    }

    @Test
    void answeringPlaysTheEscapedMessageAndPressingOneJoinsTheConference() throws Exception {
        JsonNode alert = JSON.readTree(alert("message=" + q("load <90%> & rising") + "&tels=" + q(B)).body());
        String incident = alert.get("incident").asText();
        String callSid = alert.get("calls").get(0).get("callSid").asText();

        HttpResponse<String> answered = callback("/alert/join", incident, Map.of("CallSid", callSid, "To", B), true);

        assertEquals(200, answered.statusCode());
        assertTrue(answered.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        String twiml = answered.body();
        assertTrue(twiml.contains("<Say language=\"ja-JP\" voice=\"Polly.Mizuki\">エマージェンシー、エマージェンシー、"
                + "load &lt;90%&gt; &amp; rising</Say>"), twiml);
        assertTrue(twiml.contains("<Gather action=\"" + PUBLIC + "/alert/join?incident=" + incident + "\" input=\"dtmf\""
                + " method=\"POST\" numDigits=\"1\" timeout=\"10\">"), twiml);
        assertFalse(twiml.contains("<Conference"), twiml);

        HttpResponse<String> pressed = callback("/alert/join", incident,
                Map.of("CallSid", callSid, "To", B, "Digits", "1"), true);

        assertTrue(pressed.body().contains("<Dial><Conference beep=\"true\" endConferenceOnExit=\"false\" "
                + "startConferenceOnEnter=\"true\">AlertRoom-" + incident + "</Conference></Dial>"), pressed.body());
        JsonNode state = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/" + incident))
                .header("Authorization", "Bearer " + TOKEN).build()).body());
        assertTrue(state.get("calls").get(0).get("answered").asBoolean());
        assertTrue(state.get("calls").get(0).get("joined").asBoolean());
    }

    @Test
    void aCallAnsweredByVoicemailOrWithoutTheKeypressIsRedialledAndAJoinedOneIsNot() throws Exception {
        twilio.enqueue(created(), created(), created()); // a call SID of its own for each call
        JsonNode alert = JSON.readTree(alert("message=" + q("voicemail test") + "&tels=" + q(A + "," + B)).body());
        String incident = alert.get("incident").asText();
        String voicemail = alert.get("calls").get(0).get("callSid").asText();
        String joiner = alert.get("calls").get(1).get("callSid").asText();
        twilio.awaitRequests(2, Duration.ofSeconds(5));

        // A's voicemail picks up and the call ends without a keypress; B presses 1, then hangs up later
        callback("/alert/join", incident, Map.of("CallSid", voicemail, "To", A), true);
        callback("/alert/status", incident, Map.of("CallSid", voicemail, "CallStatus", "completed"), true);
        callback("/alert/join", incident, Map.of("CallSid", joiner, "To", B, "Digits", "1"), true);
        callback("/alert/status", incident, Map.of("CallSid", joiner, "CallStatus", "completed"), true);

        List<Recorded> creates = twilio.awaitRequests(3, Duration.ofSeconds(5));
        assertEquals(A, form(creates.get(2).body()).get("To"), "the voicemail's number is called again: " + creates.get(2));
        twilio.assertNoMoreThan(3, Duration.ofMillis(800));
    }

    @Test
    void withoutTheKeypressEveryoneWhoAnswersIsPutInTheRoom() throws Exception {
        try (RunningShirase seedLike = RunningShirase
                .with("twilio.account-sid", SID).with("twilio.auth-token", AUTH)
                .with("twilio.from-number", "+815012345678").with("twilio.api-base-url", twilio.url(""))
                .with("alert.token", TOKEN).with("alert.public-base-url", PUBLIC).with("alert.numbers", A)
                .with("alert.require-keypress", "false").start()) {
            String incident = JSON.readTree(seedLike.send(HttpRequest.newBuilder(seedLike.uri("/alert?message=hi"))
                    .header("Authorization", "Bearer " + TOKEN).build()).body()).get("incident").asText();
            String pathAndQuery = "/alert/join?incident=" + incident;
            Map<String, String> params = Map.of("CallSid", "CA1");

            String twiml = seedLike.send(HttpRequest.newBuilder(seedLike.uri(pathAndQuery))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(PUBLIC + pathAndQuery, params))
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1")).build()).body();

            assertTrue(twiml.contains("エマージェンシー、エマージェンシー、hi</Say><Dial><Conference"), twiml);
            assertFalse(twiml.contains("<Gather"), twiml);
        }
    }

    @Test
    void aCallbackWithoutAValidTwilioSignatureIs403() throws Exception {
        String incident = JSON.readTree(alert("message=" + q("sig test") + "&tels=" + q(A)).body())
                .get("incident").asText();

        HttpResponse<String> forged = callback("/alert/join", incident, Map.of("CallSid", "CA1", "Digits", "1"), false);
        HttpResponse<String> unsigned = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/status?incident="
                + incident)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1&CallStatus=completed")).build());

        assertEquals(403, forged.statusCode());
        assertFalse(forged.body().contains("Conference"));
        assertEquals(403, unsigned.statusCode());
    }

    @Test
    void aNumberThatDoesNotAnswerIsCalledAgainUpToTheCap() throws Exception {
        JsonNode alert = JSON.readTree(alert("message=" + q("no answer test") + "&tels=" + q(C)).body());
        String incident = alert.get("incident").asText();

        for (int attempt = 1; attempt <= 3; attempt++) {
            List<Recorded> creates = twilio.awaitRequests(attempt, Duration.ofSeconds(5));
            String sid = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/" + incident))
                    .header("Authorization", "Bearer " + TOKEN).build()).body()).get("calls").get(0).get("callSid")
                    .asText();
            assertEquals(C, form(creates.get(attempt - 1).body()).get("To"));
            assertEquals(204, callback("/alert/status", incident, Map.of("CallSid", sid, "CallStatus", "no-answer"),
                    true).statusCode());
        }
        twilio.assertNoMoreThan(3, Duration.ofMillis(1000)); // the first call and 2 redials (alert.redial-attempts)
    }

    @Test
    void aRedialDueAfterARestartIsStillPlaced() throws Exception {
        String store = RunningShirase.Builder.freshStoreUrl();
        String incident;
        try (RunningShirase before = alertRuntime().with("shirase.store.url", store)
                .with("alert.redial-delay", "2s").start()) {
            JsonNode alert = JSON.readTree(before.send(HttpRequest.newBuilder(before.uri("/alert?message="
                    + q("restart test") + "&tels=" + q(B))).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).body());
            incident = alert.get("incident").asText();
            String sid = alert.get("calls").get(0).get("callSid").asText();
            twilio.awaitRequests(1, Duration.ofSeconds(5));
            assertEquals(204, callback(before, "/alert/status", incident, Map.of("CallSid", sid, "CallStatus",
                    "no-answer"), true).statusCode());
        } // stopped before the redial was due
        twilio.assertNoMoreThan(1, Duration.ofMillis(100));

        try (RunningShirase after = alertRuntime().with("shirase.store.url", store).start()) {
            List<Recorded> creates = twilio.awaitRequests(2, Duration.ofSeconds(10));
            assertEquals(B, form(creates.get(1).body()).get("To"));
            assertEquals(PUBLIC + "/alert/join?incident=" + incident, form(creates.get(1).body()).get("Url"));
            twilio.assertNoMoreThan(2, Duration.ofMillis(1500));
        }
    }

    @Test
    void aRepeatedStatusCallbackChangesNothingAndPlacesNoCall() throws Exception {
        JsonNode alert = JSON.readTree(alert("message=" + q("replayed callback") + "&tels=" + q(C)).body());
        String incident = alert.get("incident").asText();
        String sid = alert.get("calls").get(0).get("callSid").asText();
        twilio.awaitRequests(1, Duration.ofSeconds(5));

        // Twilio retries callbacks; the same signed one five times, then another final status for the same call
        for (int i = 0; i < 5; i++) {
            assertEquals(204, callback("/alert/status", incident, Map.of("CallSid", sid, "CallStatus", "no-answer"),
                    true).statusCode());
        }
        assertEquals(204, callback("/alert/status", incident, Map.of("CallSid", sid, "CallStatus", "failed"), true)
                .statusCode());

        twilio.awaitRequests(2, Duration.ofSeconds(5)); // the one redial
        twilio.assertNoMoreThan(2, Duration.ofMillis(1000));
    }

    @Test
    void pastTheHoursBudgetAnAlertGets429AndNobodyIsCalled() {
        try (RunningShirase limited = alertRuntime().with("alert.max-incidents-per-hour", "2")
                .with("alert.max-calls-per-hour", "3").start()) {
            HttpResponse<String> first = alertTo(limited, "budget one", A + "," + B);
            HttpResponse<String> tooManyCalls = alertTo(limited, "budget two", A + "," + B);
            HttpResponse<String> second = alertTo(limited, "budget three", A);
            HttpResponse<String> tooManyIncidents = alertTo(limited, "budget four", A);

            assertEquals(202, first.statusCode(), first.body());
            assertEquals(429, tooManyCalls.statusCode());
            assertEquals("{\"status\":\"rejected\",\"reason\":\"the alert call's budget is spent: 2 calls in the last"
                    + " hour and this alert needs 2 (alert.max-calls-per-hour=3); nobody was called\"}",
                    tooManyCalls.body());
            assertEquals(202, second.statusCode(), second.body());
            assertEquals(429, tooManyIncidents.statusCode());
            assertTrue(tooManyIncidents.body().contains("2 incidents in the last hour (alert.max-incidents-per-hour=2)"),
                    tooManyIncidents.body());
            twilio.awaitRequests(3, Duration.ofSeconds(5));
            twilio.assertNoMoreThan(3, Duration.ofMillis(500));
            assertEquals(1, log.lines().stream().filter(l -> l.contains("alert.max-calls-per-hour=3")).count());
            assertTrue(limited.get("/observe/metrics").body().contains(
                    "shirase_alert_budget_refused_total{limit=\"alert.max-calls-per-hour\"} 1.0"));
        }
    }

    private static HttpResponse<String> alertTo(RunningShirase runtime, String message, String tels) {
        return runtime.send(HttpRequest.newBuilder(runtime.uri("/alert"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=" + q(message) + "&tels=" + q(tels))).build());
    }

    private static HttpResponse<String> notify(String fixture) {
        return shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?tels=%2B819011110001"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.read("alert/" + fixture))).build());
    }

    @Test
    void anAlertmanagerNotificationCallsOnceAndItsResolvedNotificationEndsTheIncident() throws Exception {
        HttpResponse<String> firing = notify("alertmanager-firing.json");
        HttpResponse<String> repeat = notify("alertmanager-firing.json"); // Alertmanager's repeat_interval

        assertEquals(202, firing.statusCode(), firing.body());
        JsonNode incident = JSON.readTree(firing.body());
        assertEquals(200, repeat.statusCode());
        assertEquals("duplicate", JSON.readTree(repeat.body()).get("status").asText());
        assertEquals(incident.get("incident").asText(), JSON.readTree(repeat.body()).get("incident").asText());
        Recorded call = twilio.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertEquals(A, form(call.body()).get("To"));
        twilio.assertNoMoreThan(1, Duration.ofMillis(500));

        HttpResponse<String> spoken = callback("/alert/join", incident.get("incident").asText(),
                Map.of("CallSid", incident.get("calls").get(0).get("callSid").asText(), "To", A), true);
        assertTrue(spoken.body().contains("PostgresDown: PostgreSQL on db-1 is down。</Say>"), spoken.body());

        HttpResponse<String> resolved = notify("alertmanager-resolved.json");
        assertEquals(200, resolved.statusCode());
        JsonNode ended = JSON.readTree(resolved.body());
        assertEquals("resolved", ended.get("status").asText());
        assertTrue(ended.has("resolvedAt"), resolved.body());
        JsonNode shown = JSON.readTree(shirase.send(HttpRequest.newBuilder(shirase.uri("/alert/"
                + incident.get("incident").asText())).header("Authorization", "Bearer " + TOKEN).build()).body());
        assertTrue(shown.has("resolvedAt"), shown.toString());
        // resolving places no call; it hangs up the one still live (a call update to completed)
        List<Recorded> after = twilio.awaitRequests(2, Duration.ofSeconds(5));
        assertEquals("/2010-04-01/Accounts/" + SID + "/Calls/" + incident.get("calls").get(0).get("callSid").asText()
                + ".json", after.get(1).path());
        assertEquals("Status=completed", after.get(1).body());
        twilio.assertNoMoreThan(2, Duration.ofMillis(300));

        assertEquals(202, notify("alertmanager-firing.json").statusCode(), "firing again after resolved: a new incident");
    }

    @Test
    void aGrafanaNotificationSpeaksItsFiringAlerts() throws Exception {
        HttpResponse<String> firing = notify("grafana-firing.json");

        assertEquals(202, firing.statusCode(), firing.body());
        assertEquals("High memory usage: This alert was triggered for zone us-1。High CPU usage: This alert was"
                + " triggered for zone eu-1。", spokenFrom(firing));
    }

    /** What the incident says, from the TwiML a callee hears. */
    private static String spokenFrom(HttpResponse<String> firing) throws Exception {
        JsonNode incident = JSON.readTree(firing.body());
        String twiml = callback("/alert/join", incident.get("incident").asText(), Map.of("CallSid",
                incident.get("calls").get(0).get("callSid").asText(), "To", A), true).body();
        return twiml.replaceAll("(?s).*エマージェンシー、エマージェンシー、(.*?)</Say>.*", "$1");
    }

    @Test
    void aJsonAlertThatIsNoNotificationIsRefusedWithTheReason() {
        HttpResponse<String> other = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build());

        assertEquals(400, other.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"a JSON alert must be an Alertmanager or Grafana"
                + " notification with alerts[] (or send message as a form or query parameter)\"}", other.body());
        twilio.assertNoMoreThan(0, Duration.ofMillis(300));
    }

    @Test
    void anUnencodedPlusInTheQueryIsPutBack() {
        HttpResponse<String> plain = shirase.send(HttpRequest.newBuilder(shirase.uri("/alert?message="
                + q("plus test") + "&tels=+819011110001")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(202, plain.statusCode(), plain.body());
        assertEquals(A, form(twilio.awaitRequests(1, Duration.ofSeconds(5)).get(0).body()).get("To"));
    }

    @Test
    void twilio429IsRetriedAndTheCallPlacedOnce() throws Exception {
        twilio.enqueue(Response.json(429, Fixtures.read("twilio/twilio-error-20429.json")), created());

        HttpResponse<String> response = alert("message=" + q("429 test") + "&tels=" + q(A));

        assertEquals(202, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("calls").get(0).get("callSid").asText().startsWith("CA"));
        assertEquals(2, twilio.received().size());
    }

    @Test
    void twilio500IsTriedAgainAndTheCallPlaced() throws Exception {
        twilio.enqueue(Response.json(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"),
                created());

        HttpResponse<String> response = alert("message=" + q("500 test") + "&tels=" + q(A));

        assertEquals(202, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("calls").get(0).get("callSid").asText().startsWith("CA"));
        assertEquals(2, twilio.received().size());
    }

    @Test
    void twilio500EveryTimeIsReportedAfterTheRetriesAnd502() throws Exception {
        twilio.answerByDefault(Response.json(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"));

        HttpResponse<String> response = alert("message=" + q("500 always") + "&tels=" + q(A));

        assertEquals(502, response.statusCode(), response.body());
        JsonNode call = JSON.readTree(response.body()).get("calls").get(0);
        assertTrue(call.get("error").asText().startsWith("Twilio error 20500"), call.toString());
        twilio.assertNoMoreThan(3, Duration.ofMillis(300)); // the first try and alert.twilio-retries=2
        assertEquals(3, twilio.received().size());
    }

    @Test
    void anInvalidNumberAtTwilioIsReportedWhileTheOthersAreCalled() throws Exception {
        twilio.enqueue(created(), Response.json(400, Fixtures.read("twilio/twilio-error-21211.json")), created());

        JsonNode calls = JSON.readTree(alert("message=" + q("21211 test") + "&tels=" + q(A + "," + B + "," + C))
                .body()).get("calls");

        assertTrue(calls.get(0).has("callSid"));
        assertTrue(calls.get(1).get("error").asText().startsWith("Twilio error 21211"), calls.toString());
        assertTrue(calls.get(2).has("callSid"));
    }
}

package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.support.Fixtures;
import dev.shirase.support.HmacSha256;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzed intake: every inbound endpoint gets thousands of generated and mutated requests (broken and truncated
 * JSON, wrong types, huge strings and numbers, deep nesting, invalid UTF-8, trailing content, missing, wrong and
 * repeated signatures and tokens, odd Content-Types). Every answer must come within the timeout, never be a 5xx,
 * and refuse as JSON with a reason; nothing refused may reach a stand-in; the runtime stays healthy. Tries per
 * property: jqwik.tries.default (src/test/resources/junit-platform.properties; -Djqwik.tries.default=20000 for a
 * longer run). Figures go to the test output and target/fuzz-report.txt.
 */
class IntakeFuzzTest {

    private static final String CLOCKIFY_TOKEN = "fuzz-clockify-token";
    private static final String UIPATH_SECRET = "fuzz-uipath-secret";
    private static final String ALERT_TOKEN = "fuzz-alert-token";
    private static final String ALLOWED = "+819011110001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static StandInServer discord;
    private static StandInServer slack;
    private static StandInServer twilio;
    private static RunningShirase shirase;
    private static LogCapture log;

    private static final Map<String, Map<Integer, Integer>> STATUSES = new ConcurrentHashMap<>();
    private static final AtomicInteger ACCEPTED_CLOCKIFY = new AtomicInteger();
    private static final AtomicInteger CALLS_PLACED = new AtomicInteger();
    private static final AtomicInteger UIPATH_ACCEPTED = new AtomicInteger();

    /** One generated request. */
    record Fuzzed(String contentType, List<String> signatures, byte[] body) {
    }

    @BeforeContainer
    static void start() {
        log = LogCapture.attach();
        discord = StandInServer.start();
        slack = StandInServer.start();
        slack.answerByDefault(new StandInServer.Response(200, Map.of("Content-Type", "text/html"), "ok", Duration.ZERO));
        twilio = StandInServer.start();
        twilio.answerByDefault(StandInServer.Response.json(201, Fixtures.read("twilio/twilio-call-response.json")));
        shirase = RunningShirase
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/1/fuzz"))
                .with("clockify.webhook-signature", CLOCKIFY_TOKEN)
                .with("shirase.delivery.rate.discord", "0")
                .with("uipath.webhook-secret", UIPATH_SECRET)
                .with("uipath.slack-webhook-url", slack.url("/services/fuzz"))
                .with("shirase.delivery.rate.slack", "0")
                .with("twilio.account-sid", "AC00000000000000000000000000000000")
                .with("twilio.auth-token", "fuzz-twilio-auth")
                .with("twilio.from-number", "+815012345678")
                .with("twilio.api-base-url", twilio.url(""))
                .with("alert.token", ALERT_TOKEN)
                .with("alert.public-base-url", "https://shirase.example.com")
                .with("alert.numbers", ALLOWED)
                .with("alert.redial-attempts", "0")
                .with("shirase.admin-token", "fuzz-admin-token")
                .start();
    }

    @AfterContainer
    static void reconcile() throws Exception {
        try {
            assertEquals(200, shirase.get("/observe/health").statusCode(), "unhealthy after the fuzzing");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (discord.received().size() < ACCEPTED_CLOCKIFY.get() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            // every accepted Clockify event sent once, and nothing else: a refused request reached nobody
            assertEquals(ACCEPTED_CLOCKIFY.get(), discord.received().size(), "Discord messages");
            assertEquals(CALLS_PLACED.get(), twilio.received().size(), "Twilio calls");
            if (UIPATH_ACCEPTED.get() == 0) {
                assertEquals(0, slack.received().size(), "Slack messages though no UiPath event was accepted");
            }
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("ERROR")), "ERROR lines for callers' mistakes:\n"
                    + String.join("\n", log.lines().stream().filter(l -> l.contains("ERROR")).limit(5).toList()));
            report();
        } finally {
            shirase.close();
            List.of(discord, slack, twilio).forEach(StandInServer::close);
            log.close();
        }
    }

    // ---- the endpoints ----

    @Property
    void clockifyNeverFailsAndForwardsOnlyWhatItAccepts(@ForAll("clockify") Fuzzed request) throws Exception {
        HttpResponse<String> answer = post("/clockify", request, "Clockify-Signature");
        if (answer.statusCode() == 202 && answer.body().contains("accepted")) {
            ACCEPTED_CLOCKIFY.incrementAndGet(); // each 202 is one message: repeats of an event get 200
        }
    }

    @Property
    void uipathNeverFails(@ForAll("uipath") Fuzzed request) throws Exception {
        HttpResponse<String> answer = post("/uipath/webhook", request, "X-UiPath-Signature");
        if (answer.statusCode() == 202 && answer.body().contains("accepted")) {
            UIPATH_ACCEPTED.incrementAndGet();
        }
    }

    @Property
    void alertNeverFailsAndCallsOnlyForWhatItAccepts(@ForAll("alert") Fuzzed request) throws Exception {
        HttpResponse<String> answer = post("/alert", request, "Authorization");
        if (answer.statusCode() == 202) {
            for (JsonNode call : JSON.readTree(answer.body()).path("calls")) {
                if (call.has("callSid")) {
                    CALLS_PLACED.incrementAndGet();
                }
            }
        }
    }

    @Property
    void twilioCallbacksNeverFailAndForgedOnesChangeNothing(@ForAll("twilioCallback") Fuzzed request)
            throws Exception {
        HttpResponse<String> answer = post("/alert/status?incident=INC-fuzz", request, "X-Twilio-Signature");
        assertTrue(answer.statusCode() == 403 || answer.statusCode() == 415 || answer.statusCode() == 400,
                "a forged callback got " + answer.statusCode() + " " + answer.body());
    }

    @Property
    void adminApiNeverFails(@ForAll("adminQuery") String query) throws Exception {
        // the right token: wrong ones are braked after five (AdminApiTest); here the query parsers are under test
        post("/admin/deliveries/replay?" + query, new Fuzzed(null, List.of("Bearer fuzz-admin-token"), new byte[0]),
                "Authorization");
    }

    // ---- what every answer must be ----

    private static HttpResponse<String> post(String path, Fuzzed request, String signatureHeader) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(shirase.uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        for (String signature : request.signatures()) {
            builder.header(signatureHeader, signature);
        }
        HttpResponse<String> answer = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        STATUSES.computeIfAbsent(path.replaceAll("\\?.*", ""), p -> new ConcurrentHashMap<>())
                .merge(answer.statusCode(), 1, Integer::sum);
        assertTrue(answer.statusCode() < 500, path + " answered " + answer.statusCode() + ": " + answer.body());
        if (answer.statusCode() >= 400) {
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
            assertTrue(JSON.readTree(answer.body()).path("reason").isTextual(), answer.body());
        }
        return answer;
    }

    // ---- generators ----

    @Provide
    Arbitrary<Fuzzed> clockify() {
        String fixture = Fixtures.read("clockify/clockify-timer-started.json");
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1_000_000).map(n -> utf8(fixture.replace(
                        "664bf1e0a1b2c3d4e5f60789", "fuzz-" + n))), // valid, most of them new
                mutated(fixture), hostile());
        Arbitrary<List<String>> tokens = signatures(CLOCKIFY_TOKEN);
        return Combinators.combine(contentTypes(), tokens, bodies).as(Fuzzed::new);
    }

    @Provide
    Arbitrary<Fuzzed> uipath() {
        String fixture = Fixtures.read("uipath/uipath-job-faulted.json");
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(mutated(fixture), hostile(),
                Arbitraries.of("{\"Type\":\"job.faulted\",\"EventId\":\"e\",\"Jobs\":{}}",
                        "{\"Type\":\"job.faulted\",\"EventId\":\"e\",\"Jobs\":[1,\"x\",null]}",
                        "{\"Type\":\"job.faulted\",\"EventId\":7,\"Job\":[]}").map(IntakeFuzzTest::utf8));
        return Combinators.combine(contentTypes(), Arbitraries.of(true, false), bodies)
                .as((type, signed, body) -> new Fuzzed(type, signed ? List.of(hmac(body)) : List.of("bm9wZQ=="), body));
    }

    @Provide
    Arbitrary<Fuzzed> alert() {
        Arbitrary<String> message = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(600),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(50));
        Arbitrary<String> tels = Arbitraries.oneOf(Arbitraries.just(ALLOWED), Arbitraries.just(""),
                Arbitraries.strings().withChars("+0123456789,; x").ofMaxLength(40));
        Arbitrary<byte[]> form = Combinators.combine(message, tels, Arbitraries.of("", "&tels=", "&message="))
                .as((m, t, extra) -> utf8("message=" + URLEncoder.encode(m, StandardCharsets.UTF_8) + "&tels="
                        + URLEncoder.encode(t, StandardCharsets.UTF_8) + extra));
        // no wrong Bearer tokens here: five of them brake the address (429 for a minute; AlertCallRouteTest), and the
        // parsers behind the token are what this property is after
        Arbitrary<List<String>> auth = Arbitraries.<List<String>>of(List.of("Bearer " + ALERT_TOKEN),
                List.of("Bearer " + ALERT_TOKEN), List.of(), List.of("Basic eDp5"));
        return Combinators.combine(Arbitraries.of("application/x-www-form-urlencoded", "application/json", "text/plain"),
                auth, Arbitraries.oneOf(form, hostile())).as(Fuzzed::new);
    }

    @Provide
    Arbitrary<Fuzzed> twilioCallback() {
        Arbitrary<byte[]> form = Arbitraries.strings().ofMaxLength(30).list().ofMaxSize(6).map(values -> {
            StringBuilder b = new StringBuilder("CallSid=CA1&CallStatus=no-answer");
            values.forEach(v -> b.append('&').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append("=x"));
            return utf8(b.toString());
        });
        return Combinators.combine(Arbitraries.of("application/x-www-form-urlencoded", "application/json"),
                Arbitraries.<List<String>>of(List.of(), List.of("forged"), List.of("a", "b")),
                Arbitraries.oneOf(form, hostile()))
                .as(Fuzzed::new);
    }

    @Provide
    Arbitrary<String> adminQuery() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                // no "sent": replaying sent messages would send them again, and the count of what reached Discord
                // is how this test tells that nothing refused was forwarded
                Arbitraries.of("dead", "lost", "pending", "2024-05-21", "2024-05-21T00:00:00Z", "-1", "99999-01-01",
                        "+999999999-12-31", "-999999999-01-01", "+999999999-12-31T23:59:59Z", "2024-02-30"));
        return Combinators.combine(value, value).as((status, since) -> "status="
                + URLEncoder.encode(status, StandardCharsets.UTF_8) + "&since=" + URLEncoder.encode(since,
                StandardCharsets.UTF_8));
    }

    private static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("application/json; charset=ISO-8859-1")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "")),
                // malformed or unknown charsets and parameters: a 4xx, never a 5xx
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json; charset=\"", "application/json; charset=",
                        "application/json; charset=nope-8", "application/json; charset=\"utf-8",
                        "application/json;;;", "application/json; charset=UTF-8; charset=\"x\"",
                        "application/x-www-form-urlencoded; charset=\"")));
    }

    private static Arbitrary<List<String>> signatures(String right) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(List.of(right))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<String>of())),
                // any printable header value (the HTTP client refuses control characters before sending)
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80)
                        .map(List::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.of(right, "second"))));
    }

    /** The fixture cut, with bytes flipped or inserted, values swapped for the wrong type, or content appended. */
    private static Arbitrary<byte[]> mutated(String fixture) {
        byte[] bytes = utf8(fixture);
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, bytes.length).map(n -> java.util.Arrays.copyOf(bytes, n));
        Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(0, bytes.length - 1),
                Arbitraries.bytes()).as((at, b) -> {
                    byte[] copy = bytes.clone();
                    copy[at] = b;
                    return copy;
                });
        Arbitrary<byte[]> retyped = Arbitraries.of("\"id\": 12345", "\"id\": null", "\"id\": {}", "\"id\": []",
                "\"id\": \"" + "9".repeat(400) + "\"", "\"id\": 1e999999").map(v -> utf8(
                        fixture.replaceFirst("\"(id|EventId)\": \"[^\"]+\"", java.util.regex.Matcher.quoteReplacement(v))));
        Arbitrary<byte[]> userless = Arbitraries.of("\"user\": \"me\"", "\"user\": null", "\"currentlyRunning\": \"yes\"",
                "\"Type\": 7", "\"Jobs\": {\"State\": []}").map(v -> utf8(fixture.replaceFirst(
                        "\"(user|currentlyRunning|Type)\": [^,\\n]+", java.util.regex.Matcher.quoteReplacement(v))));
        Arbitrary<byte[]> appended = Arbitraries.of(fixture, " x", "{}", "\u0000", "]").map(tail -> utf8(fixture + tail));
        return Arbitraries.oneOf(cut, flipped, retyped, userless, appended);
    }

    /** Bodies no parser should choke on: deep nesting, huge values, invalid UTF-8, random bytes. */
    private static Arbitrary<byte[]> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 20_000).map(n -> utf8("[".repeat(n) + "]".repeat(n))),
                Arbitraries.integers().between(1, 20_000).map(n -> utf8("{\"a\":".repeat(n) + "1" + "}".repeat(n))),
                Arbitraries.integers().between(1, 900_000).map(n -> utf8("{\"id\":\"" + "x".repeat(n) + "\"}")),
                Arbitraries.integers().between(1, 100_000).map(n -> utf8("{\"id\":1" + "0".repeat(n) + "}")),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.just(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                Arbitraries.just(new byte[0]));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(byte[] body) {
        return Base64.getEncoder().encodeToString(HmacSha256.of(UIPATH_SECRET, body));
    }

    private static void report() throws Exception {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(STATUSES).forEach((path, statuses) -> lines.append(String.format("%s: %d requests, statuses %s%n",
                path, statuses.values().stream().mapToInt(Integer::intValue).sum(), new TreeMap<>(statuses))));
        lines.append(String.format("forwarded: %d Clockify events to Discord, %d calls to Twilio, %d UiPath events"
                + " accepted; health 200 at the end%n", ACCEPTED_CLOCKIFY.get(), CALLS_PLACED.get(),
                UIPATH_ACCEPTED.get()));
        System.out.print("FUZZ " + lines.toString().replace("\n", "\nFUZZ ").replaceAll("FUZZ $", ""));
        Files.writeString(Path.of("target", "fuzz-report.txt"), lines.toString());
    }
}

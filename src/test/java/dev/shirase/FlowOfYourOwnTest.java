package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;

import dev.shirase.support.Fixtures;
import dev.shirase.support.HmacSha256;
import dev.shirase.support.ReadmeBlocks;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Recorded;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/flow-of-your-own.md: its route file, template and settings exactly as written, beside the
 * shipped routes, against a stand-in Slack, with GitHub's sample payloads signed as GitHub signs them.
 */
class FlowOfYourOwnTest {

    private static final String SECRET = "a-github-webhook-secret";
    private static final String SLACK_PATH = "/services/T000/B000/GITHUB";
    private static final Duration SOON = Duration.ofSeconds(10);

    private static StandInServer slack;
    private static RunningShirase shirase;

    @BeforeAll
    static void start() throws IOException {
        ReadmeBlocks recipe = ReadmeBlocks.page("docs/flow-of-your-own.md");
        Path work = TempDirs.create("shirase-own-flow");
        Path route = work.resolve("github-issues.camel.yaml");
        Files.writeString(route, recipe.block("yaml"), StandardCharsets.UTF_8);
        Path templates = work.resolve("templates");
        TempDirs.copyTree(Path.of("templates"), templates);
        Files.createDirectories(templates.resolve("github-issues"));
        Files.writeString(templates.resolve("github-issues/slack.mustache"), recipe.block("mustache"),
                StandardCharsets.UTF_8);
        Properties settings = new Properties();
        settings.load(new java.io.StringReader(recipe.block("properties")));

        slack = StandInServer.start();
        RunningShirase.Builder builder = RunningShirase
                .with("camel.main.routes-include-pattern", "file:routes/*.yaml,file:" + route)
                .with("shirase.templates", templates.toString());
        settings.stringPropertyNames().forEach(key -> builder.with(key, settings.getProperty(key)));
        // only the secret and the URL are ours; Slack is not paced here (DeliveryPacingTest checks the rates)
        shirase = builder.with("github.webhook-secret", SECRET)
                .with("github.slack-webhook-url", slack.url(SLACK_PATH))
                .with("shirase.delivery.rate.slack", "0")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        slack.close();
    }

    @BeforeEach
    void reset() {
        slack.reset();
    }

    private static HttpResponse<String> deliver(String event, String body, String signature) {
        return shirase.postJson("/github", body, "X-GitHub-Event", event, "X-GitHub-Delivery",
                java.util.UUID.randomUUID().toString(), "X-Hub-Signature-256", signature);
    }

    private static String sign(String body) {
        return "sha256=" + HexFormat.of().formatHex(HmacSha256.of(SECRET, body));
    }

    @Test
    void anIssueOpenedPostsOneSlackMessageAndTheSameEventAgainPostsNothing() {
        String opened = Fixtures.read("github/issues-opened.json");

        HttpResponse<String> first = deliver("issues", opened, sign(opened));

        assertEquals(202, first.statusCode(), first.body());
        assertEquals("{\"status\":\"accepted\"}", first.body());
        Recorded post = slack.awaitRequests(1, SOON).get(0);
        assertEquals("POST", post.method());
        assertEquals(SLACK_PATH, post.path());
        assertEquals("{\"text\":\"hanako-yamada opened acme/website#42: Checkout button does nothing on Safari\\n"
                + "https://github.com/acme/website/issues/42\"}", post.body());

        HttpResponse<String> again = deliver("issues", opened, sign(opened));
        assertEquals(200, again.statusCode());
        assertEquals("{\"status\":\"duplicate\"}", again.body());
        slack.assertNoMoreThan(1, Duration.ofMillis(500));
    }

    @Test
    void aWrongSignatureIsRefusedAndNothingIsSent() {
        String opened = Fixtures.read("github/issues-opened.json").replace("\"number\": 42", "\"number\": 43");

        HttpResponse<String> refused = deliver("issues", opened, sign(opened.replace("43", "44")));

        assertEquals(401, refused.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"X-Hub-Signature-256 does not match the body signed with"
                + " github.webhook-secret\"}", refused.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void githubsPingAndOtherActionsAreAcknowledgedAndIgnored() {
        String ping = Fixtures.read("github/ping.json");
        String closed = Fixtures.read("github/issues-opened.json").replace("\"action\": \"opened\"",
                "\"action\": \"closed\"");

        HttpResponse<String> pinged = deliver("ping", ping, sign(ping));
        HttpResponse<String> wasClosed = deliver("issues", closed, sign(closed));

        assertEquals(202, pinged.statusCode());
        assertEquals("{\"status\":\"ignored\",\"reason\":\"not an issue opened\"}", pinged.body());
        assertEquals(202, wasClosed.statusCode());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIsRefusedWithTheReason() {
        String notJson = "{\"action\": \"opened\",";

        HttpResponse<String> refused = deliver("issues", notJson, sign(notJson));

        assertEquals(400, refused.statusCode());
        assertEquals("{\"status\":\"rejected\",\"reason\":\"body is not valid JSON\"}", refused.body());
        slack.assertNoMoreThan(0, Duration.ofMillis(500));
    }
}

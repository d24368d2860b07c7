package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.shirase.support.Fixtures;
import dev.shirase.support.LogCapture;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import dev.shirase.support.StandInServer.Response;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wording lives in template files outside the jar: a copy of the shipped templates/, edited, is what the runtime
 * renders (no build); a team may have a template of its own; a broken template stops the start with its file
 * and line.
 */
class TemplatesTest {

    private Path copy;
    private StandInServer discord;

    @BeforeEach
    void copyTheShippedTemplates() throws IOException {
        copy = TempDirs.create("shirase-templates");
        TempDirs.copyTree(Path.of("templates"), copy);
        discord = StandInServer.start();
    }

    @AfterEach
    void cleanUp() {
        discord.close();
        TempDirs.delete(copy);
    }

    private void edit(String template, String from, String to) {
        Path file = copy.resolve(template);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.contains(from), template + " has no " + from);
            Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String template, String text) throws IOException {
        Path file = copy.resolve(template);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private RunningShirase.Builder clockify() {
        return RunningShirase
                .with("shirase.templates", copy.toString())
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/42/token"))
                .with("clockify.allow-unsigned", "true");
    }

    /** Why the start failed, with every cause's message. */
    private static String startFailure(RunningShirase.Builder runtime) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, runtime::start);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aWordChangedInTheCopyIsWhatDiscordReceives() {
        edit("clockify-discord/en/discord.mustache", "Good work.", "Nice one.");
        try (RunningShirase shirase = clockify().with("clockify.language", "en").start()) {
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-stopped.json"))
                    .statusCode());
            assertEquals("{\"content\":\"Hanako Yamada stopped Acme - Website Weekly report. Nice one. (1h 23m)\","
                    + "\"allowed_mentions\":{\"parse\":[]}}",
                    discord.awaitRequests(1, Duration.ofSeconds(10)).get(0).body());
        }
    }

    @Test
    void aTeamMayHaveATemplateOfItsOwn() throws IOException {
        write("issue-index/customer/google-chat.mustache", "{{team}}: {{score}}{{#up}} and rising{{/up}}\n");
        StandInServer vtiger = StandInServer.start();
        try (vtiger; RunningShirase shirase = RunningShirase
                .with("shirase.templates", copy.toString())
                .with("vtiger.base-url", vtiger.url(""))
                .with("vtiger.username", "api.user")
                .with("vtiger.access-key", "AbCdEfGh12345678")
                .with("issue-index.customer.google-chat-webhook-url", discord.url("/v1/spaces/CUSTOMER/messages"))
                .with("issue-index.customer.template", copy.resolve("issue-index/customer/google-chat.mustache")
                        .toString())
                .with("issue-index.performance.google-chat-webhook-url", discord.url("/v1/spaces/PERF/messages"))
                .with("shirase.admin-token", "admin-token")
                .start()) {
            discord.answerByDefault(Response.json(200, "{}"));
            vtiger.answerByDefault(Response.json(200, "{\"success\":true,\"result\":[{\"id\":\"17x1\","
                    + "\"ticketpriorities\":\"High\"}]}"));
            for (String team : new String[] {"customer", "performance"}) {
                assertEquals(200, shirase.send(HttpRequest.newBuilder(shirase.uri("/admin/run/issue-index-" + team))
                        .header("Authorization", "Bearer admin-token")
                        .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
            }
            var posts = discord.awaitRequests(2, Duration.ofSeconds(10));
            assertEquals("{\"text\":\"customer: 5\"}", posts.stream()
                    .filter(p -> p.path().contains("CUSTOMER")).findFirst().orElseThrow().body());
            assertTrue(posts.stream().filter(p -> p.path().contains("PERF")).findFirst().orElseThrow().body()
                    .startsWith("{\"text\":\"*performance* の課題指数: *5* (初回)"));
        }
    }

    @Test
    void aTemplateThatDoesNotParseStopsTheStartWithItsFileAndLine() throws IOException {
        write("clockify-discord/ja/discord.mustache", "{{#started}}\n{{user}} started\n");
        String failure = startFailure(clockify());
        assertTrue(failure.contains(copy.resolve("clockify-discord/ja/discord.mustache")
                + ":1: Failed to close 'started' tag"), failure);
    }

    @Test
    void aNameTheFlowDoesNotHaveStopsTheStartWithItsFileAndLine() throws IOException {
        write("clockify-discord/ja/discord.mustache", "{{#started}}\n{{usr}} started {{subject}}\n{{/started}}\n");
        String failure = startFailure(clockify());
        assertTrue(failure.contains(copy.resolve("clockify-discord/ja/discord.mustache")
                + ":2: {{usr}} is not a value of clockify-discord here; it may use user, subject, started, stopped,"
                + " duration"), failure);
    }

    @Test
    void theComponentsOwnModelIsOutOfReach() throws IOException {
        write("clockify-discord/ja/discord.mustache", "{{headers.Authorization}} {{exchange.context}}\n");
        String failure = startFailure(clockify());
        assertTrue(failure.contains(":1: {{headers.Authorization}} is not a value of clockify-discord"), failure);
        assertTrue(failure.contains(":1: {{exchange.context}} is not a value of clockify-discord"), failure);
    }

    @Test
    void aMissingTemplateStopsTheStart() throws IOException {
        Files.delete(copy.resolve("kpi-progress/en/slack.mustache"));
        String failure = startFailure(clockify().with("kpi.language", "en"));
        assertTrue(failure.contains(copy.resolve("kpi-progress/en/slack.mustache") + ": no such file"), failure);
    }

    @Test
    void aTemplateOutsideItsFlowFolderStopsTheStart() throws IOException {
        write("mine.mustache", "{{label}}\n");
        String failure = startFailure(clockify().with("kpi.template", copy.resolve("mine.mustache").toString()));
        assertTrue(failure.contains("mine.mustache: a template lives in the folder of its flow"), failure);
    }

    @Test
    void aSettingWhoseWordingMovedToATemplateIsNotIgnoredSilently() {
        try (LogCapture log = LogCapture.attach()) {
            StartLog.warnOfRetiredWordingVariables(java.util.Map.of("ALERT_JOIN_PROMPT", "Press 1", "PATH", "/bin"));
            assertEquals(1, log.lines().size(), log.all());
            assertTrue(log.all().contains("Environment variable ALERT_JOIN_PROMPT is ignored: what the alert call says is"
                    + " in templates/alert-call/<alert.language>/join-prompt.mustache"), log.all());
        }
    }

    /**
     * The seed's message, byte for byte, from a template of the separate values: {user} が {client} - {project}
     * {description} を開始しました (or を終了しました. お疲れ様でした.), leaving a missing client empty, two spaces
     * before the dash and all, as the seed does. (The shipped template reads better: no stray " - ".)
     */
    @Test
    void theSeedsClockifyTextIsRebuiltFromTheSeparateValues() throws Exception {
        write("clockify-discord/ja/discord.mustache", "{{#started}}{{user}} が {{client}} - {{project}} {{description}}"
                + " を開始しました.{{/started}}{{#stopped}}{{user}} が {{client}} - {{project}} {{description}}"
                + " を終了しました. お疲れ様でした.{{/stopped}}\n");
        String started = Fixtures.read("clockify/clockify-timer-started.json");
        String stopped = Fixtures.read("clockify/clockify-timer-stopped.json");
        String noClient = "\"clientName\": \"Acme\"";
        try (RunningShirase shirase = clockify().with("shirase.delivery.rate.discord", "0").start()) {
            for (String event : List.of(started, stopped, started.replace(noClient, "\"clientName\": \"\"")
                    .replace("\"id\": \"", "\"id\": \"no-client-"), stopped.replace(noClient, "\"clientName\": null")
                    .replace("\"id\": \"", "\"id\": \"no-client-"))) {
                assertEquals(202, shirase.postJson("/clockify", event).statusCode());
            }
            List<String> sent = discord.awaitRequests(4, Duration.ofSeconds(15)).stream().map(r -> r.body()).toList();
            assertEquals(List.of(
                    "{\"content\":\"Hanako Yamada が Acme - Website Weekly report を開始しました.\",\"allowed_mentions\":{\"parse\":[]}}",
                    "{\"content\":\"Hanako Yamada が Acme - Website Weekly report を終了しました. お疲れ様でした.\",\"allowed_mentions\":{\"parse\":[]}}",
                    "{\"content\":\"Hanako Yamada が  - Website Weekly report を開始しました.\",\"allowed_mentions\":{\"parse\":[]}}",
                    "{\"content\":\"Hanako Yamada が  - Website Weekly report を終了しました. お疲れ様でした.\",\"allowed_mentions\":{\"parse\":[]}}"),
                    sent);
        }
    }

    @Test
    void theTaskNameIsATemplateValue() throws Exception {
        write("clockify-discord/ja/discord.mustache", "{{user}}: {{#task}}タスク「{{task}}」{{/task}}{{^task}}タスクなし{{/task}}\n");
        try (RunningShirase shirase = clockify().with("shirase.delivery.rate.discord", "0").start()) {
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-stopped.json"))
                    .statusCode());
            assertEquals(202, shirase.postJson("/clockify", Fixtures.read("clockify/clockify-timer-started.json"))
                    .statusCode());
            List<String> sent = discord.awaitRequests(2, Duration.ofSeconds(15)).stream().map(r -> r.body()).toList();
            assertEquals(List.of("{\"content\":\"Hanako Yamada: タスク「Draft」\",\"allowed_mentions\":{\"parse\":[]}}",
                    "{\"content\":\"Hanako Yamada: タスクなし\",\"allowed_mentions\":{\"parse\":[]}}"), sent);
        }
    }
}

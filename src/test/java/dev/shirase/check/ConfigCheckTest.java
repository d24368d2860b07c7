package dev.shirase.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.shirase.support.ReadmeBlocks;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/shirase check on the shipped files (no problem), and on a copy with one mistake each (that one problem). */
class ConfigCheckTest {

    private Path copy;

    @BeforeEach
    void copyTheShippedFiles() throws IOException {
        copy = TempDirs.create("shirase-check");
        for (String part : List.of("routes", "templates")) {
            TempDirs.copyTree(Path.of(part), copy.resolve(part));
        }
        Files.copy(Path.of("application.properties"), copy.resolve("application.properties"));
    }

    @AfterEach
    void cleanUp() {
        TempDirs.delete(copy);
    }

    private List<String> check() {
        return new ConfigCheck(copy, Map.of()).check();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = copy.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void theShippedFilesHaveNoProblem() {
        assertEquals(List.of(), check());
    }

    @Test
    void anEnvironmentVariableThatSetsNoSettingIsNamedWithTheOneMeant() {
        List<String> problems = new ConfigCheck(copy, Map.of(
                "CLOCKIFY_DISCORD_WEBHOOK_UR", "https://discord.example/x", // a typo
                "ISSUE_INDEX_TEAM_A_SCHEDULE", "0 0 10 * * ?", // no team a: not a setting
                "CLOCKIFY_LANGUAGE", "en",
                "ISSUE_INDEX_WEIGHTS_MEDIUM", "3", // a priority's weight only the environment names
                "ISSUE_INDEX_PERFORMANCE_WEIGHTS_CRITICAL", "20", // a team's own weight
                "KPI_SCHEDULE", "0 0 9 * * ?",
                "SHIRASE_JAR", "/app/shirase.jar", // bin/shirase's own
                "JAVA_HOME", "/usr/lib/jvm/java")).check();

        assertEquals(List.of("environment: CLOCKIFY_DISCORD_WEBHOOK_UR sets no setting (did you mean"
                + " CLOCKIFY_DISCORD_WEBHOOK_URL?)", "environment: ISSUE_INDEX_TEAM_A_SCHEDULE sets no setting"),
                problems);
    }

    /** Mistakes that stop the start (or make a flow fail on its first message), each caught by the check. */
    @Test
    void whatTheStartRefusesTheCheckRefusesToo() throws IOException {
        edit("application.properties", "shirase.delivery.give-up-after = 24h", "shirase.delivery.give-up-after = 24 hours");
        edit("application.properties", "alert.escalate-after = 3m", "alert.escalate-after = three minutes");
        edit("application.properties", "clockify.language = ja", "clockify.language = fr");
        edit("routes/clockify-discord.camel.yaml", "to: kamelet:discord", "to: kamelet:discrod");

        List<String> problems = check();

        assertTrue(problems.contains("application.properties: shirase.delivery.give-up-after must be a duration like"
                + " 500ms, 5s, 2m, 1h or 7d, not '24 hours'"), problems.toString());
        assertTrue(problems.contains("application.properties: alert.escalate-after must be a duration like 500ms, 5s,"
                + " 2m, 1h or 7d, not 'three minutes'"), problems.toString());
        assertTrue(problems.contains("application.properties: clockify.language is fr, but there is no"
                + " templates/clockify-discord/fr/ (the wording in that language)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("clockify-discord.camel.yaml: kamelet:discrod is no"
                + " channel or route template declared in routes/ (did you mean discord?)")), problems.toString());
    }

    /** The channel takes the destination with the message: a hand-off that names none would fail its first message. */
    @Test
    void aHandOffToAChannelWithNoDestinationBeforeItIsNamed() throws IOException {
        edit("routes/clockify-discord.camel.yaml", "{name: shiraseDestination, constant: clockify.teams-webhook-url}",
                "{name: shiraseSenderName, constant: clockify.teams-webhook-url}");

        List<String> problems = check();

        assertTrue(problems.stream().anyMatch(p -> p.endsWith("clockify-discord.camel.yaml: to kamelet:teams with no"
                + " setProperty shiraseDestination before it (the name of the setting holding the target)")),
                problems.toString());
        assertEquals(1, problems.stream().filter(p -> p.contains("shiraseDestination")).count(), problems.toString());
    }

    @Test
    void aRetryScheduleThatDoesNotParseIsNamed() throws IOException {
        edit("application.properties", "shirase.delivery.retry-schedule = 5s,30s,2m,10m,30m,1h,2h",
                "shirase.delivery.retry-schedule = 5s,soon,2m");

        List<String> problems = check();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("application.properties: "), problems.toString());
        assertTrue(problems.get(0).contains("soon"), problems.toString());
    }

    @Test
    void anUnknownKeyIsNamedWithTheOneMeant() throws IOException {
        edit("application.properties", "clockify.discord-webhook-url =", "clockify.discord-webhook-ur =");
        assertEquals(List.of("application.properties: unknown key clockify.discord-webhook-ur (did you mean"
                + " clockify.discord-webhook-url?)"), check());
    }

    @Test
    void aKpiOrTeamOfItsOwnMayUseItsPrefix() throws IOException {
        Files.writeString(copy.resolve("application.properties"), "\nissue-index.customer.weights.blocker = 20\n"
                + "issue-index.customer.template =\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(), check());
    }

    @Test
    void aFlowOfYourOwnAsTheReadmeWritesItHasNoProblemAndItsTemplateStaysOutOfTheRequest() throws IOException {
        ReadmeBlocks recipe = ReadmeBlocks.page("docs/flow-of-your-own.md");
        Files.writeString(copy.resolve("routes/github-issues.camel.yaml"), recipe.block("yaml"), StandardCharsets.UTF_8);
        Files.createDirectories(copy.resolve("templates/github-issues"));
        Files.writeString(copy.resolve("templates/github-issues/slack.mustache"), recipe.block("mustache"),
                StandardCharsets.UTF_8);
        Files.writeString(copy.resolve("application.properties"), "\n" + recipe.block("properties"),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(), check());

        edit("templates/github-issues/slack.mustache", "{{issue.html_url}}", "{{headers.X-Hub-Signature-256}}");
        assertEquals(List.of(copy.resolve("templates/github-issues/slack.mustache") + ":2:"
                + " {{headers.X-Hub-Signature-256}} is out of reach:"
                + " a template uses its flow's values (the fields of the JSON body for a flow of your own)"), check());
    }

    @Test
    void aMalformedCronExpression() throws IOException {
        edit("application.properties", "kpi.schedule = 0 0 10 * * ?", "kpi.schedule = 0 0 25 * * ?");
        assertEquals(List.of("application.properties: kpi.schedule is not a Quartz cron expression (second minute hour"
                + " day-of-month month day-of-week): 0 0 25 * * ?"), check());
    }

    @Test
    void aNumberThatIsNotE164() throws IOException {
        edit("application.properties", "alert.numbers =", "alert.numbers = +819011110001,09012345678");
        assertEquals(List.of("application.properties: alert.numbers has 09012345678, not an E.164 number (+ and the"
                + " country code, e.g. +819012345678)"), check());
    }

    @Test
    void aSizeThatIsNotAWholeNumberOfBytes() throws IOException {
        edit("application.properties", "shirase.http.max-answer-bytes = 2097152", "shirase.http.max-answer-bytes = 4MB");
        assertEquals(List.of("application.properties: shirase.http.max-answer-bytes is 4MB, not a whole number of bytes"
                + " (2097152 for 2 MiB)"), check());
    }

    @Test
    void aUrlThatIsNotHttp() throws IOException {
        edit("application.properties", "kpi.slack-webhook-url =", "kpi.slack-webhook-url = hooks.slack.com/services/T");
        assertEquals(List.of("application.properties: kpi.slack-webhook-url is not an http(s) URL (https://host/...)"),
                check()); // without the value: a webhook URL carries its token
    }

    @Test
    void aFlowSetUpWithoutItsSecret() throws IOException {
        edit("application.properties", "clockify.discord-webhook-url =",
                "clockify.discord-webhook-url = https://discord.com/api/webhooks/1/abc");
        assertEquals(List.of("application.properties: clockify.webhook-signature is empty, so every Clockify webhook"
                + " gets 503 (or set clockify.allow-unsigned=true behind something that checks callers)"), check());
        // the environment counts as it does at run time
        assertEquals(List.of(), new ConfigCheck(copy, Map.of("CLOCKIFY_WEBHOOK_SIGNATURE", "token")).check());
    }

    @Test
    void aTemplateThatDoesNotParse() throws IOException {
        edit("templates/kpi-progress/ja/slack.mustache", "{{/reached}}\n{{#reached}}", "{{#reached}}");
        List<String> problems = check();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("kpi-progress/ja/slack.mustache:"), problems.get(0));
    }

    @Test
    void aRouteFileCamelCannotRead() throws IOException {
        edit("routes/clockify-discord.camel.yaml", "        - filter:\n            simple:",
                "        - filterr:\n            simple:");
        List<String> problems = check();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(copy.resolve("routes/clockify-discord.camel.yaml").toString()),
                problems.get(0));
        assertTrue(problems.get(0).contains("filterr"), problems.get(0));
    }

    @Test
    void aTimelineOrOpsChannelThatIsNoChannel() throws IOException {
        edit("application.properties", "shirase.ops.channel =", "shirase.ops.channel = slak");
        assertEquals(List.of("application.properties: shirase.ops.channel is slak, not one of [slack, discord,"
                + " google-chat, teams, chatwork]"), check());
    }

    @Test
    void aScheduleMayBeARateAsTheSeedWritesItButOnlyAWellFormedOne() throws IOException {
        edit("application.properties", "uipath.poll.slack.schedule =", "uipath.poll.slack.schedule = rate(10 minutes)");
        assertEquals(List.of(), check());
        edit("application.properties", "uipath.poll.slack.schedule = rate(10 minutes)",
                "uipath.poll.slack.schedule = rate(10 minuts)");
        assertEquals(List.of("application.properties: uipath.poll.slack.schedule is rate(10 minuts), not a rate like"
                + " rate(10 minutes), rate(1 hour) or rate(1 day)"), check());
    }
}

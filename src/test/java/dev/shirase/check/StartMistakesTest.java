package dev.shirase.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.shirase.settings.Settings;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table of mistakes, two callers: each row stops the start of the runtime, and bin/shirase check (given the same
 * value in the environment, as a container would) names it, so a CI step with check fails before a deploy would.
 */
class StartMistakesTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "shirase.delivery.give-up-after | 24 hours   | shirase.delivery.give-up-after must be a duration",
        "shirase.delivery.retry-schedule | 5s,soon,2m | soon",
        "clockify.language              | fr         | there is no templates/clockify-discord/fr/",
        "alert.heartbeat.every          | 3 minutes  | alert.heartbeat.every must be a duration",
        "kpi.schedule                   | 0 0 10 * * | kpi.schedule is not a Quartz cron expression"})
    void aMistakeThatStopsTheStartIsCaughtByTheCheck(String key, String value, String named) throws Exception {
        assertThrows(RuntimeException.class, () -> RunningShirase.with(key, value).start().close(),
                key + "=" + value + " did not stop the start");

        Path copy = TempDirs.create("shirase-mistake");
        try {
            for (String part : List.of("routes", "templates")) {
                TempDirs.copyTree(Path.of(part), copy.resolve(part));
            }
            Files.copy(Path.of("application.properties"), copy.resolve("application.properties"));
            List<String> problems = new ConfigCheck(copy, Map.of(Settings.envName(key), value)).check();
            assertTrue(problems.stream().anyMatch(p -> p.contains(named)), key + "=" + value + ": " + problems);
        } finally {
            TempDirs.delete(copy);
        }
    }

    /** A route file of one's own written when the destination was the channel's parameter. */
    @Test
    void aHandOffWithTheDestinationAsAParameterStopsTheStartAndTheCheckNamesIt() throws Exception {
        Path copy = TempDirs.create("shirase-old-route");
        try {
            for (String part : List.of("routes", "templates")) {
                TempDirs.copyTree(Path.of(part), copy.resolve(part));
            }
            Files.copy(Path.of("application.properties"), copy.resolve("application.properties"));
            Path route = copy.resolve("routes/old-hand-off.camel.yaml");
            Files.writeString(route, """
                    - route:
                        id: old-hand-off
                        from:
                          uri: timer:old?repeatCount=1
                          steps:
                            - setBody:
                                constant: hello
                            - to: "kamelet:slack?destination=old.slack-webhook-url"
                    """);
            String named = "old-hand-off.camel.yaml: to kamelet:slack with no setProperty shiraseDestination before it"
                    + " (the name of the setting holding the target); the destination is no longer a parameter of"
                    + " the channel: set it before the hand-off, see docs/channels.md";

            Exception refused = assertThrows(RuntimeException.class, () -> RunningShirase
                    .with("camel.main.routes-include-pattern", "file:routes/*.yaml,file:" + route).start().close());
            assertTrue(causes(refused).contains(named), causes(refused));

            List<String> problems = new ConfigCheck(copy, Map.of()).check();
            assertTrue(problems.stream().anyMatch(p -> p.endsWith(named)), problems.toString());
        } finally {
            TempDirs.delete(copy);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}

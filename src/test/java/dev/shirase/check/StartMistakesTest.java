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
}

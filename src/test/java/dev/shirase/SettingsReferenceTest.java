package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.shirase.support.SettingsReference;
import org.junit.jupiter.api.Test;

/** docs/settings.md is application.properties rendered: every key, its value, its comment; nothing else. */
class SettingsReferenceTest {

    private static final Path PAGE = Path.of("docs/settings.md");

    @Test
    void theSettingsPageIsApplicationPropertiesRendered() throws Exception {
        String expected = SettingsReference.render(Files.readString(Path.of("application.properties"),
                StandardCharsets.UTF_8));
        if ("write".equals(System.getProperty("shirase.docs"))) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "",
                "docs/settings.md differs from application.properties: run mvn -B -q test"
                        + " -Dtest=SettingsReferenceTest -Dshirase.docs=write");
    }

    @Test
    void everyKeyIsOnThePageWithItsComment() throws Exception {
        Properties settings = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        String page = SettingsReference.render(Files.readString(Path.of("application.properties"),
                StandardCharsets.UTF_8));
        java.util.List<String> lines = java.util.List.of(page.split("\n"));
        for (String key : settings.stringPropertyNames()) {
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("- `" + key + "` = ")).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " is not on the page")));
            while (lines.get(at).startsWith("- `")) {
                at--; // up the group's keys to the line above them
            }
            // the group's keys follow the comment written above them: text, not a heading or another group
            assertTrue(lines.get(at).isEmpty() && !lines.get(at - 1).isEmpty() && !lines.get(at - 1).startsWith("#")
                    && !lines.get(at - 1).startsWith("- `"), key + " has no comment in application.properties");
        }
    }
}

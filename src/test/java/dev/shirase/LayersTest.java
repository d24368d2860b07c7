package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The main code reads top-down (docs/developing.md, "Layers"): a package imports only from its own layer and the
 * layers below it, and no file is past ~250 lines. A new package must be given its layer here.
 */
class LayersTest {

    /** Top (0) to bottom: the composition root, what operators use, the flows, what the flows share, the ground. */
    static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("", 0),
            Map.entry("check", 1), Map.entry("admin", 1),
            Map.entry("template", 2),
            Map.entry("alert", 3), Map.entry("kpi", 3), Map.entry("issueindex", 3), Map.entry("uipath", 3),
            Map.entry("clockify", 3),
            Map.entry("scheduled", 4),
            Map.entry("channel", 5),
            Map.entry("delivery", 6),
            Map.entry("ops", 7), Map.entry("http", 7), Map.entry("webhook", 7),
            Map.entry("preview", 8), Map.entry("store", 8),
            Map.entry("settings", 9), Map.entry("seam", 9));

    private static final Path MAIN = Path.of("src/main/java/dev/shirase");
    private static final Pattern IMPORT = Pattern.compile("dev\\.shirase\\.(?:([a-z]+)\\.)?[A-Z]");

    @Test
    void importsRunTopDown() throws Exception {
        List<String> upward = new ArrayList<>();
        for (Path file : javaFiles()) {
            String from = packageOf(file);
            assertTrue(LAYER.containsKey(from), "package " + from + " has no layer in LayersTest");
            Matcher used = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (used.find()) {
                String to = used.group(1) == null ? "" : used.group(1);
                assertTrue(LAYER.containsKey(to), "package " + to + " has no layer in LayersTest");
                if (LAYER.get(to) < LAYER.get(from)) {
                    String edge = MAIN.relativize(file) + " uses dev.shirase." + to;
                    if (!upward.contains(edge)) {
                        upward.add(edge);
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "imports from a higher layer");
    }

    @Test
    void noMainFileIsPastTwoHundredFiftyLines() throws Exception {
        List<String> long_ = new ArrayList<>();
        for (Path file : javaFiles()) {
            long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            if (lines > 250) {
                long_.add(MAIN.relativize(file) + " " + lines);
            }
        }
        assertEquals(List.of(), long_, "split these by what they do");
    }

    private static List<Path> javaFiles() throws Exception {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        Path dir = MAIN.relativize(file).getParent();
        return dir == null ? "" : dir.toString();
    }
}

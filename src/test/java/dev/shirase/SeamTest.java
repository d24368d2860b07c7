package dev.shirase;

import dev.shirase.seam.Seam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every exchange property and variable the route files name is listed in {@link Seam}, and nothing else is. */
class SeamTest {

    private static final Pattern READ = Pattern.compile("\\$\\{(exchangeProperty|variable)\\.([A-Za-z]+)");
    private static final Pattern WRITTEN = Pattern.compile(
            "-\\s*(setVariable|setProperty|removeVariable|removeProperty):\\s*(?:\\n\\s*|\\{\\s*)name:\\s*([A-Za-z]+)");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("(variableSend|variableReceive):\\s*([A-Za-z]+)");

    @Test
    void theRoutesNameOnlyListedPropertiesAndVariablesAndEveryListedOneIsUsed() throws Exception {
        Set<String> properties = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path route : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(route, StandardCharsets.UTF_8);
                for (Matcher m = READ.matcher(text); m.find(); ) {
                    (m.group(1).equals("variable") ? variables : properties).add(m.group(2));
                }
                for (Matcher m = WRITTEN.matcher(text); m.find(); ) {
                    (m.group(1).contains("Variable") ? variables : properties).add(m.group(2));
                }
                for (Matcher m = TEMPLATE_VARIABLE.matcher(text); m.find(); ) {
                    variables.add(m.group(2));
                }
            }
        }
        assertEquals(Seam.PROPERTIES.keySet(), properties, "exchange properties: the routes vs dev.shirase.seam.Seam");
        assertEquals(Seam.VARIABLES.keySet(), variables, "variables: the routes vs dev.shirase.seam.Seam");
    }

    @Test
    void everyNameIsOneConstantAndDescribed() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (java.lang.reflect.Field field : Seam.class.getFields()) {
            if (field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        Set<String> described = new TreeSet<>(Seam.PROPERTIES.keySet());
        described.addAll(Seam.VARIABLES.keySet());
        assertEquals(described, constants, "a name in Seam's lists without its constant, or the other way round");
        String page = Files.readString(Path.of("docs/developing.md"), StandardCharsets.UTF_8);
        for (String name : described) {
            assertTrue(page.contains("| `" + name + "` |"), name + " is not in the seam table of docs/developing.md");
        }
    }
}

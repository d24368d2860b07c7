package dev.shirase.support;

import java.util.ArrayList;
import java.util.List;

import dev.shirase.settings.Settings;

/**
 * docs/settings.md as application.properties writes it: its sections, each key with its shipped value and its
 * environment variable, under the comment written above it. application.properties is the reference; this page is
 * its rendering, so a key cannot be undocumented or documented differently in two places.
 */
public final class SettingsReference {

    private SettingsReference() {
    }

    public static String render(String properties) {
        StringBuilder page = new StringBuilder("""
                # Settings

                Generated from [`application.properties`](../application.properties) by `SettingsReferenceTest` (the
                test fails when the two differ; `mvn -B -q test -Dtest=SettingsReferenceTest -Dshirase.docs=write`
                writes this page again). Every key can be overridden by an environment variable: upper-case it and turn
                `.` and `-` into `_`. A key only the environment names counts too where the name is yours to choose
                (`ISSUE_INDEX_WEIGHTS_MEDIUM=3` is `issue-index.weights.medium`). Camel ignores `CAMEL_` variables
                ending in `_PORT`: the port is `PORT`. Durations are written `500ms`, `5s`, `2m`, `1h`, `7d`.
                """);
        List<String> comment = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String[] lines = properties.split("\n", -1);
        boolean intro = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("# ---")) {
                flush(page, comment, keys);
                // a section's header: its title, and what more it says, between two rules
                int end = i + 1;
                while (end < lines.length && lines[end].strip().startsWith("#") && !lines[end].strip().startsWith("# ---")) {
                    end++;
                }
                if (end < lines.length && end > i + 1 && lines[end].strip().startsWith("# ---")) {
                    String first = lines[i + 1].strip().substring(1).strip();
                    String title = first.split(" \\(routes/|\\. ", 2)[0];
                    page.append("\n## ").append(title).append('\n');
                    if (!title.equals(first)) {
                        comment.add(first); // the title line says more: its whole line opens the section
                    }
                    for (int more = i + 2; more < end; more++) {
                        comment.add(lines[more].strip().substring(1).strip());
                    }
                    flush(page, comment, keys);
                    i = end;
                }
                intro = false;
            } else if (line.startsWith("#")) {
                if (!keys.isEmpty()) {
                    flush(page, comment, keys);
                }
                comment.add(line.substring(1).strip());
            } else if (line.isEmpty()) {
                if (!intro || !keys.isEmpty()) {
                    flush(page, comment, keys);
                } else {
                    comment.clear(); // the file's own header: this page says it above
                }
            } else {
                keys.add(line);
            }
        }
        flush(page, comment, keys);
        return page.toString();
    }

    private static void flush(StringBuilder page, List<String> comment, List<String> keys) {
        if (comment.isEmpty() && keys.isEmpty()) {
            return;
        }
        page.append('\n');
        if (!comment.isEmpty()) {
            page.append(String.join(" ", comment)).append(keys.isEmpty() ? "\n" : "\n\n");
        }
        for (String line : keys) {
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            page.append("- `").append(key).append("` = ").append(value.isEmpty() ? "*(empty)*" : "`" + value + "`")
                    .append(" (`").append(Settings.envName(key)).append("`)\n");
        }
        comment.clear();
        keys.clear();
    }
}

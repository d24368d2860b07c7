package dev.shirase.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.shirase.channel.Notice;
import dev.shirase.clockify.ClockifyValues;
import dev.shirase.issueindex.IssueIndexValues;
import dev.shirase.kpi.KpiValues;
import org.junit.jupiter.api.Test;

/**
 * The templates in ./templates, rendered as the mustache component renders them (same factory), with the values
 * the flows give them: every variant of each message reads as the seed's did.
 */
class ShippedTemplatesTest {

    private static final Path TEMPLATES = Path.of("templates");

    static String render(String template, Object values) throws Exception {
        Path file = TEMPLATES.resolve(template);
        StringWriter out = new StringWriter();
        new PlainTextMustacheFactory()
                .compile(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString())
                .execute(out, Map.of("body", values));
        return Notice.textOf(out.toString());
    }

    private static ClockifyValues clockify(boolean running, String subject, String duration) {
        return new ClockifyValues("Taro", subject, running, !running, duration == null ? null : tracked(duration));
    }

    /** "1:23:-" is 1 hour 23 minutes, seconds absent. */
    private static ClockifyValues.Tracked tracked(String parts) {
        String[] p = parts.split(":");
        return new ClockifyValues.Tracked(p[0].equals("-") ? null : p[0], p[1].equals("-") ? null : p[1],
                p[2].equals("-") ? null : p[2]);
    }

    @Test
    void clockifyMessagesInBothLanguages() throws Exception {
        String ja = "clockify-discord/ja/discord.mustache";
        String en = "clockify-discord/en/discord.mustache";
        assertEquals("Taro が Acme - Web Fix を開始しました.", render(ja, clockify(true, "Acme - Web Fix", null)));
        assertEquals("Taro がタイマーを開始しました.", render(ja, clockify(true, "", null)));
        assertEquals("Taro started a timer.", render(en, clockify(true, "", null)));
        assertEquals("Taro が Fix を終了しました. お疲れ様でした. (1時間23分)", render(ja, clockify(false, "Fix", "1:23:-")));
        assertEquals("Taro がタイマーを終了しました. お疲れ様でした. (2時間)", render(ja, clockify(false, "", "2:-:-")));
        assertEquals("Taro が Fix を終了しました. お疲れ様でした. (25時間1分)", render(ja, clockify(false, "Fix", "25:1:-")));
        assertEquals("Taro が Fix を終了しました. お疲れ様でした. (42秒)", render(ja, clockify(false, "Fix", "-:-:42")));
        assertEquals("Taro が Fix を終了しました. お疲れ様でした.", render(ja, clockify(false, "Fix", null)));
        assertEquals("Taro stopped Fix. Good work. (1h 23m)", render(en, clockify(false, "Fix", "1:23:-")));
        assertEquals("Taro stopped a timer. Good work. (7m)", render(en, clockify(false, "", "-:7:-")));
        assertEquals("Taro stopped Fix. Good work. (0s)", render(en, clockify(false, "Fix", "-:-:0")));
        assertEquals("Taro stopped a timer. Good work.", render(en, clockify(false, "", null)));
    }

    @Test
    void valuesAreWrittenAsTheyAreForTheChannelToEscape() throws Exception {
        assertEquals("<b>&amp;</b> started \"x\" & {{y}}.",
                render("clockify-discord/en/discord.mustache", new ClockifyValues("<b>&amp;</b>", "\"x\" & {{y}}",
                        true, false, null)));
    }

    @Test
    void kpiMessagesInBothLanguages() throws Exception {
        assertEquals("Current paid users: *123* :exclamation:\n"
                + "*27* to go to this month's goal (150) :upside_down_face:\n"
                + ":chart_with_upwards_trend: 82%",
                render("kpi-progress/en/slack.mustache", new KpiValues("paid users", "", "123", "150", "27", "82", false)));
        assertEquals("Current paid users: *151* :exclamation:\n"
                + "This month's goal (150) is reached :tada:\n"
                + ":chart_with_upwards_trend: 101%",
                render("kpi-progress/en/slack.mustache", new KpiValues("paid users", "", "151", "150", "-1", "101", true)));
        assertEquals("今の有料ユーザー数は *151人* :exclamation:\n今月の目標(150人)を達成しました :tada:\n"
                + ":chart_with_upwards_trend: 101%",
                render("kpi-progress/ja/slack.mustache", new KpiValues("有料ユーザー数", "人", "151", "150", "-1", "101", true)));
    }

    @Test
    void issueIndexListsEveryPriorityAndTheUnknownOnes() throws Exception {
        IssueIndexValues values = new IssueIndexValues("customer", "37", false, false, true, false, "3",
                List.of(new IssueIndexValues.Priority("Urgent", "2", "10"), new IssueIndexValues.Priority("High", "3", "5"),
                        new IssueIndexValues.Priority("Normal", "0", "2"), new IssueIndexValues.Priority("Low", "0", "1")),
                new IssueIndexValues.Unknown("1", List.of(new IssueIndexValues.Item(null, true, "2", false),
                        new IssueIndexValues.Item("Critical", false, "1", true))));

        assertEquals("*customer* issue index: *37* (↓3 since last time)\n"
                + "Urgent: 2 × 10\nHigh: 3 × 5\nNormal: 0 × 2\nLow: 0 × 1\n"
                + "Unset or unknown priority (weight 1): (unset) 2, Critical 1",
                render("issue-index/en/google-chat.mustache", values));
        assertEquals("*customer* の課題指数: *37* (前回から ↓3)\n"
                + "Urgent: 2件 × 10\nHigh: 3件 × 5\nNormal: 0件 × 2\nLow: 0件 × 1\n"
                + "優先度が未設定・不明 (重み 1): (未設定) 2件, Critical 1件",
                render("issue-index/ja/google-chat.mustache", values));
    }

    @Test
    void everyShippedTemplatePassesTheStartUpCheck() throws Exception {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> templates = files.filter(f -> f.toString().endsWith(".mustache")).toList();
            assertEquals(2 * (1 + 1 + 1 + 4 + 6 + 1) + 2, templates.size(), templates.toString());
            for (Path template : templates) {
                assertEquals(List.of(), TemplateCheck.check("file:" + template, TEMPLATES), template.toString());
            }
        }
    }

    @Test
    void everyTemplateHasItsCounterpartInTheOtherLanguage() throws Exception {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            files.filter(f -> f.toString().endsWith(".mustache") && f.getParent().getFileName().toString().equals("ja"))
                    .forEach(ja -> assertTrue(Files.exists(ja.getParent().resolveSibling("en").resolve(ja.getFileName())),
                            ja + " has no English counterpart"));
        }
    }

    @Test
    void everyTemplateValueIsDocumentedInTheReadme() throws Exception {
        String wording = Files.readString(Path.of("docs/wording.md"), StandardCharsets.UTF_8);
        String table = wording.substring(wording.indexOf("## Template values"));
        for (var flow : TemplateValues.all().entrySet()) {
            assertTrue(table.contains("| `" + flow.getKey() + "` |"), flow.getKey() + " has no rows");
            documented(flow.getValue(), table);
        }
    }

    private static void documented(Class<?> values, String table) {
        for (RecordComponent component : values.getRecordComponents()) {
            assertTrue(table.contains("`" + component.getName() + "`"), component.getName() + " of "
                    + values.getSimpleName() + " is not in the README's template values");
            java.lang.reflect.Type type = component.getGenericType();
            if (type instanceof ParameterizedType list) {
                type = list.getActualTypeArguments()[0];
            }
            if (type instanceof Class<?> nested && nested.isRecord()) {
                documented(nested, table);
            }
        }
    }

    /**
     * Japanese throughout: every UiPath template in ja/, rendered with every value present (each one "〇"), has no
     * English word left that is not a value (a URL a value begins, as the Orchestrator link's /jobs, counts as one).
     */
    @Test
    void theJapaneseUiPathTemplatesHaveNoEnglishLabel() throws Exception {
        dev.shirase.uipath.UiPathValues values = new dev.shirase.uipath.UiPathValues("〇", "〇", "〇", "〇", "〇", true,
                true, true, "〇", "〇", true, "〇", "〇", "〇", "〇", "〇", "〇",
                List.of(new dev.shirase.uipath.UiPathValues.Field("〇", "〇")));
        try (Stream<Path> files = Files.list(TEMPLATES.resolve("uipath-jobs/ja"))) {
            for (Path template : files.sorted().toList()) {
                String rendered = render("uipath-jobs/ja/" + template.getFileName(), values);
                String labels = rendered.replaceAll("〇\\S*", "");
                assertFalse(labels.matches("(?s).*[A-Za-z].*"), template + " has English in it: " + rendered);
            }
        }
    }
}

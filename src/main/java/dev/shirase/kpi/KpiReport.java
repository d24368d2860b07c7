package dev.shirase.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.Settings;
import dev.shirase.Wording;
import dev.shirase.digest.Numbers;
import dev.shirase.digest.Skipped;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Writes the KPI progress message from this month's goal (a field of the kintone record) and the actual value.
 * Reads the instance's wording settings under its prefix: label, unit, language, time-zone and
 * kintone.goal-field-prefix.
 */
public class KpiReport {

    /** Exchange properties the route fills before calling {@link #compose}. */
    public static final String SETTINGS = "kpiSettings";
    public static final String RECORD = "kpiRecord";
    public static final String ACTUAL = "kpiActual";

    private static final ObjectMapper JSON = new ObjectMapper();

    public String compose(Exchange exchange) {
        String prefix = exchange.getProperty(SETTINGS, String.class);
        PropertiesComponent settings = exchange.getContext().getPropertiesComponent();
        ZoneId zone = ZoneId.of(setting(settings, prefix, "time-zone", "Asia/Tokyo"));
        String goalField = setting(settings, prefix, "kintone.goal-field-prefix", "人数_") + LocalDate.now(zone)
                .getMonthValue();

        BigDecimal goal = Numbers.parse(goal(exchange.getProperty(RECORD, String.class), goalField),
                "this month's goal (kintone field " + goalField + ")");
        BigDecimal actual = Numbers.parse(exchange.getProperty(ACTUAL), "the actual value");
        int decimals = Integer.parseInt(setting(settings, prefix, "decimals", "0"));
        return message(KpiProgress.of(actual, goal), Wording.of(setting(settings, prefix, "language", "ja")),
                setting(settings, prefix, "label", ""), setting(settings, prefix, "unit", ""), decimals);
    }

    /** Numbers are shown with at most {@code decimals} decimals, rounded half up: whole numbers by default. */
    static String message(KpiProgress progress, Wording wording, String label, String unit, int decimals) {
        Map<String, Object> values = Map.of(
                "label", label,
                "unit", unit,
                "actual", Numbers.show(progress.actual(), decimals),
                "goal", Numbers.show(progress.goal(), decimals),
                "remaining", Numbers.show(progress.remaining(), decimals),
                "progress", progress.percent());
        return String.join("\n",
                wording.format("kpi.actual", values),
                wording.format(progress.reached() ? "kpi.reached" : "kpi.remaining", values),
                wording.format("kpi.progress", values));
    }

    /** The value of a field of kintone's {"record": {"field": {"type", "value"}}}, or null when absent. */
    static Object goal(String recordJson, String field) {
        JsonNode value;
        try {
            value = JSON.readTree(recordJson == null ? "" : recordJson).path("record").path(field).path("value");
        } catch (Exception e) {
            throw new Skipped("kintone answered something that is not a record");
        }
        if (value.isMissingNode()) {
            throw new Skipped("the kintone record has no field " + field);
        }
        return value.isNull() ? null : value.asText();
    }

    private static String setting(PropertiesComponent settings, String prefix, String key, String fallback) {
        return Settings.get(settings, prefix + "." + key, fallback);
    }
}

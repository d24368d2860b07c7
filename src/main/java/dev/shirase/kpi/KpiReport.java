package dev.shirase.kpi;

import dev.shirase.seam.Seam;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.settings.Settings;
import dev.shirase.scheduled.Numbers;
import dev.shirase.scheduled.Skipped;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The values of the KPI progress message (templates/kpi-progress/) from this month's goal (a field of the kintone
 * record) and the actual value. Reads the instance's settings under its prefix: label, unit, decimals, time-zone
 * and kintone.goal-field-prefix.
 */
public class KpiReport {

    /** Exchange properties the route fills before calling {@link #compose}. */
    public static final String SETTINGS = Seam.KPI_SETTINGS;
    public static final String RECORD = Seam.KPI_RECORD;
    public static final String ACTUAL = Seam.KPI_ACTUAL;

    private static final ObjectMapper JSON = new ObjectMapper();

    public KpiValues compose(Exchange exchange) {
        String prefix = exchange.getProperty(SETTINGS, String.class);
        PropertiesComponent settings = exchange.getContext().getPropertiesComponent();
        ZoneId zone = ZoneId.of(setting(settings, prefix, "time-zone", "Asia/Tokyo"));
        String goalField = setting(settings, prefix, "kintone.goal-field-prefix", "人数_") + LocalDate.now(zone)
                .getMonthValue();

        BigDecimal goal = Numbers.parse(goal(exchange.getProperty(RECORD, String.class), goalField),
                "this month's goal (kintone field " + goalField + ")");
        BigDecimal actual = Numbers.parse(exchange.getProperty(ACTUAL), "the actual value");
        int decimals = Integer.parseInt(setting(settings, prefix, "decimals", "0"));
        return values(KpiProgress.of(actual, goal), setting(settings, prefix, "label", ""),
                setting(settings, prefix, "unit", ""), decimals);
    }

    /** Numbers are shown with at most {@code decimals} decimals, rounded half up: whole numbers by default. */
    static KpiValues values(KpiProgress progress, String label, String unit, int decimals) {
        return new KpiValues(label, unit, Numbers.show(progress.actual(), decimals),
                Numbers.show(progress.goal(), decimals), Numbers.show(progress.remaining(), decimals),
                String.valueOf(progress.percent()), progress.reached());
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

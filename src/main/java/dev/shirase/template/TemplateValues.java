package dev.shirase.template;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.shirase.alert.AlertValues;
import dev.shirase.channel.PayloadValues;
import dev.shirase.clockify.ClockifyValues;
import dev.shirase.issueindex.IssueIndexValues;
import dev.shirase.kpi.KpiValues;
import dev.shirase.ops.OpsValues;
import dev.shirase.uipath.UiPathValues;

/**
 * The values each flow's templates may use, by the flow's folder under {@code templates/}: each is a record
 * whose components are the names (documented in docs/wording.md).
 */
public final class TemplateValues {

    private static final Map<String, Class<? extends Record>> BY_FLOW = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "clockify-discord", ClockifyValues.class,
            "kpi-progress", KpiValues.class,
            "issue-index", IssueIndexValues.class,
            "uipath-jobs", UiPathValues.class,
            "alert-call", AlertValues.class,
            "channels", PayloadValues.class,
            "ops", OpsValues.class)));

    private TemplateValues() {
    }

    static Class<? extends Record> of(String flow) {
        return BY_FLOW.get(flow);
    }

    /** Each flow's values record, by its folder. */
    public static Map<String, Class<? extends Record>> all() {
        return BY_FLOW;
    }

    static Set<String> flows() {
        return BY_FLOW.keySet();
    }
}

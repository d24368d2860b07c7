package dev.shirase.ops;

import dev.shirase.settings.Settings;
import dev.shirase.settings.SettingsFunction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code {{configured:<flow>:<key>,<key>...}}} placeholder: "true" when every key has a value (a key
 * ending in {@code -url} must also be an http(s) URL), else "false" and one log line naming what is missing. A key
 * written {@code ?key} is a switch: while it is unset the flow is simply off (no log line, no ops notice; the console
 * still says why), as a UiPath channel without a poll schedule of its own.
 * Routes use it as {@code autoStartup}, so a flow without its settings does not start its trigger while the
 * rest of the runtime runs.
 */
public class RequiredSettings extends SettingsFunction {

    private static final Logger LOG = LoggerFactory.getLogger(RequiredSettings.class);

    /** Why each flow that is not started is not, by the name its route gives ({@code configured:<flow>:...}). */
    private static final java.util.Map<String, String> NOT_STARTED = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "configured";
    }

    @Override
    public String apply(String remainder) {
        int colon = remainder.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("use {{configured:<flow>:<key>,<key>...}}, got: " + remainder);
        }
        String flow = remainder.substring(0, colon);
        String keys = remainder.substring(colon + 1);
        for (String key : keys.split(",")) {
            if (key.strip().startsWith("?") && Settings.problem(settings(), key.strip().substring(1)) != null) {
                NOT_STARTED.put(flow, "off: " + key.strip().substring(1) + " is not set");
                SWITCHED_OFF.add(flow);
                return "false";
            }
        }
        keys = keys.replace("?", "");
        List<String> problems = Settings.problems(settings(), keys);
        if (problems.isEmpty()) {
            NOT_STARTED.remove(flow);
            SWITCHED_OFF.remove(flow);
            return "true";
        }
        SWITCHED_OFF.remove(flow);
        NOT_STARTED.put(flow, String.join("; ", problems));
        if (problems.size() < keys.split(",").length) {
            MEANT_TO_RUN.add(flow); // some of its settings are set: the ops chat hears of it (an unused flow is quiet)
        }
        return "false";
    }

    /** Flows whose switch is off: not started, and nothing to say about it at start. */
    private static final Set<String> SWITCHED_OFF = ConcurrentHashMap.newKeySet();

    /** Flows with some of their settings set, by the name their route gives: meant to run. */
    private static final Set<String> MEANT_TO_RUN = ConcurrentHashMap.newKeySet();

    /**
     * Once the routes are built: one line for each flow that is not started, by its route's id (the name the
     * console, the admin API and the metrics use), and an ops notice for one that is half configured.
     */
    public static void report(org.apache.camel.CamelContext context) {
        for (org.apache.camel.model.RouteDefinition route
                : ((org.apache.camel.model.ModelCamelContext) context).getRouteDefinitions()) {
            String flow = flowOf(route);
            String why = whyNotStarted(flow);
            if (why == null || SWITCHED_OFF.contains(flow)) {
                continue;
            }
            LOG.warn("Flow {} is not started: {}", route.getRouteId(), why);
            if (MEANT_TO_RUN.contains(flow)) {
                OpsNotices.report(context, OpsValues.flow(route.getRouteId(), why));
            }
        }
    }

    /**
     * The name a route's {@code {{configured:<flow>:...}}} gave its flow: the route's own id, or the settings prefix
     * of the template it was made from (kpi for kpi-paid-users); null when neither was refused a start.
     */
    public static String flowOf(org.apache.camel.model.RouteDefinition route) {
        if (route == null) {
            return null;
        }
        if (route.getRouteId() != null && NOT_STARTED.containsKey(route.getRouteId())) {
            return route.getRouteId();
        }
        return Settings.prefixOf(route);
    }

    /** Whether the flow of this name is off on purpose: its switch ({@code ?key}) is unset. */
    public static boolean switchedOff(String flow) {
        return flow != null && SWITCHED_OFF.contains(flow);
    }

    /** Why the flow of this name is not started (missing or malformed settings), or null. */
    public static String whyNotStarted(String flow) {
        return flow == null ? null : NOT_STARTED.get(flow);
    }

    static String envName(String key) {
        return Settings.envName(key);
    }
}

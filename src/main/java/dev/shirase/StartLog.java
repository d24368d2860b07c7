package dev.shirase;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.shirase.check.Keys;
import dev.shirase.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the start says: the ready line, and the environment variables that would change nothing without a word. */
final class StartLog {

    private static final Logger LOG = LoggerFactory.getLogger(StartLog.class);

    private StartLog() {
    }

    /**
     * The start in one line: where it listens (the address it is bound to), how long it took, and which flows run
     * (their webhook or schedule routes); a flow that does not run said why in its own line above.
     */
    static String readyLine(CamelContext context) {
        PropertiesComponent p = context.getPropertiesComponent();
        List<String> running = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            String id = route.getRouteId();
            // a webhook or a schedule; of the alert call's routes, the alert and the heartbeat watch (its callbacks,
            // ack and resolve serve calls and people, not a flow)
            boolean entry = uri.startsWith("quartz:") || id.equals("alert-heartbeat-watch")
                    || uri.startsWith("platform-http:") && !id.startsWith("admin") && !id.startsWith("alert-");
            if (entry) {
                (context.getRouteController().getRouteStatus(id).isStarted() ? running : off).add(id);
            }
        }
        Collections.sort(running);
        Collections.sort(off);
        String admin = Settings.get(p, "shirase.admin.port", "");
        return "Shirase " + Shirase.version() + " ready on " + Settings.get(p, "camel.server.host", "0.0.0.0") + ":"
                + Settings.get(p, "camel.server.port", "8080") + (admin.isBlank() ? "" : " (admin port " + admin + ")")
                + " in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms; running: "
                + (running.isEmpty() ? "none" : String.join(", ", running))
                + (off.isEmpty() ? "" : "; not running: " + String.join(", ", off));
    }

    /**
     * An environment variable that looks like a Shirase setting but sets none (a typo, a team or KPI that does not
     * exist) would change nothing without a word: one line each, as bin/shirase check says it.
     */
    static void warnOfUnmatchedVariables(CamelContext context, Map<String, String> env) {
        Set<String> keys = new TreeSet<>(Keys.shipped());
        keys.addAll(context.getPropertiesComponent().loadProperties().stringPropertyNames());
        Set<String> prefixes = new TreeSet<>();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            String prefix = Settings.prefixOf(route);
            if (prefix != null) {
                prefixes.add(prefix);
            }
        }
        Keys.unmatchedVariables(env, keys, prefixes).forEach(line -> LOG.warn("{}", line));
    }

    /** Settings whose wording moved to templates/: a value still set for them would be ignored without a word. */
    static void warnOfRetiredWordingVariables(Map<String, String> env) {
        Map.of("ALERT_SAY_PREFIX", "announcement", "ALERT_JOIN_PROMPT", "join-prompt",
                "ALERT_GOODBYE", "goodbye").forEach((name, template) -> {
                    if (env.containsKey(name)) {
                        LOG.warn("Environment variable {} is ignored: what the alert call says is in"
                                + " templates/alert-call/<alert.language>/{}.mustache", name, template);
                    }
                });
    }

    /**
     * Camel's main skips CAMEL_ environment variables ending in _PORT (Kubernetes injects such variables for every
     * service), so CAMEL_SERVER_PORT would be ignored without a word: say so, and which variable sets the port.
     * Shirase's own keys are read through the properties component, which does take SHIRASE_ADMIN_PORT and
     * SHIRASE_MAIL_PORT: no warning for those.
     */
    static void warnOfIgnoredPortVariables(Map<String, String> env) {
        env.keySet().stream().filter(name -> name.startsWith("CAMEL_")
                && (name.endsWith("_PORT") || name.contains("_PORT_"))).sorted().forEach(name -> LOG.warn(
                        "Environment variable {} is ignored (Camel skips variables ending in _PORT); the HTTP port"
                                + " is set by PORT, or camel.server.port in application.properties", name));
    }
}

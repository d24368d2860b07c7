package dev.shirase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.CamelContextHelper;

/**
 * A route that will not start (its {@code autoStartup} is false: a flow without its settings, a UiPath channel
 * without a poll of its own) is built as its trigger alone: its id, group, description, settings and endpoint stay,
 * so the console and the admin API still say it is not configured and why, but none of its steps (nor the channels
 * they would create) are made. Set its settings and start again, and it is built whole. Installed as the model's
 * route filter before the route files are read; every route is kept, none is dropped.
 */
final class IdleRoutes implements Function<RouteDefinition, Boolean> {

    private final CamelContext context;
    private final Set<String> templates = new TreeSet<>();

    IdleRoutes(CamelContext context) {
        this.context = context;
    }

    @Override
    public Boolean apply(RouteDefinition route) {
        if (route.getAutoStartup() != null && route.getAutoStartup().contains("{{")
                && !withParameters(route, () -> CamelContextHelper.parseBoolean(context, route.getAutoStartup()))) {
            String why = "route " + route.getRouteId() + " was not built: its settings were missing at start"
                    + " (set them and start again)";
            // its templates are checked at start all the same, as if it were built (TemplateCheck)
            templates.addAll(withParameters(route, () -> templatesOf(route)));
            route.clearOutput();
            route.setRouteConfigurationId(null); // nor the steps a route configuration would add
            route.throwException(IllegalStateException.class, why);
        }
        return true;
    }

    /** The templates the routes not built would render ({@code file:templates/...}), for the start's check. */
    Set<String> templates() {
        return templates;
    }

    private Set<String> templatesOf(RouteDefinition route) {
        Set<String> found = new TreeSet<>();
        for (SendDefinition<?> send : sends(route)) {
            String uri = send.getEndpointUri();
            if (uri != null && uri.startsWith("mustache:")) {
                found.add(context.resolvePropertyPlaceholders(uri.substring("mustache:".length()).split("\\?")[0]));
            }
        }
        return found;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<SendDefinition<?>> sends(RouteDefinition route) {
        return new ArrayList<>(ProcessorDefinitionHelper.filterTypeInOutputs((List) route.getOutputs(),
                SendDefinition.class));
    }

    /** What {@code read} finds with the route's template parameters ({{settings}}) set, as the route would read it. */
    private <T> T withParameters(RouteDefinition route, Supplier<T> read) {
        PropertiesComponent settings = context.getPropertiesComponent();
        Properties before = settings.getLocalProperties();
        Map<String, Object> parameters = route.getTemplateParameters();
        if (parameters != null && !parameters.isEmpty()) {
            Properties local = new Properties();
            local.putAll(parameters);
            settings.setLocalProperties(local);
        }
        try {
            return read.get();
        } finally {
            settings.setLocalProperties(before);
        }
    }
}

package dev.shirase;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.model.RouteDefinition;
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

    IdleRoutes(CamelContext context) {
        this.context = context;
    }

    @Override
    public Boolean apply(RouteDefinition route) {
        if (route.getAutoStartup() != null && route.getAutoStartup().contains("{{") && !startsUp(route)) {
            String why = "route " + route.getRouteId() + " was not built: its settings were missing at start"
                    + " (set them and start again)";
            route.clearOutput();
            route.setRouteConfigurationId(null); // nor the steps a route configuration would add
            route.throwException(IllegalStateException.class, why);
        }
        return true;
    }

    /** Its autoStartup as the route would read it, with its template's parameters ({{settings}}). */
    private boolean startsUp(RouteDefinition route) {
        PropertiesComponent settings = context.getPropertiesComponent();
        Map<String, Object> parameters = route.getTemplateParameters();
        if (parameters != null && !parameters.isEmpty()) {
            Properties local = new Properties();
            local.putAll(parameters);
            settings.setLocalProperties(local);
        }
        try {
            return CamelContextHelper.parseBoolean(context, route.getAutoStartup());
        } finally {
            settings.setLocalProperties(null);
        }
    }
}

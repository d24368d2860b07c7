package dev.shirase.delivery;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * What a channel's send route ({@code direct:<channel>-send}, routes/channels.camel.yaml) declares about its
 * service, as parameters of its http-delivery templatedRoute: how its target is built from the destination's
 * settings ({@link Targets}), the token sent in a header, and whether a read timeout may be tried again (not where
 * a repeated request opens a second record). A send route that is not an http-delivery (email, a kept event) has
 * the defaults: the destination setting's value, no token, retried.
 */
public record SendRoute(String target, String token, boolean retryReadTimeout) {

    static final SendRoute DEFAULT = new SendRoute("{}", "", true);

    static SendRoute of(CamelContext context, String channel) {
        RouteDefinition route = ((ModelCamelContext) context).getRouteDefinition(channel + "-send");
        Map<String, Object> parameters = route == null ? null : route.getTemplateParameters();
        if (parameters == null) {
            return DEFAULT;
        }
        return new SendRoute(text(parameters, "target", DEFAULT.target()), text(parameters, "target-token", ""),
                Boolean.parseBoolean(text(parameters, "retry-read-timeout", "true")));
    }

    private static String text(Map<String, Object> parameters, String name, String fallback) {
        Object value = parameters.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }
}

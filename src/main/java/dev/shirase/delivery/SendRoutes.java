package dev.shirase.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * Each channel's send route ({@link SendRoute}, its {@code direct:<channel>-send} endpoint) and each destination's
 * target, looked up once: settings do not change while running.
 */
final class SendRoutes {

    private final CamelContext context;
    private final Map<String, Targets.Target> targets = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, SendRoute> routes = new ConcurrentHashMap<>();

    SendRoutes(CamelContext context) {
        this.context = context;
    }

    /** Where a message goes; {@link Targets.Unset} while a setting it needs is empty. */
    Targets.Target target(Outbox.Claimed message) {
        return targets.computeIfAbsent(message.channel() + "\n" + message.destination(), lane -> Targets.resolve(
                route(message.channel()), message.channel(), message.destination(), context.getPropertiesComponent()));
    }

    SendRoute route(String channel) {
        return routes.computeIfAbsent(channel, c -> SendRoute.of(context, c));
    }

    Endpoint endpoint(String channel) {
        return endpoints.computeIfAbsent(channel, c -> context.getEndpoint("direct:" + c + "-send"));
    }
}

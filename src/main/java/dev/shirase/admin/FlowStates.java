package dev.shirase.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.shirase.alert.AlertHeartbeat;
import dev.shirase.ops.RequiredSettings;
import dev.shirase.webhook.RefusesAll;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/**
 * The true state of one entry route (a webhook or a schedule): running; refusing every request, and why (a step in
 * front of it says so: {@link RefusesAll}); not configured, and which settings are missing; or paused (stopped by
 * hand).
 */
final class FlowStates {

    static final String RUNNING = "running";
    static final String REFUSING = "refusing";
    static final String NOT_CONFIGURED = "not configured";
    static final String PAUSED = "paused";
    /** Off on purpose, its switch unset (a UiPath channel without a poll of its own): nothing to show. */
    static final String OFF = "off";

    /** A route's state, and why when it is not running. */
    record State(String state, String why) {
    }

    private FlowStates() {
    }

    static State of(CamelContext context, Route route) {
        String id = route.getRouteId();
        RouteDefinition definition = ((ModelCamelContext) context).getRouteDefinition(id);
        if (!context.getRouteController().getRouteStatus(id).isStarted()) {
            String flow = definition == null ? id : RequiredSettings.flowOf(definition);
            String missing = RequiredSettings.whyNotStarted(flow);
            return RequiredSettings.switchedOff(flow) ? new State(OFF, missing)
                    : missing != null ? new State(NOT_CONFIGURED, missing) : new State(PAUSED, "stopped");
        }
        String refusal = definition == null ? null : refusal(context, definition);
        return refusal != null ? new State(REFUSING, refusal) : new State(RUNNING, null);
    }

    /** The settings a route that is not started lacks, by its own name or its template's settings prefix; or null. */
    static String missingSettings(CamelContext context, String routeId) {
        RouteDefinition definition = ((ModelCamelContext) context).getRouteDefinition(routeId);
        return RequiredSettings.whyNotStarted(definition == null ? routeId : RequiredSettings.flowOf(definition));
    }

    /** A scheduled route's Quartz trigger, or null while it has none (its route is not started). */
    static Trigger trigger(CamelContext context, QuartzEndpoint quartz) throws SchedulerException {
        return context.getComponent("quartz", QuartzComponent.class).getScheduler().getTrigger(quartz.getTriggerKey());
    }

    /** The alert call's heartbeat (when it last came, by when the next is due), or null while none is expected. */
    static Map<String, Object> heartbeat(CamelContext context) {
        AlertHeartbeat heartbeat = context.getRegistry().lookupByNameAndType("alertHeartbeat", AlertHeartbeat.class);
        Map<String, Object> status = heartbeat == null ? null : heartbeat.status();
        return status != null && status.get("every") != null ? status : null;
    }

    /** The first step of the route (a process or bean by name) that refuses every request, and why. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String refusal(CamelContext context, RouteDefinition route) {
        List<String> refs = new ArrayList<>();
        for (Object step : ProcessorDefinitionHelper.filterTypeInOutputs((List) route.getOutputs(),
                ProcessorDefinition.class)) {
            if (step instanceof ProcessDefinition process && process.getRef() != null) {
                refs.add(process.getRef());
            } else if (step instanceof BeanDefinition bean && bean.getRef() != null) {
                refs.add(bean.getRef());
            }
        }
        for (String ref : refs) {
            Object bean = context.getRegistry().lookupByName(ref);
            if (bean instanceof RefusesAll guard && guard.refusesAll() != null) {
                return guard.refusesAll();
            }
        }
        return null;
    }
}

package dev.shirase.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.shirase.delivery.OutboxRecords;
import dev.shirase.scheduled.RunRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * {@code GET /admin/overview}: the flows as a person on call thinks of them (a route file's {@code group}, not its
 * routes), each with its true state ({@link FlowStates}), its schedules (last and next run, the last run's result,
 * a missed run), the alert call's heartbeat, and its last 24 hours: messages accepted, sent, pending, retrying and
 * dead, by hour, with the newest error in words. Flows that need a look (a dead message, a missed run) come first.
 */
public class FlowsOverview {

    private static final long HOUR = 3_600_000;
    private static final List<String> ORDER = List.of("clockify-discord", "kpi-progress", "issue-index", "alert-call",
            "uipath-jobs");
    private static final List<String> OUTCOMES = List.of("sent", "pending", "retrying", "dead");

    private final OutboxRecords outbox;
    private final ZoneId zone;

    public FlowsOverview(OutboxRecords outbox, ZoneId zone) {
        this.outbox = outbox;
        this.zone = zone;
    }

    public void overview(Exchange exchange) throws Exception {
        CamelContext context = exchange.getContext();
        long now = System.currentTimeMillis();
        long firstHour = now / HOUR - 23;
        Map<String, List<Route>> entries = new TreeMap<>();
        Map<String, String> flowOfRoute = new LinkedHashMap<>();
        for (Route route : context.getRoutes()) {
            String flow = route.getGroup() != null ? route.getGroup() : route.getRouteId();
            flowOfRoute.put(route.getRouteId(), flow);
            String uri = route.getEndpoint().getEndpointUri();
            if ((uri.startsWith("platform-http:") || uri.startsWith("quartz:")) && !route.getRouteId().startsWith("admin")) {
                entries.computeIfAbsent(flow, f -> new ArrayList<>()).add(route);
            }
        }
        Map<String, Map<String, Object>> flows = new LinkedHashMap<>();
        for (Map.Entry<String, List<Route>> flow : entries.entrySet()) {
            flows.put(flow.getKey(), flow(context, flow.getKey(), flow.getValue(), firstHour, now));
        }
        for (OutboxRecords.HourCount count : outbox.hourly(firstHour * HOUR)) {
            Map<String, Object> flow = flows.get(flowOfRoute.getOrDefault(count.flow(), count.flow()));
            if (flow != null) {
                add(flow, count, firstHour);
            }
        }
        outbox.lastErrors(firstHour * HOUR).forEach((routeId, error) -> {
            Map<String, Object> flow = flows.get(flowOfRoute.getOrDefault(routeId, routeId));
            if (flow != null && flow.get("lastError") == null) {
                flow.put("lastError", error);
            }
        });
        List<Map<String, Object>> listed = new ArrayList<>(flows.values());
        for (Map<String, Object> flow : listed) {
            @SuppressWarnings("unchecked")
            Map<String, Long> counts = (Map<String, Long>) flow.get("counts");
            flow.put("attention", (Boolean) flow.get("attention") || counts.get("dead") > 0); // a missed run, or dead
        }
        listed.sort(Comparator.comparing((Map<String, Object> f) -> !(Boolean) f.get("attention"))
                .thenComparing(f -> ORDER.contains(f.get("flow")) ? ORDER.indexOf(f.get("flow")) : ORDER.size())
                .thenComparing(f -> (String) f.get("flow")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeZone", zone.getId());
        body.put("since", Instant.ofEpochMilli(firstHour * HOUR).toString());
        body.put("flows", listed);
        reply(exchange, 200, body);
    }

    private Map<String, Object> flow(CamelContext context, String name, List<Route> routes, long firstHour, long now)
            throws Exception {
        routes.sort(Comparator.comparing(Route::getRouteId));
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("flow", name);
        List<FlowStates.State> states = new ArrayList<>();
        List<Map<String, Object>> schedules = new ArrayList<>();
        boolean webhook = false;
        boolean missed = false;
        for (Route route : routes) {
            FlowStates.State state = FlowStates.of(context, route);
            if (FlowStates.OFF.equals(state.state())) {
                continue; // switched off on purpose (a UiPath channel without a poll of its own): nothing to see
            }
            states.add(state);
            if (route.getEndpoint() instanceof QuartzEndpoint quartz) {
                Map<String, Object> schedule = schedule(context, route, quartz, state);
                missed |= schedule.containsKey("missed") && Instant.parse((String) schedule.get("missed"))
                        .toEpochMilli() >= firstHour * HOUR;
                schedules.add(schedule);
            } else {
                webhook = true;
            }
        }
        FlowStates.State state = summary(states);
        flow.put("state", state.state());
        flow.put("why", state.why());
        flow.put("kind", webhook && !schedules.isEmpty() ? "webhook and scheduled" : webhook ? "webhook" : "scheduled");
        flow.put("routes", routes.stream().map(Route::getRouteId).toList());
        flow.put("schedules", schedules);
        Map<String, Object> heartbeat = name.equals("alert-call") ? FlowStates.heartbeat(context) : null;
        if (heartbeat != null) {
            flow.put("heartbeat", heartbeat);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("accepted", 0L);
        OUTCOMES.forEach(outcome -> counts.put(outcome, 0L));
        flow.put("counts", counts);
        flow.put("lastError", null);
        List<Map<String, Object>> hours = new ArrayList<>();
        for (long hour = firstHour; hour <= now / HOUR; hour++) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("hour", Instant.ofEpochMilli(hour * HOUR).toString());
            OUTCOMES.forEach(outcome -> bar.put(outcome, 0L));
            hours.add(bar);
        }
        flow.put("hours", hours);
        flow.put("attention", missed); // and, once the counts are in, a dead message
        return flow;
    }

    /** The flow's state from its entries': refusing wins, then running, then not configured, then paused. */
    private static FlowStates.State summary(List<FlowStates.State> states) {
        for (String wanted : List.of(FlowStates.REFUSING, FlowStates.RUNNING, FlowStates.NOT_CONFIGURED)) {
            for (FlowStates.State state : states) {
                if (state.state().equals(wanted)) {
                    return state;
                }
            }
        }
        return states.isEmpty() ? new FlowStates.State(FlowStates.PAUSED, null) : states.get(0);
    }

    private static Map<String, Object> schedule(CamelContext context, Route route, QuartzEndpoint quartz,
            FlowStates.State state) throws Exception {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("routeId", route.getRouteId());
        schedule.put("state", state.state());
        schedule.put("why", state.why());
        TriggerKey key = quartz.getTriggerKey();
        if (FlowStates.RUNNING.equals(state.state())) {
            Trigger trigger = FlowStates.trigger(context, quartz);
            if (trigger != null && trigger.getNextFireTime() != null) {
                schedule.put("nextRun", trigger.getNextFireTime().toInstant().toString());
            }
        }
        RunRecord.lastRun(context, route.getRouteId()).ifPresent(run -> {
            schedule.put("lastRun", Instant.ofEpochMilli(run.at()).toString());
            schedule.put("lastResult", run.outcome());
            schedule.put("lastReason", run.reason());
        });
        RunRecord.lastMissed(context, key.getGroup() + "/" + key.getName())
                .ifPresent(missed -> schedule.put("missed", Instant.ofEpochMilli(missed.at()).toString()));
        return schedule;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> flow, OutboxRecords.HourCount count, long firstHour) {
        Map<String, Long> counts = (Map<String, Long>) flow.get("counts");
        counts.merge("accepted", count.count(), Long::sum);
        counts.merge(count.outcome(), count.count(), Long::sum);
        List<Map<String, Object>> hours = (List<Map<String, Object>>) flow.get("hours");
        int index = (int) (count.hour() - firstHour);
        if (index >= 0 && index < hours.size()) {
            hours.get(index).merge(count.outcome(), count.count(), (a, b) -> (Long) a + (Long) b);
        }
    }
}

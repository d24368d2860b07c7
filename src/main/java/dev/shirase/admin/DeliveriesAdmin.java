package dev.shirase.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.shirase.delivery.Outbox;
import dev.shirase.delivery.OutboxRecords;
import dev.shirase.webhook.QueryNumber;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * The admin API over the outbox: list deliveries, replay one, replay many. Shows the setting a message goes
 * to, never the target (webhook URL, token) itself.
 */
public class DeliveriesAdmin {

    private static final Set<String> STATUSES = Set.of(Outbox.PENDING, Outbox.SENT, Outbox.DEAD);
    private static final int MAX_PAGE_SIZE = 500;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final OutboxRecords outbox;
    private final Runnable wakeDispatcher;
    private final ZoneId zone;

    public DeliveriesAdmin(OutboxRecords outbox, Runnable wakeDispatcher, ZoneId zone) {
        this.outbox = outbox;
        this.wakeDispatcher = wakeDispatcher;
        this.zone = zone;
    }

    /** GET /admin/deliveries?status=&flow=&channel=&since=&until=&page=&size= : newest first. */
    public void list(Exchange exchange) {
        Message in = exchange.getMessage();
        String status = status(in.getHeader("status", String.class), false);
        String flow = text(in, "flow");
        String channel = text(in, "channel");
        String since = text(in, "since");
        String until = text(in, "until");
        int page = QueryNumber.of(in, "page", 0, Integer.MAX_VALUE, 0);
        int size = QueryNumber.of(in, "size", 1, MAX_PAGE_SIZE, 50);
        OutboxRecords.Filter filter = new OutboxRecords.Filter(status, flow, channel, since == null ? null : instant("since", since),
                until == null ? null : instant("until", until));
        List<Map<String, Object>> deliveries = outbox.list(filter, page, size).stream().map(DeliveriesAdmin::view)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("flow", flow);
        body.put("channel", channel);
        body.put("since", since == null ? null : Instant.ofEpochMilli(filter.since()).toString());
        body.put("until", until == null ? null : Instant.ofEpochMilli(filter.until()).toString());
        body.put("page", page);
        body.put("size", size);
        body.put("deliveries", deliveries);
        reply(exchange, 200, body);
    }

    /**
     * POST /admin/deliveries/{id}/replay : a dead message goes back in line, with a fresh retry window. A sent one
     * only with {"again":true} (or ?again=true): without it, 409 saying when it was delivered.
     */
    public void replay(Exchange exchange) {
        long id;
        try {
            id = Long.parseLong(exchange.getMessage().getHeader("id", String.class));
        } catch (NumberFormatException e) {
            throw new RejectedRequest(400, "delivery id must be a number");
        }
        Long sentAt = outbox.sentAt(id);
        if (sentAt != null && !again(exchange.getMessage())) {
            throw new RejectedRequest(409, "delivery " + id + " was delivered at " + local(sentAt) + "; to send it"
                    + " again, replay it with {\"again\":true}");
        }
        if (!outbox.replay(id, System.currentTimeMillis())) {
            throw outbox.statusOf(id).isPresent()
                    ? new RejectedRequest(409, "delivery " + id + " is already pending")
                    : new RejectedRequest(404, "no delivery " + id);
        }
        wakeDispatcher.run();
        exchange.setProperty(AuditTrail.ACTION, "replay");
        exchange.setProperty(AuditTrail.DETAIL, "delivery " + id);
        exchange.setProperty(AuditTrail.COUNT, 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", Outbox.PENDING);
        reply(exchange, 200, body);
    }

    /**
     * POST /admin/deliveries/replay?status=dead&since=2024-05-21T00:00:00Z : every such message goes back in line,
     * each with a fresh retry window; status=sent also needs again=true. With dryRun=true nothing changes: the
     * answer says how many would go, by flow.
     */
    public void replayAll(Exchange exchange) {
        Message in = exchange.getMessage();
        String status = status(in.getHeader("status", Outbox.DEAD, String.class), true);
        if (Outbox.PENDING.equals(status)) {
            throw new RejectedRequest(400, "status must be dead or sent: pending deliveries are in line already");
        }
        String sinceText = text(in, "since");
        long since = sinceText == null ? 0 : instant("since", sinceText);
        if ("true".equals(text(in, "dryRun"))) {
            Map<String, Long> byFlow = outbox.countByFlow(status, since);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("since", Instant.ofEpochMilli(since).toString());
            body.put("wouldReplay", byFlow.values().stream().mapToLong(Long::longValue).sum());
            body.put("byFlow", byFlow);
            exchange.setProperty(AuditTrail.NOTHING_DONE, true); // a count, not an action: nothing to audit
            reply(exchange, 200, body);
            return;
        }
        if (Outbox.SENT.equals(status) && !again(in)) {
            throw new RejectedRequest(409, "these deliveries were delivered; to send them again, add again=true");
        }
        int replayed = outbox.replayAll(status, since, System.currentTimeMillis());
        wakeDispatcher.run();
        exchange.setProperty(AuditTrail.ACTION, "replay-all");
        exchange.setProperty(AuditTrail.DETAIL, "status=" + status + " since=" + Instant.ofEpochMilli(since));
        exchange.setProperty(AuditTrail.COUNT, replayed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("since", Instant.ofEpochMilli(since).toString());
        body.put("replayed", replayed);
        reply(exchange, 200, body);
    }

    private static Map<String, Object> view(OutboxRecords.Entry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("channel", e.channel());
        view.put("flow", e.flow());
        view.put("destinationSetting", e.destination());
        view.put("status", e.status());
        view.put("attempts", e.attempts());
        view.put("createdAt", Instant.ofEpochMilli(e.createdAt()).toString());
        view.put("nextAttemptAt", Outbox.PENDING.equals(e.status()) ? Instant.ofEpochMilli(e.nextAttemptAt()).toString()
                : null);
        view.put("sentAt", e.sentAt() == null ? null : Instant.ofEpochMilli(e.sentAt()).toString());
        view.put("lastError", e.lastError());
        view.put("text", e.summary());
        return view;
    }

    private static String status(String status, boolean required) {
        if (status == null || status.isBlank()) {
            if (required) {
                throw new RejectedRequest(400, "status is required: pending, sent or dead");
            }
            return null;
        }
        if (!STATUSES.contains(status)) {
            throw new RejectedRequest(400, "status must be pending, sent or dead");
        }
        return status;
    }


    /** {"again":true} in the body, or again=true in the query: a sent message is to be sent again. */
    private static boolean again(Message in) {
        if ("true".equals(text(in, "again"))) {
            return true;
        }
        String body = in.getBody(String.class);
        return body != null && body.replaceAll("\\s", "").contains("\"again\":true");
    }

    private String local(long millis) {
        return LOCAL.format(Instant.ofEpochMilli(millis).atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A query parameter's trimmed text, or null when absent or blank. */
    private static String text(Message in, String name) {
        String value = in.getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An instant (2024-05-21T01:00:00Z) or a date (2024-05-21, midnight UTC), or 400 naming the parameter. */
    private static long instant(String name, String value) {
        try {
            return parsed(name, value);
        } catch (java.time.DateTimeException | ArithmeticException outOfRange) {
            throw new RejectedRequest(400, name + " is out of range: an instant or date between the years 1970 and"
                    + " 9999, like 2024-05-21T01:00:00Z");
        }
    }

    private static long parsed(String name, String value) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException notDate) {
                throw new RejectedRequest(400, name + " must be an ISO-8601 instant or date, like 2024-05-21T01:00:00Z");
            }
        }
    }
}

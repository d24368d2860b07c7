package dev.shirase.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.shirase.store.Jdbc;
import dev.shirase.webhook.WebhookReply;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators did through the admin API, who (by token name), when and to how many messages: one log line and
 * one row in the store per action. An admin step names its action in {@link #ACTION} (and {@link #DETAIL},
 * {@link #COUNT}); the route then records it with {@code auditTrail.record}.
 */
public class AuditTrail {

    public static final String ACTION = "shiraseAuditAction";
    public static final String DETAIL = "shiraseAuditDetail";
    public static final String COUNT = "shiraseAuditCount";
    /** Exchange property: the request changed nothing (a dry run), so there is nothing to audit. */
    public static final String NOTHING_DONE = "shiraseAuditNothingDone";

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final Jdbc jdbc;

    public AuditTrail(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Exchange exchange) {
        if (exchange.getProperty(NOTHING_DONE, false, Boolean.class)) {
            return;
        }
        String who = exchange.getProperty(AdminAccess.WHO, "?", String.class);
        String action = exchange.getProperty(ACTION, String.class);
        if (action == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " records an audit entry without "
                    + ACTION);
        }
        String detail = exchange.getProperty(DETAIL, "", String.class);
        int count = exchange.getProperty(COUNT, 0, Integer.class);
        long now = System.currentTimeMillis();
        jdbc.update("INSERT INTO shirase_audit (at, who, action, detail, messages) VALUES (?, ?, ?, ?, ?)", now, who,
                action, detail, count);
        LOG.info("AUDIT {} by {}: {} ({} message(s))", action, who, detail, count);
    }

    /** GET /admin/audit?size= : the newest entries first. */
    public void list(Exchange exchange) {
        int size = dev.shirase.webhook.QueryNumber.of(exchange.getMessage(), "size", 1, 500, 100);
        List<Map<String, Object>> entries = jdbc.query("SELECT at, who, action, detail, messages FROM shirase_audit"
                + " ORDER BY at DESC LIMIT ?", rs -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("at", Instant.ofEpochMilli(rs.getLong(1)).toString());
                    e.put("who", rs.getString(2));
                    e.put("action", rs.getString(3));
                    e.put("detail", rs.getString(4));
                    e.put("messages", rs.getInt(5));
                    return e;
                }, size);
        WebhookReply.reply(exchange, 200, Map.of("audit", entries));
    }
}

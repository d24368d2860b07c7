package dev.shirase.delivery;

import java.util.List;

import dev.shirase.store.Jdbc;

/**
 * The outbox as operators and the flows page see it: kept messages listed and counted, a dead (or sent) one put back
 * in line, and sent ones forgotten after the retention. Never the target itself, only the setting that holds it.
 */
public class OutboxRecords {

    /** A message as the admin API shows it. */
    public record Entry(long id, String channel, String destination, String flow, String status, int attempts,
            long createdAt, long nextAttemptAt, Long sentAt, String lastError, String summary) {
    }

    private final Jdbc jdbc;

    public OutboxRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Which messages the admin API lists: each field null for "any"; created in [since, until). */
    public record Filter(String status, String flow, String channel, Long since, Long until) {
        public static Filter status(String status) {
            return new Filter(status, null, null, null, null);
        }
    }

    /** Newest first. */
    public List<Entry> list(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new java.util.ArrayList<>();
        condition(where, args, "status = ?", filter.status());
        condition(where, args, "flow = ?", filter.flow());
        condition(where, args, "channel = ?", filter.channel());
        condition(where, args, "created_at >= ?", filter.since());
        condition(where, args, "created_at < ?", filter.until());
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("SELECT id, channel, destination, flow, status, attempts, created_at, next_attempt_at,"
                + " sent_at, last_error, summary FROM shirase_outbox" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getLong(7), rs.getLong(8), Jdbc.nullableLong(rs, 9),
                        rs.getString(10), rs.getString(11)), args.toArray());
    }

    private static void condition(StringBuilder where, List<Object> args, String test, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(test);
            args.add(value);
        }
    }

    /** Puts a dead (or sent) message back in line for delivery now. */
    /** Puts a dead (or sent) message back in line for delivery now, with a fresh retry window. */
    public boolean replay(long id, long now) {
        return jdbc.update("UPDATE shirase_outbox SET status = 'pending', next_attempt_at = ?, retry_from = ?,"
                + " attempts = 0, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status <> 'pending'", now, now,
                id) == 1;
    }

    /** Every message of a status accepted since a time back in line, each with a fresh retry window. */
    public int replayAll(String status, long since, long now) {
        return jdbc.update("UPDATE shirase_outbox SET status = 'pending', next_attempt_at = ?, retry_from = ?,"
                + " attempts = 0, claimed_by = NULL, claimed_until = NULL WHERE status = ? AND created_at >= ?", now, now,
                status, since);
    }

    /** How many messages of a status accepted since a time there are, by flow: what a replay of them would send. */
    public java.util.Map<String, Long> countByFlow(String status, long since) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT flow, COUNT(*) FROM shirase_outbox WHERE status = ? AND created_at >= ? GROUP BY flow",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), status, since);
        return counts;
    }

    /** When a sent message was sent, or null. */
    public Long sentAt(long id) {
        return jdbc.query("SELECT sent_at FROM shirase_outbox WHERE id = ? AND status = 'sent'",
                rs -> Jdbc.nullableLong(rs, 1), id).stream().findFirst().orElse(null);
    }

    /** One hour's messages of one flow with one outcome: sent, dead, retrying (failed at least once) or pending. */
    public record HourCount(String flow, long hour, String outcome, long count) {
    }

    /** The messages accepted since a time, by flow, hour (epoch hours) and outcome. */
    public List<HourCount> hourly(long since) {
        return jdbc.query("SELECT flow, created_at / 3600000 AS hour, CASE WHEN status = 'pending' AND attempts > 0"
                + " THEN 'retrying' ELSE status END AS outcome, COUNT(*) FROM shirase_outbox WHERE created_at >= ?"
                // by the columns above, in order (SQLite and PostgreSQL both group by position)
                + " GROUP BY 1, 2, 3", rs -> new HourCount(rs.getString(1), rs.getLong(2), rs.getString(3),
                rs.getLong(4)), since);
    }

    /** The newest error of a message of each flow accepted since a time (dead, or failing and retried). */
    public java.util.Map<String, String> lastErrors(long since) {
        java.util.Map<String, String> errors = new java.util.HashMap<>();
        jdbc.query("SELECT flow, last_error FROM shirase_outbox WHERE id IN (SELECT MAX(id) FROM shirase_outbox"
                + " WHERE created_at >= ? AND last_error IS NOT NULL AND status <> 'sent' GROUP BY flow)",
                rs -> errors.put(rs.getString(1), rs.getString(2)), since);
        return errors;
    }

    public java.util.Optional<String> statusOf(long id) {
        return jdbc.query("SELECT status FROM shirase_outbox WHERE id = ?", rs -> rs.getString(1), id).stream()
                .findFirst();
    }

    public long count(String status) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_outbox WHERE status = ?", status);
    }

    /** When the newest message of a flow was accepted, or 0 when it has none. */
    public long lastAcceptedAt(String flow) {
        return jdbc.count("SELECT COALESCE(MAX(created_at), 0) FROM shirase_outbox WHERE flow = ?", flow);
    }

    /** Creation time of the oldest pending message, or 0 when none is pending. */
    public long oldestPendingCreatedAt() {
        return jdbc.count("SELECT COALESCE(MIN(created_at), 0) FROM shirase_outbox WHERE status = 'pending'");
    }

    public int deleteSentBefore(long before) {
        return jdbc.update("DELETE FROM shirase_outbox WHERE status = 'sent' AND sent_at < ?", before);
    }
}

package dev.shirase.alert;

import java.util.List;
import java.util.Optional;

import dev.shirase.store.Jdbc;

/** Alert incidents and their calls, in the store (status callbacks may reach any replica). */
public class Incidents {

    /**
     * An incident: its message and conference; when it was resolved, acknowledged (and by whom: a number that
     * pressed 1, or an operator), or ended unanswered after every escalation.
     */
    public record Incident(String id, String message, String conference, long createdAt, Long resolvedAt,
            Long ackedAt, String ackedBy, Long unansweredAt) {

        public Incident(String id, String message, String conference, long createdAt) {
            this(id, message, conference, createdAt, null, null, null, null);
        }

        /** Still calling: not resolved, acknowledged or given up. */
        public boolean escalating() {
            return resolvedAt == null && ackedAt == null && unansweredAt == null;
        }
    }

    /** An escalation step that is due: call the step's tier (or give up after the last). */
    public record Step(String incident, int step) {
    }

    private static final String COLUMNS = "id, message, conference, created_at, resolved_at, acked_at, acked_by,"
            + " unanswered_at";
    private static final String ENDED = "('completed', 'busy', 'no-answer', 'failed', 'canceled')";

    public record CallState(String number, int attempts, String callSid, String status, boolean answered,
            boolean joined, String error) {
    }

    private final Jdbc jdbc;

    public Incidents(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens the incident with its tiers, its first calls (tier 1) reserved in the hourly budget, and its next
     * escalation step when there is one ({@code nextStepDue} null: none), in one write.
     */
    public void create(Incident incident, String messageKey, List<List<String>> tiers, Long nextStepDue) {
        jdbc.write(c -> {
            Jdbc.execute(c, "INSERT INTO shirase_incident (id, message_key, message, conference, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", incident.id(), messageKey, incident.message(), incident.conference(),
                    incident.createdAt());
            logCalls(c, incident.id(), tiers.get(0), incident.createdAt());
            for (int tier = 1; tier <= tiers.size(); tier++) {
                Jdbc.execute(c, "INSERT INTO shirase_alert_tier (incident_id, tier, numbers) VALUES (?, ?, ?)",
                        incident.id(), tier, String.join(",", tiers.get(tier - 1)));
            }
            if (nextStepDue != null) {
                Jdbc.execute(c, "INSERT INTO shirase_alert_escalation (incident_id, step, due_at) VALUES (?, 2, ?)",
                        incident.id(), nextStepDue);
            }
            return null;
        });
    }

    /** The incident's tiers, in order. */
    public List<List<String>> tiers(String id) {
        return jdbc.query("SELECT numbers FROM shirase_alert_tier WHERE incident_id = ? ORDER BY tier",
                rs -> List.of(rs.getString(1).split(",")), id);
    }

    public void scheduleStep(String id, int step, long dueAt) {
        jdbc.insertIfAbsent("INSERT INTO shirase_alert_escalation (incident_id, step, due_at) VALUES (?, ?, ?)", id,
                step, dueAt);
    }

    /** The escalation steps now due, each claimed by this replica alone (its row deleted by this one). */
    public List<Step> claimDueSteps(long now) {
        List<Step> due = jdbc.query("SELECT incident_id, step FROM shirase_alert_escalation WHERE due_at <= ?"
                + " ORDER BY due_at", rs -> new Step(rs.getString(1), rs.getInt(2)), now);
        return due.stream().filter(s -> jdbc.update("DELETE FROM shirase_alert_escalation WHERE incident_id = ?"
                + " AND step = ?", s.incident(), s.step()) == 1).toList();
    }

    /** The first acknowledgement stops the escalation; false when it was acknowledged (or ended) already. */
    public boolean acknowledge(String id, String by, long now) {
        return jdbc.update("UPDATE shirase_incident SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL"
                + " AND resolved_at IS NULL", now, by, id) == 1;
    }

    /** Every tier was called, every cycle, and nobody pressed 1; false when it ended otherwise meanwhile. */
    public boolean markUnanswered(String id, long now) {
        return jdbc.update("UPDATE shirase_incident SET unanswered_at = ? WHERE id = ? AND acked_at IS NULL"
                + " AND resolved_at IS NULL AND unanswered_at IS NULL", now, id) == 1;
    }

    /** The calls of an incident that have not ended (ringing, or in the conference): to hang up on resolve. */
    public List<CallState> liveCalls(String id) {
        return calls(id).stream().filter(c -> c.callSid() != null && !ENDED.contains("'" + c.status() + "'")).toList();
    }

    /** The newest incident with this message created at or after {@code since}. */
    public Optional<Incident> recent(String messageKey, long since) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident"
                + " WHERE message_key = ? AND created_at >= ? ORDER BY created_at DESC", Incidents::incident, messageKey,
                since).stream().findFirst();
    }

    /** The incident of this key that is not resolved yet (a monitoring tool's alert group). */
    public Optional<Incident> open(String messageKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident"
                + " WHERE message_key = ? AND resolved_at IS NULL ORDER BY created_at DESC", Incidents::incident,
                messageKey).stream().findFirst();
    }

    /** Resolves the incident; false when it was resolved already. */
    public boolean resolve(String id, long now) {
        return jdbc.update("UPDATE shirase_incident SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL", now,
                id) == 1;
    }

    /** The newest incidents first, at most {@code size}. */
    public List<Incident> newest(int size) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident ORDER BY created_at DESC LIMIT ?",
                Incidents::incident, size);
    }

    public Optional<Incident> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident WHERE id = ?",
                Incidents::incident, id).stream().findFirst();
    }

    public void recordCall(String incident, String number, int attempts, String sid, String error) {
        long now = System.currentTimeMillis();
        String status = sid == null ? "failed" : "queued";
        jdbc.updateOrInsert("UPDATE shirase_incident_call SET attempts = ?, call_sid = ?, status = ?, error = ?,"
                + " updated_at = ? WHERE incident_id = ? AND number = ?",
                new Object[] {attempts, sid, status, error, now, incident, number},
                "INSERT INTO shirase_incident_call (incident_id, number, attempts, call_sid, status, answered, joined,"
                        + " error, updated_at) VALUES (?, ?, ?, ?, ?, FALSE, FALSE, ?, ?)",
                new Object[] {incident, number, attempts, sid, status, error, now});
    }

    /**
     * Records a call's progress; false when it changes nothing: the same status again, or any status once the call
     * has ended (Twilio retries its callbacks, and a replay must not act twice).
     */
    public boolean status(String incident, String callSid, String status) {
        return jdbc.update("UPDATE shirase_incident_call SET status = ?, updated_at = ? WHERE incident_id = ?"
                + " AND call_sid = ? AND status <> ? AND status NOT IN ('completed', 'busy', 'no-answer', 'failed',"
                + " 'canceled')", status, System.currentTimeMillis(), incident, callSid, status) == 1;
    }

    public void answered(String incident, String callSid) {
        jdbc.update("UPDATE shirase_incident_call SET answered = TRUE, updated_at = ? WHERE incident_id = ?"
                + " AND call_sid = ?", System.currentTimeMillis(), incident, callSid);
    }

    /** The call's callee joined the conference; false when it had joined already (a repeated callback). */
    public boolean joined(String incident, String callSid) {
        return jdbc.update("UPDATE shirase_incident_call SET answered = TRUE, joined = TRUE, updated_at = ?"
                + " WHERE incident_id = ? AND call_sid = ? AND joined = FALSE", System.currentTimeMillis(), incident,
                callSid) == 1;
    }

    public List<CallState> calls(String incident) {
        return jdbc.query("SELECT number, attempts, call_sid, status, answered, joined, error FROM shirase_incident_call"
                + " WHERE incident_id = ? ORDER BY number", rs -> new CallState(rs.getString(1), rs.getInt(2),
                rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7)), incident);
    }

    public Optional<CallState> callBySid(String incident, String callSid) {
        return calls(incident).stream().filter(c -> callSid.equals(c.callSid())).findFirst();
    }

    /** Incidents opened at or after {@code since}. */
    public long openedSince(long since) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_incident WHERE created_at >= ?", since);
    }

    /** Calls placed (or reserved) at or after {@code since}, redials included. */
    public long callsSince(long since) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_alert_call_log WHERE placed_at >= ?", since);
    }

    /** Reserves one call per number in the hourly budget, before it is placed. */
    public void logCalls(String incident, List<String> numbers, long now) {
        jdbc.write(c -> {
            logCalls(c, incident, numbers, now);
            return null;
        });
    }

    private static void logCalls(java.sql.Connection c, String incident, List<String> numbers, long now)
            throws java.sql.SQLException {
        for (String number : numbers) {
            Jdbc.execute(c, "INSERT INTO shirase_alert_call_log (incident_id, number, placed_at) VALUES (?, ?, ?)",
                    incident, number, now);
        }
    }

    /** A call placed for an incident, from the call log (kept with its incident: the budget and the timeline). */
    public record PlacedCall(String number, long placedAt) {
    }

    /** The incident's calls still in the call log, oldest first. */
    public List<PlacedCall> placedCalls(String incident) {
        return jdbc.query("SELECT number, placed_at FROM shirase_alert_call_log WHERE incident_id = ?"
                + " ORDER BY placed_at", rs -> new PlacedCall(rs.getString(1), rs.getLong(2)), incident);
    }

    /** The tables holding an incident's rows, by incident_id; the incident itself goes last. */
    private static final List<String> INCIDENT_ROWS = List.of("shirase_alert_call_log", "shirase_incident_call",
            "shirase_alert_tier", "shirase_alert_escalation", "shirase_alert_redial");

    /** Forgets the incidents opened before {@code before} with all their rows, in one write; how many went. */
    public int forgetOpenedBefore(long before) {
        return jdbc.write(c -> {
            for (String table : INCIDENT_ROWS) {
                Jdbc.execute(c, "DELETE FROM " + table + " WHERE incident_id IN (SELECT id FROM shirase_incident"
                        + " WHERE created_at < ?)", before);
            }
            return Jdbc.execute(c, "DELETE FROM shirase_incident WHERE created_at < ?", before);
        });
    }

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                Jdbc.nullableLong(rs, 5), Jdbc.nullableLong(rs, 6), rs.getString(7), Jdbc.nullableLong(rs, 8));
    }
}

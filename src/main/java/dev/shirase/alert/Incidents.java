package dev.shirase.alert;

import java.util.List;
import java.util.Optional;

import dev.shirase.store.Jdbc;

/** Alert incidents, in the store (status callbacks may reach any replica); their calls are {@link #calls()}. */
public class Incidents {

    /**
     * An incident: its message and conference; when it was resolved, acknowledged (and by whom: a number that
     * pressed 1, or an operator), or ended unanswered after every escalation.
     */
    public record Incident(String id, String message, String conference, long createdAt, Long resolvedAt,
            Long ackedAt, String ackedBy, Long unansweredAt, Long failedAt, String failure) {

        public Incident(String id, String message, String conference, long createdAt) {
            this(id, message, conference, createdAt, null, null, null, null, null, null);
        }

        /** Still calling: not resolved, acknowledged, given up or failed. */
        public boolean escalating() {
            return resolvedAt == null && ackedAt == null && unansweredAt == null && failedAt == null;
        }

        /** failed, resolved, acknowledged, unanswered or escalating. */
        public String state() {
            return failedAt != null ? "failed" : resolvedAt != null ? "resolved" : ackedAt != null ? "acknowledged"
                    : unansweredAt != null ? "unanswered" : "escalating";
        }
    }

    /** An escalation step that is due: call the step's tier (or give up after the last). */
    public record Step(String incident, int step) {
    }

    private static final String COLUMNS = "id, message, conference, created_at, resolved_at, acked_at, acked_by,"
            + " unanswered_at, failed_at, failure";
    private final Jdbc jdbc;
    private final IncidentCalls calls;

    public Incidents(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.calls = new IncidentCalls(jdbc);
    }

    /** The incidents' calls: each number's latest attempt, and the call log the hour's budget counts. */
    public IncidentCalls calls() {
        return calls;
    }

    /**
     * Opens the incident with its tiers, its alerts (fingerprints), its first calls (tier 1) reserved in the hourly
     * budget, and its next escalation step when there is one ({@code nextStepDue} null: none), in one write. A group's
     * incident ({@code group}) is the only open one of its key: false, and nothing written, when another is open.
     */
    public boolean create(Incident incident, String messageKey, boolean group, List<String> fingerprints,
            List<List<String>> tiers, Long nextStepDue) {
        return jdbc.write(c -> {
            if (Jdbc.execute(c, "INSERT INTO shirase_incident (id, message_key, open_key, message, conference,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", incident.id(), messageKey,
                    group ? messageKey : null, incident.message(), incident.conference(), incident.createdAt()) == 0) {
                return false;
            }
            for (String fingerprint : fingerprints) {
                Jdbc.execute(c, "INSERT INTO shirase_incident_alert (incident_id, fingerprint) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING", incident.id(), fingerprint);
            }
            IncidentCalls.log(c, incident.id(), tiers.get(0), incident.createdAt());
            for (int tier = 1; tier <= tiers.size(); tier++) {
                Jdbc.execute(c, "INSERT INTO shirase_alert_tier (incident_id, tier, numbers) VALUES (?, ?, ?)",
                        incident.id(), tier, String.join(",", tiers.get(tier - 1)));
            }
            if (nextStepDue != null) {
                Jdbc.execute(c, "INSERT INTO shirase_alert_escalation (incident_id, step, due_at) VALUES (?, 2, ?)",
                        incident.id(), nextStepDue);
            }
            return true;
        });
    }

    /** The alerts (fingerprints) of an incident. */
    public java.util.Set<String> fingerprints(String id) {
        return new java.util.HashSet<>(jdbc.query("SELECT fingerprint FROM shirase_incident_alert WHERE incident_id = ?",
                rs -> rs.getString(1), id));
    }

    /** Adds alerts to an incident; the ones it did not have yet. */
    public List<String> addFingerprints(String id, List<String> fingerprints) {
        return fingerprints.stream().filter(f -> jdbc.insertIfAbsent("INSERT INTO shirase_incident_alert"
                + " (incident_id, fingerprint) VALUES (?, ?)", id, f)).toList();
    }

    /**
     * Nobody of the incident's first step could be called: it ends failed, with the reason, and its group is free for
     * the monitoring tool's retry. False when it had ended otherwise meanwhile.
     */
    public boolean fail(String id, String reason, long now) {
        jdbc.update("DELETE FROM shirase_alert_escalation WHERE incident_id = ?", id);
        return jdbc.update("UPDATE shirase_incident SET failed_at = ?, failure = ?, open_key = NULL WHERE id = ?"
                + " AND failed_at IS NULL AND resolved_at IS NULL", now, reason.length() > 500 ? reason.substring(0, 500)
                : reason, id) == 1;
    }

    /** The group's newest incident an operator resolved while it was firing: it holds until released. */
    public Optional<Incident> held(String messageKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident WHERE message_key = ? AND held = TRUE"
                + " ORDER BY created_at DESC", Incidents::incident, messageKey).stream().findFirst();
    }

    /** The monitoring tool resolved the group, or a new alert joined it: an operator's resolve holds no longer. */
    public void release(String messageKey) {
        jdbc.update("UPDATE shirase_incident SET held = FALSE WHERE message_key = ? AND held = TRUE", messageKey);
    }

    /** An operator resolved it: the group stays quiet until released. */
    public void hold(String id) {
        jdbc.update("UPDATE shirase_incident SET held = TRUE WHERE id = ?", id);
    }

    /** A new call round of an unanswered incident: it escalates again, from tier 2 after {@code nextStepDue}. */
    public void reopenEscalation(String id, Long nextStepDue) {
        jdbc.write(c -> {
            Jdbc.execute(c, "UPDATE shirase_incident SET unanswered_at = NULL WHERE id = ? AND acked_at IS NULL"
                    + " AND resolved_at IS NULL", id);
            if (nextStepDue != null) {
                Jdbc.execute(c, "DELETE FROM shirase_alert_escalation WHERE incident_id = ?", id);
                Jdbc.execute(c, "INSERT INTO shirase_alert_escalation (incident_id, step, due_at) VALUES (?, 2, ?)",
                        id, nextStepDue);
            }
            return null;
        });
    }

    /** The newest incident of this key created at or after {@code since}, whatever its state. */
    public Optional<Incident> newestSince(String messageKey, long since) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident WHERE message_key = ? AND created_at >= ?"
                + " ORDER BY created_at DESC", Incidents::incident, messageKey, since).stream().findFirst();
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
    /** The newest incident with this message created at or after {@code since}. */
    public Optional<Incident> recent(String messageKey, long since) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident"
                + " WHERE message_key = ? AND created_at >= ? AND failed_at IS NULL ORDER BY created_at DESC",
                Incidents::incident, messageKey,
                since).stream().findFirst();
    }

    /** The incident of this key that is not resolved yet (a monitoring tool's alert group). */
    public Optional<Incident> open(String messageKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shirase_incident"
                + " WHERE message_key = ? AND resolved_at IS NULL AND failed_at IS NULL ORDER BY created_at DESC",
                Incidents::incident,
                messageKey).stream().findFirst();
    }

    /** Resolves the incident; false when it was resolved already. */
    public boolean resolve(String id, long now) {
        return jdbc.update("UPDATE shirase_incident SET resolved_at = ?, open_key = NULL WHERE id = ?"
                + " AND resolved_at IS NULL AND failed_at IS NULL", now, id) == 1;
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

    /** Incidents opened at or after {@code since}. */
    public long openedSince(long since) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_incident WHERE created_at >= ?", since);
    }

    /** The tables holding an incident's rows, by incident_id; the incident itself goes last. */
    private static final List<String> INCIDENT_ROWS = List.of("shirase_alert_call_log", "shirase_incident_call",
            "shirase_incident_alert",
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
                Jdbc.nullableLong(rs, 5), Jdbc.nullableLong(rs, 6), rs.getString(7), Jdbc.nullableLong(rs, 8),
                Jdbc.nullableLong(rs, 9), rs.getString(10));
    }
}

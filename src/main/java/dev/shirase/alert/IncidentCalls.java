package dev.shirase.alert;

import java.util.List;
import java.util.Optional;

import dev.shirase.store.Jdbc;

/** The calls of alert incidents: each number's latest attempt and what Twilio reported, and the call log. */
public class IncidentCalls {

    private static final String ENDED = "('completed', 'busy', 'no-answer', 'failed', 'canceled')";

    /**
     * A number's call in an incident: its latest attempt. {@code answeredBy}: Twilio's AnsweredBy (machine_start...);
     * {@code updatedAt}: when it last changed.
     */
    public record CallState(String number, int attempts, String callSid, String status, boolean answered,
            boolean joined, String error, String answeredBy, long updatedAt) {

        /** A voicemail or fax answered: never a person. */
        public boolean machine() {
            return answeredBy != null && (answeredBy.startsWith("machine_") || answeredBy.equals("fax"));
        }
    }

    private final Jdbc jdbc;

    IncidentCalls(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String incident, String number, int attempts, String sid, String error) {
        long now = System.currentTimeMillis();
        String status = sid == null ? "failed" : "queued";
        jdbc.updateOrInsert("UPDATE shirase_incident_call SET attempts = ?, call_sid = ?, status = ?, error = ?,"
                + " answered_by = NULL, updated_at = ? WHERE incident_id = ? AND number = ?",
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

    public List<CallState> of(String incident) {
        return jdbc.query("SELECT number, attempts, call_sid, status, answered, joined, error, answered_by, updated_at"
                + " FROM shirase_incident_call WHERE incident_id = ? ORDER BY number", rs -> new CallState(
                rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getLong(9)), incident);
    }

    /** A machine (voicemail, fax) answered the call: it is not answered by a person and never joins. */
    public void answeredByMachine(String incident, String callSid, String answeredBy) {
        jdbc.update("UPDATE shirase_incident_call SET answered_by = ?, updated_at = ? WHERE incident_id = ?"
                + " AND call_sid = ?", answeredBy, System.currentTimeMillis(), incident, callSid);
    }

    public Optional<CallState> bySid(String incident, String callSid) {
        return of(incident).stream().filter(c -> callSid.equals(c.callSid())).findFirst();
    }

    public List<CallState> live(String id) {
        return of(id).stream().filter(c -> c.callSid() != null && !ENDED.contains("'" + c.status() + "'")).toList();
    }

    /** Calls placed (or reserved) at or after {@code since}, redials included. */
    public long placedSince(long since) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_alert_call_log WHERE placed_at >= ?", since);
    }

    /** Reserves one call per number in the hourly budget, before it is placed. */
    public void log(String incident, List<String> numbers, long now) {
        jdbc.write(c -> {
            log(c, incident, numbers, now);
            return null;
        });
    }

    static void log(java.sql.Connection c, String incident, List<String> numbers, long now)
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
    public List<PlacedCall> placed(String incident) {
        return jdbc.query("SELECT number, placed_at FROM shirase_alert_call_log WHERE incident_id = ?"
                + " ORDER BY placed_at", rs -> new PlacedCall(rs.getString(1), rs.getLong(2)), incident);
    }

}

package dev.shirase.alert;

import java.util.ArrayList;
import java.util.List;

import dev.shirase.store.Jdbc;

/**
 * Calls to place again later, kept in the store (shirase_alert_redial) so a restart forgets none. Each due redial
 * is claimed by deleting its row: with several replicas, only the one whose delete took it places the call.
 */
public class Redials {

    /** One call to place again: the incident, the number, and which attempt it will be. */
    public record Redial(String incident, String number, int attempt) {
    }

    private final Jdbc jdbc;

    public Redials(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void schedule(String incident, String number, int attempt, long dueAt) {
        jdbc.insertIfAbsent("INSERT INTO shirase_alert_redial (incident_id, number, attempt, due_at)"
                + " VALUES (?, ?, ?, ?)", incident, number, attempt, dueAt);
    }

    public List<Redial> claimDue(long now) {
        List<Redial> due = jdbc.query("SELECT incident_id, number, attempt FROM shirase_alert_redial WHERE due_at <= ?"
                + " ORDER BY due_at", rs -> new Redial(rs.getString(1), rs.getString(2), rs.getInt(3)), now);
        List<Redial> claimed = new ArrayList<>();
        for (Redial redial : due) {
            if (jdbc.update("DELETE FROM shirase_alert_redial WHERE incident_id = ? AND number = ? AND attempt = ?",
                    redial.incident(), redial.number(), redial.attempt()) == 1) {
                claimed.add(redial);
            }
        }
        return claimed;
    }
}

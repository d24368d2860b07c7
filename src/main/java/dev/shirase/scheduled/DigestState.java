package dev.shirase.scheduled;

import java.util.Optional;

import dev.shirase.store.Jdbc;
import org.apache.camel.CamelContext;

/** Small values a scheduled flow keeps between runs and restarts, in the store. */
public class DigestState {

    private final Jdbc jdbc;

    public DigestState(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The bean digestState, the one the store made when the context started. */
    public static DigestState of(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("digestState", DigestState.class);
    }

    public Optional<String> get(String key) {
        return jdbc.query("SELECT state_value FROM shirase_state WHERE state_key = ?", rs -> rs.getString(1), key)
                .stream().findFirst();
    }

    public void put(String key, String value) {
        long now = System.currentTimeMillis();
        jdbc.updateOrInsert("UPDATE shirase_state SET state_value = ?, updated_at = ? WHERE state_key = ?",
                new Object[] {value, now, key},
                "INSERT INTO shirase_state (state_key, state_value, updated_at) VALUES (?, ?, ?)",
                new Object[] {key, value, now});
    }
}

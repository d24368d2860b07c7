package dev.shirase.delivery;

import java.util.List;

import dev.shirase.store.Jdbc;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Event keys already accepted, in the store, for Camel's idempotentConsumer (eager: the key is added before the
 * message is handled, confirmed once the exchange completed, removed when it failed).
 * <p>
 * A key that is added but not yet confirmed is in progress: a repeat gets {@link #IN_PROGRESS} set and can be
 * told to come back later. If it stays unconfirmed longer than the in-progress timeout, the process accepting it
 * died, and the next repeat takes it over, so an event is never lost to a crash (it may then be sent twice).
 */
public class JdbcDedupe extends ServiceSupport implements IdempotentRepository {

    /** Exchange property set to true when a repeat arrives while the first copy is still being accepted. */
    public static final String IN_PROGRESS = "shiraseDuplicateInProgress";

    private final Jdbc jdbc;
    private final long inProgressTimeoutMillis;

    public JdbcDedupe(Jdbc jdbc, long inProgressTimeoutMillis) {
        this.jdbc = jdbc;
        this.inProgressTimeoutMillis = inProgressTimeoutMillis;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        long now = System.currentTimeMillis();
        if (jdbc.insertIfAbsent("INSERT INTO shirase_dedupe (dedupe_key, confirmed, created_at) VALUES (?, FALSE, ?)",
                key, now)) {
            return true;
        }
        List<Object[]> rows = jdbc.query("SELECT confirmed, created_at FROM shirase_dedupe WHERE dedupe_key = ?",
                rs -> new Object[] {rs.getBoolean(1), rs.getLong(2)}, key);
        if (rows.isEmpty()) {
            return add(exchange, key); // removed meanwhile (the first copy failed): try again
        }
        boolean confirmed = (Boolean) rows.get(0)[0];
        long createdAt = (Long) rows.get(0)[1];
        if (!confirmed && createdAt < now - inProgressTimeoutMillis
                && jdbc.update("UPDATE shirase_dedupe SET created_at = ? WHERE dedupe_key = ? AND confirmed = FALSE"
                        + " AND created_at = ?", now, key, createdAt) == 1) {
            return true; // an orphan of a crashed acceptance: this repeat takes it over
        }
        if (exchange != null && !confirmed) {
            exchange.setProperty(IN_PROGRESS, true);
        }
        return false;
    }

    @Override
    public boolean add(String key) {
        return add(null, key);
    }

    @Override
    public boolean contains(String key) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_dedupe WHERE dedupe_key = ?", key) > 0;
    }

    @Override
    public boolean remove(String key) {
        return jdbc.update("DELETE FROM shirase_dedupe WHERE dedupe_key = ?", key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return jdbc.update("UPDATE shirase_dedupe SET confirmed = TRUE WHERE dedupe_key = ?", key) > 0;
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM shirase_dedupe");
    }

    /** Forgets confirmed keys older than the retention, so the table does not grow forever. */
    public int forgetBefore(long before) {
        return jdbc.update("DELETE FROM shirase_dedupe WHERE confirmed = TRUE AND created_at < ?", before);
    }
}

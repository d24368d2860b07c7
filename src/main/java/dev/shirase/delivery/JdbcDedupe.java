package dev.shirase.delivery;

import dev.shirase.preview.Preview;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Event keys already accepted, for Camel's idempotentConsumer. A key is never stored on its own: {@code add}
 * checks the store and stages the key in the event's {@link Acceptance}, and {@code outbox.commit} stores it in
 * the same transaction as the event's messages. So there is no half-accepted state for a crash to leave behind:
 * a key in the store means its messages are in the outbox, and an event whose acceptance was cut short by a
 * crash is simply accepted again when the sender retries. Confirming and removing are therefore no-ops (Camel
 * calls them for duplicates too, which must never touch the original's key).
 */
public class JdbcDedupe extends ServiceSupport implements IdempotentRepository {

    /** The longest key the store holds; an event id that makes a longer key can never be accepted. */
    static final int MAX_KEY_LENGTH = 300;

    private final Outbox outbox;

    public JdbcDedupe(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        if (key == null || key.isBlank()) {
            throw new RejectedRequest(400, "the event has no id to recognise it by");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new RejectedRequest(400, "the event id is too long to be remembered (its key has " + key.length()
                    + " characters, at most " + MAX_KEY_LENGTH + ")");
        }
        Acceptance acceptance = exchange == null ? null : exchange.getProperty(Acceptance.PROPERTY, Acceptance.class);
        if (acceptance == null) {
            throw new IllegalStateException("idempotentConsumer with repository dedupe needs outbox.begin first (route "
                    + (exchange == null ? "?" : exchange.getFromRouteId()) + ")");
        }
        // a preview treats every event as new: it shows what the event would cause, without reading the ledger
        return (Preview.active(exchange) || !outbox.isStored(key)) && acceptance.stage(key);
    }

    @Override
    public boolean add(String key) {
        return add(null, key);
    }

    @Override
    public boolean contains(String key) {
        return outbox.isStored(key);
    }

    @Override
    public boolean remove(String key) {
        return true; // nothing was stored for an acceptance that failed
    }

    @Override
    public boolean confirm(String key) {
        return true; // stored by outbox.commit, with the event's messages
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("event keys are only forgotten after shirase.dedupe.retention");
    }
}

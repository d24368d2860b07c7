package dev.shirase.delivery;

import dev.shirase.preview.Preview;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code outbox}: how flows hand messages to the durable outbox.
 * <ul>
 * <li>{@code begin} opens the {@link Acceptance} of an inbound event: from then on the dedupe step stages the
 * event's keys and the channel routes stage its messages;</li>
 * <li>{@code accept} (the step every channel route ends with) stages the rendered message, or, in a flow that
 * opened nothing (a scheduled digest), stores it at once;</li>
 * <li>{@code commit} stores the event's keys and messages in one transaction and wakes the dispatcher. When
 * every key was stored already (a copy of the event raced this one and won), it sets CamelDuplicateMessage
 * instead, and nothing is written. Only after it returns may the sender be told 2xx.</li>
 * </ul>
 * In a {@link Preview} nothing is stored: the rendered messages go to the preview instead.
 */
public class OutboxIntake {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxIntake.class);

    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private volatile boolean closed;

    public OutboxIntake(Outbox outbox, Dispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    /** From now on messages are refused (503), so senders retry on another replica or after the restart. */
    public void close() {
        closed = true;
    }

    public void begin(Exchange exchange) {
        if (!Preview.active(exchange)) {
            refuseWhenClosed();
        }
        Acceptance acceptance = new Acceptance();
        exchange.setProperty(Acceptance.PROPERTY, acceptance);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                if (acceptance.isPending()) {
                    // a route that opens an acceptance must commit it before it answers: nothing was stored
                    LOG.error("Route {} opened an acceptance (outbox.begin) and never committed it (outbox.commit):"
                            + " its messages were not stored", done.getFromRouteId());
                }
            }
        });
    }

    public void accept(Exchange exchange) {
        refuseWhenClosed();
        // taken, not read: each hand-off to a channel names its destination, none inherits the one before
        String destination = (String) exchange.removeProperty(Delivery.DESTINATION);
        String channel = exchange.getProperty(Delivery.CHANNEL, String.class);
        if (destination == null || destination.isBlank() || channel == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " sent a message to kamelet:"
                    + channel + " without setting the shiraseDestination property before it (the name of the"
                    + " setting holding the target)");
        }
        String text = exchange.getProperty(Delivery.TEXT, "", String.class);
        String payload = exchange.getMessage().getBody(String.class);
        if (Preview.active(exchange)) {
            Preview.of(exchange).message(channel, destination, payload, text);
            return;
        }
        Acceptance acceptance = exchange.getProperty(Acceptance.PROPERTY, Acceptance.class);
        if (acceptance != null) {
            acceptance.stage(channel, destination, Delivery.flowOf(exchange), payload, text);
            return;
        }
        long id = outbox.enqueue(channel, destination, Delivery.flowOf(exchange), payload, text,
                System.currentTimeMillis());
        @SuppressWarnings("unchecked")
        java.util.List<Long> queued = exchange.getProperty(Delivery.QUEUED, java.util.List.class);
        if (queued == null) {
            queued = new java.util.ArrayList<>();
            exchange.setProperty(Delivery.QUEUED, queued);
        }
        queued.add(id);
        dispatcher.wake();
    }

    public void commit(Exchange exchange) {
        Acceptance acceptance = exchange.getProperty(Acceptance.PROPERTY, Acceptance.class);
        if (acceptance == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " commits without outbox.begin");
        }
        Acceptance.Staged event = acceptance.take();
        if (Preview.active(exchange) || event.keys().isEmpty() && event.messages().isEmpty()) {
            return; // a duplicate the dedupe step recognised: nothing to store
        }
        refuseWhenClosed();
        if (!outbox.store(event, System.currentTimeMillis())) {
            exchange.setProperty(ExchangePropertyKey.DUPLICATE_MESSAGE, true);
            return;
        }
        if (!event.messages().isEmpty()) {
            dispatcher.wake();
        }
    }

    /**
     * Keeps the raw body of an event the route could not read (the exception it caught says why) as a dead
     * message of channel {@code <flow>-event}: listed by the admin API, replayable through that channel's send
     * route once the cause is fixed. For senders that never send an event twice (UiPath).
     */
    public void keepUnreadable(Exchange exchange) {
        if (Preview.active(exchange)) {
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause instanceof RejectedRequest rejected ? rejected.getReason() : String.valueOf(cause);
        String channel = exchange.getProperty(Delivery.CHANNEL, String.class);
        String body = exchange.getMessage().getBody(String.class);
        long id = outbox.keepDead(channel, channel, exchange.getFromRouteId(), body == null ? "" : body,
                "an event that could not be read: " + reason, reason, System.currentTimeMillis());
        LOG.warn("Route {} kept an event it could not read as dead delivery {} ({}); after a fix, replay it with"
                + " POST /admin/deliveries/{}/replay", exchange.getFromRouteId(), id, reason, id);
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new RejectedRequest(503, "shutting down, retry later");
        }
    }
}

package dev.shirase.delivery;

import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;

/**
 * The step a channel route ends with: writes the rendered message to the outbox (so a 2xx to the webhook
 * sender means it will be delivered) and wakes the dispatcher to send it at once.
 */
public class OutboxIntake {

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

    public void accept(Exchange exchange) {
        if (closed) {
            throw new RejectedRequest(503, "shutting down, retry later");
        }
        String destination = exchange.getProperty(Delivery.DESTINATION, String.class);
        String channel = exchange.getProperty(Delivery.CHANNEL, String.class);
        if (destination == null || destination.isBlank() || channel == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " sent a message to a channel"
                    + " without the shiraseDestination property (the name of the setting holding the target)");
        }
        String text = exchange.getProperty(Delivery.TEXT, "", String.class);
        outbox.enqueue(channel, destination, exchange.getFromRouteId(), exchange.getMessage().getBody(String.class),
                text, System.currentTimeMillis());
        dispatcher.wake();
    }
}

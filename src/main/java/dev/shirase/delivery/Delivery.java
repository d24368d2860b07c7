package dev.shirase.delivery;

import dev.shirase.seam.Seam;

/**
 * Names of the exchange properties a message carries through a channel route. A flow sets
 * {@link #DESTINATION} to the name of the setting that holds the target (for example
 * {@code clockify.discord-webhook-url}) and hands the text to a channel ({@code kamelet:<channel>}).
 */
public final class Delivery {

    /** The setting holding the target. The outbox stores this name; the target is looked up at send time. */
    public static final String DESTINATION = Seam.SHIRASE_DESTINATION;
    /** The channel's name, as its send route direct:<channel>-send names it. */
    public static final String CHANNEL = Seam.SHIRASE_CHANNEL;
    /** The channel-neutral text, kept for the log and the admin API. */
    public static final String TEXT = Seam.SHIRASE_TEXT;
    /** Optional: who the message is from, where the service can show it (Slack username). */
    public static final String SENDER_NAME = Seam.SHIRASE_SENDER_NAME;
    /** Optional: the sender's icon, where the service can show it (Slack icon_emoji). */
    public static final String SENDER_ICON = Seam.SHIRASE_SENDER_ICON;
    /** The resolved target (a secret) for one send attempt, seen only by the {@code <channel>-send} route. */
    public static final String TARGET = Seam.SHIRASE_TARGET;

    /** A token for the same attempt that goes in a header rather than the URL (Chatwork's X-ChatWorkToken). */
    public static final String TARGET_TOKEN = Seam.SHIRASE_TARGET_TOKEN;

    /** The outbox ids of the messages a run queued (a list), for POST /admin/run's answer. */
    public static final String QUEUED = "shiraseQueued";

    /** The flow a message comes from, as the outbox records it (set on entry by the webhook and scheduled routes). */
    public static final String FLOW = Seam.SHIRASE_FLOW;

    private Delivery() {
    }

    /** The flow's route id: the property set on entry, else the route the exchange came in through. */
    public static String flowOf(org.apache.camel.Exchange exchange) {
        String flow = exchange.getProperty(FLOW, String.class);
        return flow != null ? flow : exchange.getFromRouteId();
    }
}

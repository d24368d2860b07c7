package dev.shirase.delivery;

/**
 * Names of the exchange properties a message carries through a channel route. A flow sets
 * {@link #DESTINATION} (the webhook URL or target from its settings) and sends the text as the body to
 * {@code direct:<channel>}; the channel route fills in the rest.
 */
public final class Delivery {

    /** Where the message goes: a secret (webhook URLs carry their token), never logged. */
    public static final String DESTINATION = "shiraseDestination";
    /** The channel route's name: discord, slack, google-chat, chatwork. */
    public static final String CHANNEL = "shiraseChannel";
    /** The channel-neutral text, kept for the log when a delivery fails for good. */
    public static final String TEXT = "shiraseText";

    private Delivery() {
    }
}

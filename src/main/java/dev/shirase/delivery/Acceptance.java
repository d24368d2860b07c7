package dev.shirase.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What accepting one inbound event writes: the dedupe keys it was recognised by and the messages it produces,
 * gathered while the route runs and stored in one transaction when the route commits (bean outbox, method
 * commit). So a stored key always means stored messages: a crash at any moment leaves either both or neither,
 * and a sender's retry after a crash is accepted again instead of being taken for a duplicate.
 * <p>
 * It lives in an exchange property; a splitter's parts share it (properties are copied by reference), so every
 * part of one webhook call ends up in the same transaction. Each message belongs to the key staged last before
 * it (a UiPath job's ledger key), so a key found already stored drops only its own messages.
 */
public final class Acceptance {

    /** The exchange property holding the acceptance opened by outbox.begin. */
    public static final String PROPERTY = "shiraseAcceptance";

    /** A message rendered for one channel, with the key it was accepted under (null: none). */
    public record Message(String key, String channel, String destination, String flow, String payload,
            String summary) {
    }

    private final Set<String> keys = new LinkedHashSet<>();
    private final List<Message> messages = new ArrayList<>();
    private String currentKey;
    private boolean committed;

    /** False when the key is staged already (the same event twice in one call). */
    synchronized boolean stage(String key) {
        if (committed) {
            throw new IllegalStateException("this event's writes were committed already");
        }
        if (!keys.add(key)) {
            return false;
        }
        currentKey = key;
        return true;
    }

    synchronized void stage(String channel, String destination, String flow, String payload, String summary) {
        if (committed) {
            throw new IllegalStateException("a message was sent to a channel after the event was committed");
        }
        messages.add(new Message(currentKey, channel, destination, flow, payload, summary));
    }

    /** Hands the staged writes over for storing, once. */
    synchronized Staged take() {
        committed = true;
        return new Staged(List.copyOf(keys), List.copyOf(messages));
    }

    synchronized boolean isPending() {
        return !committed && !(keys.isEmpty() && messages.isEmpty());
    }

    /** The keys and messages of one event, in the order staged. */
    public record Staged(List<String> keys, List<Message> messages) {
    }
}

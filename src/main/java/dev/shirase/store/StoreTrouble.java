package dev.shirase.store;

import java.util.Locale;

/** Why the store refused a write, in words fit for a webhook sender and a health check (no paths, no hosts). */
public final class StoreTrouble {

    private StoreTrouble() {
    }

    public static String of(Throwable failure) {
        String text = messages(failure).toLowerCase(Locale.ROOT);
        if (text.contains("full") || text.contains("no space")) {
            return "its disk is full";
        }
        if (text.contains("readonly") || text.contains("read-only") || text.contains("read only")) {
            return "its files are read-only";
        }
        if (text.contains("connection") || text.contains("timeout") || text.contains("timed out")) {
            return "it cannot be reached";
        }
        return "it failed to write";
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }
}

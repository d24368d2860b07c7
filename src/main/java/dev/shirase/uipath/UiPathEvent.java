package dev.shirase.uipath;

import java.util.List;

/** A webhook event: its type, its EventId (opaque), and the jobs it carries; {@code handled} for job endings. */
public record UiPathEvent(String type, String eventId, boolean handled, List<UiPathJob> jobs) {

    public String dedupeKey() {
        return "uipath-event:" + eventId;
    }
}

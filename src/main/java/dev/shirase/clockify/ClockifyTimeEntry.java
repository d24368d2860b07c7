package dev.shirase.clockify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a Clockify time entry (the body of timer webhooks) that the messages use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClockifyTimeEntry(
        String id,
        String description,
        Boolean currentlyRunning,
        TimeInterval timeInterval,
        Project project,
        User user,
        Task task) {

    /** Identifies this event for dedupe: the time entry, started or stopped. */
    public String eventKey() {
        return "clockify:" + id + ":" + (Boolean.TRUE.equals(currentlyRunning) ? "started" : "stopped");
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeInterval(String start, String end, String duration) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Project(String name, String clientName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(String name) {
    }
}

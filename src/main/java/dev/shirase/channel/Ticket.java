package dev.shirase.channel;

/** An issue to open in a tracker (Backlog): where, and what it says. Ids come from the flow's settings. */
public record Ticket(String projectId, String issueTypeId, String priorityId, String summary, String description) {

    public String asText() {
        return summary;
    }
}

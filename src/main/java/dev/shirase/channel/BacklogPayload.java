package dev.shirase.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The form body of a Backlog "add issue" call: projectId, summary, issueTypeId, priorityId, description. */
public class BacklogPayload {

    /** Backlog's summary field holds 255 characters. */
    static final int MAX_SUMMARY = 255;

    public String render(Ticket ticket) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("projectId", ticket.projectId());
        form.put("summary", Truncate.to(ticket.summary(), MAX_SUMMARY));
        form.put("issueTypeId", ticket.issueTypeId());
        form.put("priorityId", ticket.priorityId());
        form.put("description", ticket.description());
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

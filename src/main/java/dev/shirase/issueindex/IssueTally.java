package dev.shirase.issueindex;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.scheduled.Skipped;

/**
 * Open issues counted by priority, page by page: VTQL returns at most 100 rows and has no GROUP BY, so the
 * query {@code SELECT id, <priority field> FROM <module> WHERE <open> LIMIT <offset>, 100;} is repeated until a
 * page comes back short.
 */
public class IssueTally {

    public static final int PAGE = 100;
    /** 100,000 open issues: beyond that something is wrong with the query, not the team. */
    static final int MAX_PAGES = 1000;
    /** The key under which issues with no priority are counted. */
    public static final String UNSET = "";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String module;
    private final String priorityField;
    private final String openCondition;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private int pages;
    private boolean more = true;

    IssueTally(String module, String priorityField, String openCondition) {
        this.module = module;
        this.priorityField = priorityField;
        this.openCondition = openCondition;
    }

    /** The next page's query as the REST API takes it: {@code query=<VTQL>}, URL-encoded. */
    public String query() {
        return "query=" + java.net.URLEncoder.encode(vtql(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    String vtql() {
        return "SELECT id, " + priorityField + " FROM " + module + " WHERE " + openCondition + " LIMIT "
                + (pages * PAGE) + ", " + PAGE + ";";
    }

    void add(String answer) {
        JsonNode page;
        try {
            page = JSON.readTree(answer == null ? "" : answer);
        } catch (Exception e) {
            throw new Skipped("vtiger answered something that is not JSON");
        }
        if (!page.path("success").asBoolean(false)) {
            throw new Skipped("vtiger answered an error: " + page.path("error").path("code").asText("no code"));
        }
        JsonNode rows = page.path("result");
        if (!rows.isArray()) {
            throw new Skipped("vtiger answered without a result list");
        }
        for (JsonNode row : rows) {
            String priority = row.path(priorityField).asText("").trim();
            counts.merge(priority, 1L, Long::sum);
        }
        pages++;
        more = rows.size() >= PAGE;
        if (more && pages >= MAX_PAGES) {
            throw new Skipped("more than " + (MAX_PAGES * PAGE) + " open issues: check issue-index.open-condition");
        }
    }

    public boolean isMore() {
        return more;
    }

    public Map<String, Long> counts() {
        return counts;
    }
}

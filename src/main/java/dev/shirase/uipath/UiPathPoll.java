package dev.shirase.uipath;

import dev.shirase.seam.Seam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.scheduled.DigestState;
import dev.shirase.scheduled.Skipped;
import dev.shirase.settings.Settings;
import dev.shirase.preview.Preview;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The polling fallback's steps (Orchestrator forgets events while a webhook fails): get a token, ask
 * {@code /odata/Jobs} for jobs that ended (Faulted, Successful, Stopped) since the watermark, and move the
 * watermark to the last EndTime seen. The watermark is kept in the store; the first poll looks back
 * uipath.poll.lookback-minutes. Jobs at the watermark come again and are skipped by the job ledger.
 */
public class UiPathPoll {

    static final String WATERMARK = Seam.UIPATH_WATERMARK;
    static final String STATE_KEY = "uipath-poll:watermark";
    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The client-credentials form of an Automation Cloud external application (uipath.orchestrator.client-*). */
    public String clientCredentials(Exchange exchange) {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        return "grant_type=client_credentials&client_id=" + encode(setting(p, "uipath.orchestrator.client-id", ""))
                + "&client_secret=" + encode(setting(p, "uipath.orchestrator.client-secret", "")) + "&scope="
                + encode(setting(p, "uipath.orchestrator.scope", "OR.Jobs.Read OR.Folders.Read"));
    }

    /** The on-premises login: {"tenancyName", "usernameOrEmailAddress", "password"}. */
    public String login(Exchange exchange) throws Exception {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        Map<String, String> login = new LinkedHashMap<>();
        login.put("tenancyName", setting(p, "uipath.orchestrator.tenancy-name", "Default"));
        login.put("usernameOrEmailAddress", setting(p, "uipath.orchestrator.username", ""));
        login.put("password", setting(p, "uipath.orchestrator.password", ""));
        return JSON.writeValueAsString(login);
    }

    /** The bearer token from {"result": ...} (on-premises) or {"access_token": ...} (cloud). */
    public String token(Exchange exchange) {
        JsonNode answer = json(exchange.getMessage().getBody(String.class));
        String token = answer.path("access_token").asText(answer.path("result").asText(""));
        if (token.isBlank()) {
            throw new Skipped("orchestrator answered the login without a token");
        }
        return token;
    }

    /** Where this poll starts: the last EndTime seen (kept in the store), or uipath.poll.lookback-minutes ago. */
    public Instant watermark(Exchange exchange) {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        return state(exchange).get(STATE_KEY).map(Instant::parse).orElseGet(() -> Instant.now().minus(
                Duration.ofMinutes(Long.parseLong(setting(p, "uipath.poll.lookback-minutes", "10")))));
    }

    /**
     * $filter=(ended states) and EndTime ge {since}&$expand=Release&$orderby=EndTime asc&$top=100, URL-encoded: the
     * Release for its ProcessKey, the name the webhook gives the job's process.
     */
    public static String query(Instant since) {
        String filter = "(State eq 'Faulted' or State eq 'Successful' or State eq 'Stopped') and EndTime ge "
                + since.truncatedTo(ChronoUnit.MILLIS);
        return "$filter=" + encode(filter) + "&$expand=Release&$orderby=" + encode("EndTime asc") + "&$top=" + PAGE;
    }

    /** The jobs of the answer's "value", oldest first; the watermark moves to the last EndTime. */
    public List<UiPathJob> readJobs(Exchange exchange) {
        JsonNode answer = json(exchange.getMessage().getBody(String.class));
        if (!answer.path("value").isArray()) {
            throw new Skipped("orchestrator answered without a job list");
        }
        List<UiPathJob> jobs = new ArrayList<>();
        Instant last = exchange.getProperty(WATERMARK, Instant.class);
        for (JsonNode node : answer.path("value")) {
            UiPathJob job = UiPathJob.fromOData(node);
            if (job.id() != 0 && job.state() != null) {
                jobs.add(job);
            }
            try {
                Instant ended = Instant.parse(node.path("EndTime").asText());
                if (ended.isAfter(last)) {
                    last = ended;
                }
            } catch (RuntimeException noEndTime) {
                // a job without a readable EndTime does not move the watermark
            }
        }
        exchange.setProperty(WATERMARK, last);
        exchange.getMessage().removeHeaders("*");
        return jobs;
    }

    /** After every job of the poll was handed to the channels. */
    public void saveWatermark(Exchange exchange) {
        if (Preview.active(exchange)) {
            return;
        }
        state(exchange).put(STATE_KEY, exchange.getProperty(WATERMARK, Instant.class).toString());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new Skipped("orchestrator answered something that is not JSON");
        }
    }

    private static String base(PropertiesComponent p) {
        return setting(p, "uipath.orchestrator.url", "").replaceAll("/+$", "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static DigestState state(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("digestState", DigestState.class);
    }

    private static String setting(PropertiesComponent p, String key, String fallback) {
        return Settings.get(p, key, fallback);
    }
}

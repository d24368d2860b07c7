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
 * The scheduled mode's steps (the seed's, and the fallback for the events Orchestrator forgets while a webhook
 * fails): get a token, ask {@code /odata/Jobs} for jobs that ended (Faulted, Successful, Stopped) in the poll's
 * window, and move the watermark to the last EndTime seen. Each poll route (the shared one, and one per channel with
 * a schedule of its own) keeps its watermark in the store: its window runs from there; a first poll's reaches back its
 * interval (uipath.poll.&lt;channel&gt;.interval, else uipath.poll.interval, in minutes). Jobs seen again are skipped
 * by the job ledger, per channel.
 */
public class UiPathPoll {

    static final String WATERMARK = Seam.UIPATH_WATERMARK;
    /** The channels UiPath jobs go to, each with the settings that switch it on. */
    static final List<String> CHANNELS = List.of("slack", "google-chat", "chatwork", "teams", "email", "backlog");
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

    /**
     * Which channels this poll reports to, as ",slack,chatwork,": its own channel, or (the shared poll, channel
     * {@code all}) every channel without a schedule of its own.
     */
    public String channels(Exchange exchange, String channel) {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        List<String> mine = "all".equals(channel) ? CHANNELS.stream()
                .filter(c -> setting(p, "uipath.poll." + c + ".schedule", "").isEmpty()).toList() : List.of(channel);
        return "," + String.join(",", mine) + ",";
    }

    /**
     * Where this poll starts: the last EndTime it saw (kept in the store), so each poll's window runs from the last
     * one's, whatever its schedule; a first poll looks back its interval (the seed's "jobs that ended in the last N
     * minutes").
     */
    public Instant watermark(Exchange exchange, String channel) {
        PropertiesComponent p = exchange.getContext().getPropertiesComponent();
        String interval = setting(p, "uipath.poll." + channel + ".interval", setting(p, "uipath.poll.interval", "10"));
        Instant back;
        try {
            back = Instant.now().minus(Duration.ofMinutes(Long.parseLong(interval.strip())));
        } catch (NumberFormatException e) {
            throw new Skipped("uipath.poll.interval (or the channel's) is " + interval + ", not a number of minutes");
        }
        return state(exchange).get(stateKey(exchange)).map(Instant::parse).orElse(back);
    }

    private static String stateKey(Exchange exchange) {
        return exchange.getFromRouteId() + ":watermark";
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
        state(exchange).put(stateKey(exchange), exchange.getProperty(WATERMARK, Instant.class).toString());
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
        return DigestState.of(exchange.getContext());
    }

    private static String setting(PropertiesComponent p, String key, String fallback) {
        return Settings.get(p, key, fallback);
    }
}

package dev.shirase.admin;

import dev.shirase.preview.Preview;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shirase.admin.RouteRun;
import dev.shirase.scheduled.DigestLog;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Route;

import static dev.shirase.webhook.WebhookReply.reply;

/**
 * {@code POST /admin/preview/{routeId}}: runs a flow's own route on a sample, rendered from the current templates,
 * and answers with exactly what each channel would receive; nothing is sent or stored ({@link Preview}).
 * <ul>
 * <li>a webhook route takes the sample as its request body, as the sender would POST it;</li>
 * <li>a scheduled route takes a JSON object with the answer of each source it reads, by name (the host of its
 * http endpoint: kintone and metrics; vtiger; orchestrator-login and orchestrator).</li>
 * </ul>
 */
public class PreviewRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    public void run(Exchange request) throws Exception {
        String routeId = request.getMessage().getHeader("routeId", String.class);
        Route route = RouteRun.started(request.getContext(), routeId, "webhook or scheduled route", "quartz:",
                "platform-http:");
        boolean scheduled = route.getEndpoint().getEndpointUri().startsWith("quartz:");
        byte[] sample = request.getMessage().getBody(byte[].class);
        Preview preview = new Preview(scheduled ? answers(sample) : Map.of());
        Exchange run = RouteRun.now(route, exchange -> {
            exchange.setProperty(Preview.PROPERTY, preview);
            if (!scheduled) {
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                exchange.getMessage().setBody(sample == null ? new byte[0] : sample);
            }
        });

        Throwable failure = run.getException() != null ? run.getException()
                : run.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof RejectedRequest rejected) {
            throw rejected; // the sample is what was wrong: its status and reason
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routeId", routeId);
        body.put("messages", preview.messages());
        if (scheduled) {
            String reason = run.getProperty(DigestLog.REASON, String.class);
            if (reason != null) {
                body.put("reason", reason);
            }
        } else {
            body.put("answer", answer(run));
        }
        reply(request, 200, body);
    }

    private static Map<String, JsonNode> answers(byte[] sample) {
        JsonNode tree;
        try {
            tree = JSON.readTree(sample == null || sample.length == 0 ? new byte[] {'{', '}'} : sample);
        } catch (IOException e) {
            throw new RejectedRequest(400, "the sample of a scheduled route is a JSON object with each source's"
                    + " answer by name, e.g. {\"kintone\": {...}, \"metrics\": {...}}");
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRequest(400, "the sample of a scheduled route is a JSON object with each source's"
                    + " answer by name, e.g. {\"kintone\": {...}, \"metrics\": {...}}");
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        tree.fields().forEachRemaining(field -> answers.put(field.getKey(), field.getValue()));
        return answers;
    }

    /** What the webhook's sender would have been answered: status and body. */
    private static Map<String, Object> answer(Exchange run) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", run.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        String text = run.getMessage().getBody(String.class);
        try {
            answer.put("body", text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException notJson) {
            answer.put("body", text);
        }
        return answer;
    }
}

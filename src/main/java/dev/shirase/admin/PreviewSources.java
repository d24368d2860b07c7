package dev.shirase.admin;

import dev.shirase.preview.Preview;

import java.net.URI;

import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * In a preview, a scheduled flow's call to a service (an http endpoint such as http://kintone) is answered from the
 * sample, by the endpoint's host: see the interceptSendToEndpoint of routes/scheduled.camel.yaml.
 */
public class PreviewSources {

    public void answer(Exchange exchange) {
        String endpoint = exchange.getProperty(ExchangePropertyKey.INTERCEPTED_ENDPOINT, String.class);
        String source = URI.create(endpoint.replaceFirst("\\?.*", "")).getHost();
        Preview preview = Preview.of(exchange);
        var answer = preview.answer(source);
        if (answer == null) {
            throw new RejectedRequest(400, "the sample has no answer for " + source + " (it answers for: "
                    + preview.sources() + "); give one as \"" + source + "\": {...}, or a list of them for a source"
                    + " read page by page");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(answer.isTextual() ? answer.asText() : answer.toString());
    }
}

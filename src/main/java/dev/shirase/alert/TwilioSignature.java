package dev.shirase.alert;

import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import dev.shirase.webhook.RefusesAll;
import dev.shirase.webhook.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * A Twilio callback must carry X-Twilio-Signature for its public URL (alert.public-base-url + path and query) and
 * form parameters, checked with the SDK's RequestValidator and twilio.auth-token: 403 otherwise, 503 while the
 * auth token is unset. The checked parameters are left in exchange property {@value #PARAMS}.
 */
public class TwilioSignature implements Processor, RefusesAll {

    public static final String PARAMS = "twilioParams";

    private final String publicBaseUrl;
    private final String authToken;

    /** {@code authToken}: twilio.auth-token. */
    public TwilioSignature(AlertSettings settings, String authToken) {
        this.publicBaseUrl = settings.publicBaseUrl();
        this.authToken = authToken;
    }

    @Override
    public String refusesAll() {
        return authToken.isEmpty() ? "twilio.auth-token is not set" : null;
    }

    @Override
    public void process(Exchange exchange) {
        if (authToken.isEmpty()) {
            throw new RejectedRequest(503, "not configured: set twilio.auth-token (Twilio's callbacks are checked"
                    + " with it)");
        }
        Message in = exchange.getMessage();
        Map<String, String> params = new LinkedHashMap<>();
        if (in.getBody() instanceof Map<?, ?> form) {
            form.forEach((k, v) -> params.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        String query = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        String path = ((PlatformHttpEndpoint) exchange.getFromEndpoint()).getPath();
        String url = publicBaseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
        String signature = in.getHeader("X-Twilio-Signature", String.class);
        if (signature == null || !new RequestValidator(authToken).validate(url, params, signature)) {
            throw new RejectedRequest(403, "X-Twilio-Signature does not match this request");
        }
        if (!params.containsKey("Digits") && in.getHeader("Digits") != null && !(in.getBody() instanceof Map)) {
            params.put("Digits", in.getHeader("Digits", String.class)); // a GET callback carries them in the query
        }
        exchange.setProperty(PARAMS, params);
    }
}

package dev.shirase.alert;

import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's HTTP client with its own retries off: it would repeat a request up to three times on any
 * 5xx, and creating a call is not idempotent, so one 5xx could ring someone twice. Requests to
 * https://api.twilio.com go to {@code twilio.api-base-url} instead (a local stand-in in tests).
 */
class OneAttemptHttpClient extends NetworkHttpClient {

    private static final String TWILIO = "https://api.twilio.com";
    private final String baseUrl;

    OneAttemptHttpClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    @Override
    public Response makeRequest(Request request) {
        if (baseUrl.equals(TWILIO) || !request.getUrl().startsWith(TWILIO)) {
            return super.makeRequest(request);
        }
        Request moved = new Request(request.getMethod(), baseUrl + request.getUrl().substring(TWILIO.length()));
        copy(request.getQueryParams(), moved::addQueryParam);
        copy(request.getPostParams(), moved::addPostParam);
        copy(request.getHeaderParams(), moved::addHeaderParam);
        if (request.requiresAuthentication()) {
            moved.setAuth(request.getUsername(), request.getPassword());
        }
        return super.makeRequest(moved);
    }

    private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
        from.forEach((name, values) -> values.forEach(value -> to.accept(name, value)));
    }
}

package dev.shirase.alert;

import com.twilio.http.TwilioRestClient;

/**
 * The REST client of the camel-twilio component (camel.component.twilio.rest-client): twilio.account-sid and
 * twilio.auth-token, requests to twilio.api-base-url, and no retries of its own ({@link OneAttemptHttpClient}).
 */
public final class TwilioClient {

    private TwilioClient() {
    }

    public static TwilioRestClient of(String accountSid, String authToken, String apiBaseUrl) {
        // blank settings still make a client: the alert route refuses (503) before any call while they are unset
        String sid = accountSid.isBlank() ? "unset" : accountSid.trim();
        String token = authToken.isBlank() ? "unset" : authToken.trim();
        return new TwilioRestClient.Builder(sid, token).accountSid(sid)
                .httpClient(new OneAttemptHttpClient(apiBaseUrl)).build();
    }
}

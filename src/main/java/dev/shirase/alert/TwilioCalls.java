package dev.shirase.alert;

import java.net.URI;
import java.util.List;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places calls through the Twilio SDK. Creating a call is not idempotent: it is retried only when Twilio says
 * 429 (too many requests, nothing was created); after a 5xx or a timeout the call may exist, so the error is
 * reported instead of trying again.
 */
public class TwilioCalls {

    /** The call's SID, or the error Twilio gave. */
    public record Placed(String sid, String error) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TwilioCalls.class);
    private final TwilioRestClient client;
    private final String from;
    private final int retriesOn429;
    private final long firstWaitMillis;

    public TwilioCalls(String accountSid, String authToken, String from, String apiBaseUrl, int retriesOn429,
            long firstWaitMillis) {
        this.client = new TwilioRestClient.Builder(accountSid, authToken).accountSid(accountSid)
                .httpClient(new OneAttemptHttpClient(apiBaseUrl)).build();
        this.from = from;
        this.retriesOn429 = retriesOn429;
        this.firstWaitMillis = firstWaitMillis;
    }

    public Placed call(String to, String answerUrl, String statusUrl) {
        long wait = firstWaitMillis;
        for (int attempt = 0;; attempt++) {
            try {
                Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(from), URI.create(answerUrl))
                        .setMethod(HttpMethod.POST)
                        .setStatusCallback(URI.create(statusUrl))
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                        .setTimeout(30)
                        .create(client);
                return new Placed(call.getSid(), null);
            } catch (ApiException e) {
                if (e.getStatusCode() != null && e.getStatusCode() == 429 && attempt < retriesOn429) {
                    LOG.warn("Twilio answered 429 for a call; trying again in {} ms", wait);
                    sleep(wait);
                    wait *= 2;
                    continue;
                }
                String reason = e.getCode() != null ? "Twilio error " + e.getCode() + ": " + e.getMessage()
                        : "Twilio answered " + e.getStatusCode() + "; not retried, the call may exist";
                return new Placed(null, reason);
            } catch (TwilioException e) {
                return new Placed(null, "Twilio did not answer (" + e.getClass().getSimpleName()
                        + "); not retried, the call may exist");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

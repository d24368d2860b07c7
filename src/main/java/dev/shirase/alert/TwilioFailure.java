package dev.shirase.alert;

import java.io.IOException;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;

/** Why a call create failed, in words, and whether trying again can help. */
final class TwilioFailure {

    private TwilioFailure() {
    }

    /** "Twilio error 20003: Authenticate", "Twilio answered 503", "Twilio unreachable (Connection refused)". */
    static String reason(Throwable failure) {
        ApiException api = find(failure, ApiException.class);
        if (unreachable(failure)) {
            Throwable cause = find(failure, IOException.class);
            String detail = cause != null ? cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) : "no answer";
            return "Twilio unreachable (" + detail + ")";
        }
        if (api != null && api.getCode() != null) {
            return "Twilio error " + api.getCode() + ": " + api.getMessage();
        }
        if (api != null) {
            return "Twilio answered " + api.getStatusCode();
        }
        Throwable inner = failure;
        while (inner != null && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return "the call could not be created: " + (inner == null ? "unknown" : inner.getClass().getSimpleName()
                + (inner.getMessage() == null ? "" : ": " + inner.getMessage()));
    }

    /** 429: nothing was created. */
    static boolean tooManyRequests(Throwable failure) {
        ApiException api = find(failure, ApiException.class);
        return api != null && api.getStatusCode() != null && api.getStatusCode() == 429;
    }

    /** Unreachable, timed out, or a 5xx: may pass on a later try. */
    static boolean retryable(Throwable failure) {
        ApiException api = find(failure, ApiException.class);
        return unreachable(failure) || (api != null && api.getStatusCode() != null && api.getStatusCode() >= 500);
    }

    /** No answer from Twilio at all: a refused or timed-out connection (the SDK has no status for it). */
    private static boolean unreachable(Throwable failure) {
        if (find(failure, ApiConnectionException.class) != null || find(failure, IOException.class) != null) {
            return true;
        }
        ApiException api = find(failure, ApiException.class);
        return api != null && api.getStatusCode() == null && api.getCode() == null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

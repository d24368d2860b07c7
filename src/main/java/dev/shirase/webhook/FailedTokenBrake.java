package dev.shirase.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A brake on guessing tokens (admin, alert, health details): an address that presented {@code MAX_FAILURES} wrong
 * tokens within a minute has its wrong tokens answered 429 for the next minute. Only wrong guesses are braked: a
 * right token always passes, so an outsider behind the same proxy cannot lock out the real sender. Kept in memory:
 * per replica, reset by a restart.
 */
public final class FailedTokenBrake {

    static final int MAX_FAILURES = 5;
    static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(long since, int count) {
    }

    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    /** The caller's address, as the HTTP server saw it. */
    public static String addressOf(org.apache.camel.Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(
                org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.REMOTE_ADDRESS);
        if (remote instanceof io.vertx.core.net.SocketAddress socket) {
            return socket.hostAddress();
        }
        return String.valueOf(remote);
    }

    /** Refuses with 429 (and Retry-After) while the address is braked. */
    public void check(String address, String what) {
        long wait = retryAfterSeconds(address, System.currentTimeMillis());
        if (wait > 0) {
            throw new dev.shirase.webhook.RejectedRequest(429, "too many wrong " + what + " tokens from this address;"
                    + " try again in " + wait + " s", wait);
        }
    }

    /** Seconds until the address may try again; 0 when it may now. */
    public long retryAfterSeconds(String address, long now) {
        Failures f = byAddress.get(address);
        if (f == null || f.count() < MAX_FAILURES) {
            return 0;
        }
        long left = f.since() + WINDOW_MILLIS - now;
        if (left <= 0) {
            byAddress.remove(address);
            return 0;
        }
        return (left + 999) / 1000;
    }

    /**
     * A wrong token from the address: 429 (with Retry-After) once it is braked, else the guess is counted and the
     * caller answers 401.
     */
    public void wrong(String address, String what) {
        check(address, what);
        failed(address, System.currentTimeMillis());
    }

    public void failed(String address, long now) {
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.entrySet().removeIf(e -> e.getValue().since() + WINDOW_MILLIS < now); // bounded memory
        }
        byAddress.merge(address, new Failures(now, 1), (old, one) -> old.since() + WINDOW_MILLIS < now
                ? one : new Failures(old.since(), old.count() + 1));
    }
}

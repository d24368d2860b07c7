package dev.shirase.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;

/**
 * What request bodies may hold at once, so that nobody, with or without credentials, can starve the port:
 * <ul>
 * <li>a body must arrive within shirase.intake.body-timeout of its headers; a slower one is answered 408 and its
 * connection closed, which releases what it held;</li>
 * <li>the bodies in memory at once are bounded (shirase.intake.max-in-flight-bytes): a request whose Content-Length
 * (or, chunked, the server's largest body) would take them over it is answered 503 with Retry-After before its
 * body is read; one request is always let in when none is in flight;</li>
 * <li>one client address holds at most half of that, so a few sockets cannot take it all;</li>
 * <li>a request without a body, or with a small one (at most 1/128 of the budget, 64 KiB by default: health, the
 * alert form, Twilio's callbacks, every webhook Shirase knows), never counts against it.</li>
 * </ul>
 */
public final class IntakeBudget {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntakeBudget.class);
    private static final String BODY = "{\"status\":\"unavailable\",\"reason\":\"too many large requests at once;"
            + " nothing was accepted, retry later\"}";

    private final long budget;
    private final long largestBody;
    private final long bodyTimeoutMillis;
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, AtomicLong> byAddress = new ConcurrentHashMap<>();

    public IntakeBudget(long budget, long largestBody, long bodyTimeoutMillis) {
        this.budget = budget;
        this.largestBody = largestBody;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
    }

    /** Puts the deadline and the budget in front of every route, behind the ready gate. */
    public void install(CamelContext context) {
        Router router = HttpRouter.of(context);
        if (router == null) {
            return;
        }
        // a connection the client (or the deadline) closed mid-body: nobody to answer, nothing to log above DEBUG
        router.route().order(Integer.MIN_VALUE).failureHandler(failed -> {
            if (failed.failure() instanceof io.vertx.core.http.HttpClosedException || failed.response().closed()) {
                LOG.debug("{} {}: the connection closed before the request was read", failed.request().method(),
                        failed.normalizedPath());
                return;
            }
            failed.next();
        });
        router.route().order(Integer.MIN_VALUE + 1).handler(request -> {
            HttpServerRequest in = request.request();
            long size = size(in);
            if (size == 0) {
                request.next(); // no body: nothing to hold, nothing to wait for
                return;
            }
            deadline(request);
            if (budget <= 0 || size <= budget / 128) {
                request.next();
                return;
            }
            String address = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
            if (!reserve(address, size)) {
                request.response().setStatusCode(503)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Retry-After", "1")
                        .putHeader("Connection", "close")
                        .end(BODY)
                        .onComplete(sent -> in.connection().close()); // its body is not read: nothing to wait for
                return;
            }
            request.addEndHandler(done -> release(address, size));
            request.next();
        });
    }

    /** 408 and the connection closed when the body has not all arrived in time. */
    private void deadline(RoutingContext request) {
        if (bodyTimeoutMillis <= 0 || request.request().isEnded()) {
            return;
        }
        long timer = request.vertx().setTimer(bodyTimeoutMillis, id -> {
            HttpServerRequest in = request.request();
            if (in.isEnded() || request.response().ended() || request.response().closed()) {
                return;
            }
            request.response().setStatusCode(408)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end("{\"status\":\"rejected\",\"reason\":\"the request body did not arrive within "
                            + bodyTimeoutMillis + " ms (shirase.intake.body-timeout); nothing was accepted\"}")
                    .onComplete(sent -> in.connection().close());
        });
        request.addEndHandler(done -> request.vertx().cancelTimer(timer));
    }

    /** The body's size: its Content-Length, the largest a body may be when chunked, 0 when there is none. */
    private long size(HttpServerRequest in) {
        String contentLength = in.getHeader("Content-Length");
        if (contentLength != null) {
            try {
                return Math.max(0, Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                return largestBody; // Vert.x refuses it; count it as the largest
            }
        }
        String encoding = in.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank() ? largestBody : 0;
    }

    private boolean reserve(String address, long size) {
        AtomicLong mine = byAddress.computeIfAbsent(address, a -> new AtomicLong());
        while (true) {
            long now = inFlight.get();
            long held = mine.get();
            if (now > 0 && (now + size > budget || held + size > budget / 2)) {
                if (held == 0) {
                    byAddress.remove(address, mine); // bounded memory: only addresses holding something are kept
                }
                return false;
            }
            if (inFlight.compareAndSet(now, now + size)) {
                mine.addAndGet(size);
                return true;
            }
        }
    }

    private void release(String address, long size) {
        inFlight.addAndGet(-size);
        AtomicLong mine = byAddress.get(address);
        if (mine != null && mine.addAndGet(-size) <= 0) {
            byAddress.remove(address, mine); // bounded memory: only addresses holding something are kept
        }
    }
}

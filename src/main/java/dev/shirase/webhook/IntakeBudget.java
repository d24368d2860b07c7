package dev.shirase.webhook;

import java.util.concurrent.atomic.AtomicLong;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;

/**
 * A bound on the request bodies held in memory at once (shirase.intake.max-in-flight-bytes): a request whose
 * Content-Length (or, without one, the server's largest body) would take the bodies in flight over it is answered
 * 503 with Retry-After before its body is read, instead of the heap running out under many large requests. One
 * request is always let in when none is in flight, so a budget below the largest body still serves it.
 */
public final class IntakeBudget {

    private static final String BODY = "{\"status\":\"unavailable\",\"reason\":\"too many large requests at once;"
            + " nothing was accepted, retry later\"}";

    private final long budget;
    private final long largestBody;
    private final AtomicLong inFlight = new AtomicLong();

    public IntakeBudget(long budget, long largestBody) {
        this.budget = budget;
        this.largestBody = largestBody;
    }

    /** Puts the budget in front of every route, behind the ready gate. */
    public void install(CamelContext context) {
        Router router = HttpRouter.of(context);
        if (router == null || budget <= 0) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(request -> {
            long size = size(request.request().getHeader("Content-Length"));
            if (!reserve(size)) {
                request.response().setStatusCode(503)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Retry-After", "1")
                        .end(BODY);
                return;
            }
            request.addEndHandler(done -> inFlight.addAndGet(-size));
            request.next();
        });
    }

    private long size(String contentLength) {
        if (contentLength != null) {
            try {
                return Math.max(0, Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                // Vert.x refuses it; count it as the largest
            }
        }
        return largestBody;
    }

    private boolean reserve(long size) {
        while (true) {
            long now = inFlight.get();
            if (now > 0 && now + size > budget) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + size)) {
                return true;
            }
        }
    }
}

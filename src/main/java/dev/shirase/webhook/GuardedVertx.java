package dev.shirase.webhook;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;

/**
 * The Vert.x instance of Shirase's HTTP servers, bound in the registry so Camel's platform-http server uses it
 * (it looks one up before making its own). It is where the server can be set up before it listens, which Camel 4.17
 * has no settings for:
 * <ul>
 * <li>the guards go in front of the routes ({@code beforeListen}: the ready gate, the intake budget, JSON refusals)
 * before the port opens, so no request ever meets the router unguarded (Vert.x's HTML 404 in the instant between
 * the port opening and the guards going in, which a sender takes as "gone for good");</li>
 * <li>an idle timeout (shirase.intake.idle-timeout): a socket that sends nothing is closed;</li>
 * <li>a request the HTTP decoder refuses (a line or headers too long, a malformed request) is answered as JSON with
 * a reason, like every other refusal, instead of Vert.x's empty 400, 414 or 431.</li>
 * </ul>
 */
public final class GuardedVertx extends VertxWrapper {

    private final Duration idleTimeout;
    private final Runnable beforeListen;
    private final AtomicBoolean guarded = new AtomicBoolean();

    private GuardedVertx(VertxInternal vertx, Duration idleTimeout, Runnable beforeListen) {
        super(vertx);
        this.idleTimeout = idleTimeout;
        this.beforeListen = beforeListen;
    }

    /** A new Vert.x instance; {@code beforeListen} runs once, when the first server is made (routes' router ready). */
    public static GuardedVertx create(Duration idleTimeout, Runnable beforeListen) {
        return new GuardedVertx((VertxInternal) Vertx.vertx(), idleTimeout, beforeListen);
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        if (guarded.compareAndSet(false, true)) {
            beforeListen.run();
        }
        options.setIdleTimeout((int) Math.max(0, idleTimeout.toSeconds())).setIdleTimeoutUnit(TimeUnit.SECONDS);
        return super.createHttpServer(options).invalidRequestHandler(GuardedVertx::refuseUnreadable);
    }

    @Override
    public HttpServer createHttpServer() {
        return createHttpServer(new HttpServerOptions());
    }

    /** As Vert.x's own answer (414, 431 or 400, the connection closed), with a JSON reason. */
    private static void refuseUnreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        int status;
        String reason;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            reason = "the request line is too long";
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = 431;
            reason = "the request headers are too large";
        } else {
            status = 400;
            reason = "the request could not be read as HTTP";
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end("{\"status\":\"rejected\",\"reason\":\"" + reason + "\"}");
    }
}

package dev.shirase.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.shirase.settings.Durations;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims the due head of each lane, hands it to the channel's
 * {@code direct:<channel>-send} route for one attempt, and records the outcome (sent, retry later, dead).
 * Woken at once when a message is accepted; otherwise it looks for due retries every poll interval.
 */
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final DeliverySettings settings;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private CamelContext context;
    private SendRoutes sendRoutes;
    private ProducerTemplate template;
    private DeliveryLog log;
    private ExecutorService workers;
    private Thread loop;

    public Dispatcher(Outbox outbox, DeliverySettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    public void start(CamelContext context, io.micrometer.core.instrument.MeterRegistry registry) {
        this.context = context;
        this.sendRoutes = new SendRoutes(context);
        this.template = context.createProducerTemplate();
        this.log = new DeliveryLog(registry, context);
        this.workers = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread t = new Thread(runnable, "shirase-delivery");
            t.setDaemon(true);
            return t;
        });
        running = true;
        loop = new Thread(this::run, "shirase-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** A message was accepted or a lane came free: look now instead of at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Stops claiming; waits up to {@code timeoutMillis} for attempts in flight. The rest stays pending. */
    public void stop(long timeoutMillis) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            // the loop ends first, so nothing is claimed after the workers stop taking attempts
            loop.join(timeoutMillis);
            workers.shutdown();
            if (!workers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} delivery attempt(s) still in flight at shutdown; they stay claimed until their lease ends",
                        inFlight.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                int free = settings.workers() - inFlight.get();
                int claimed = 0;
                if (free > 0 && running) {
                    long now = System.currentTimeMillis();
                    for (List<Outbox.Claimed> run : outbox.claimRuns(settings.nodeId(), now,
                            now + settings.lease().toMillis(), free, settings::runLength)) {
                        inFlight.incrementAndGet();
                        claimed++;
                        workers.execute(() -> attempt(run));
                    }
                }
                if (claimed == 0) {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!dev.shirase.store.StoreOutage.isStoreFailure(e)) { // a store outage is logged once, by the store
                    LOG.error("Delivery dispatcher: {}; trying again in {}", e.getMessage(), settings.pollInterval());
                }
                sleep(settings.pollInterval().toMillis());
            }
        }
    }

    /**
     * Sends a lane's run one message after the other while each is sent, and records the sent ones together; the
     * first failure is recorded as always (retry later or dead) and the rest of the run goes back in line behind
     * it, as does the rest when the runtime stops.
     */
    private void attempt(List<Outbox.Claimed> run) {
        List<Outbox.Claimed> sent = new ArrayList<>();
        int next = 0;
        try {
            while (next < run.size() && (next == 0 || running)) {
                Outbox.Claimed message = run.get(next++);
                if (!attempt(message)) {
                    break;
                }
                sent.add(message);
            }
        } finally {
            if (!sent.isEmpty()) {
                long now = System.currentTimeMillis();
                Outbox.Claimed last = sent.get(sent.size() - 1);
                untilStored(last, "record the sent message(s)",
                        () -> outbox.markSent(sent, now, now + settings.intervalMillis(last.channel())));
                sent.forEach(log::sent);
            }
            List<Outbox.Claimed> rest = run.subList(next, run.size());
            if (!rest.isEmpty()) {
                untilStored(rest.get(0), "put the rest of the run back in line", () -> outbox.release(rest));
            }
            inFlight.decrementAndGet();
            wake();
        }
    }

    /** One attempt; true when sent (recorded with its run), else the failure is recorded here. */
    private boolean attempt(Outbox.Claimed message) {
        Targets.Target target;
        try {
            target = sendRoutes.target(message);
        } catch (Targets.Unset unset) {
            untilStored(message, "record the attempt", () -> dead(message, unset.getMessage()));
            return false;
        }
        Exception first = send(message, target);
        // a dropped connection is tried again at once, on a new one, rather than after the schedule's first wait
        Exception failure = first != null && Retryable.isDroppedConnection(first) ? send(message, target) : first;
        if (failure == null) {
            return true;
        }
        untilStored(message, "record the attempt", () -> record(message, failure, target.url()));
        return false;
    }

    /** One request through the channel's send route: null when sent, else why not. */
    private Exception send(Outbox.Claimed message, Targets.Target target) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(message.payload());
        exchange.setProperty(Delivery.TARGET, target.url());
        exchange.setProperty(Delivery.TARGET_TOKEN, target.token());
        exchange.setProperty(Delivery.CHANNEL, message.channel());
        template.send(sendRoutes.endpoint(message.channel()), exchange);
        return exchange.getException();
    }

    /**
     * Runs a store write; while the store refuses (disk full, database down) it keeps trying until the claim's
     * lease is nearly over, so the lane goes on as soon as the store is back instead of waiting out the lease.
     */
    private void untilStored(Outbox.Claimed message, String what, Runnable write) {
        long giveUpAt = System.currentTimeMillis() + settings.lease().toMillis() / 2;
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > giveUpAt) {
                    LOG.error("{} message {}: could not {} ({}); it is tried again after its lease",
                            message.channel(), message.id(), what, e.getMessage());
                    return;
                }
                if (!dev.shirase.store.StoreOutage.isStoreFailure(e)) { // an outage is logged once, by the store
                    LOG.warn("{} message {}: could not {} yet ({}); trying again in {}",
                            message.channel(), message.id(), what, e.getMessage(), settings.pollInterval());
                }
                sleep(settings.pollInterval().toMillis());
            }
        }
    }

    private void record(Outbox.Claimed message, Exception failure, String target) {
        long now = System.currentTimeMillis();
        String reason = DeliveryLog.reason(failure, target);
        if (failure instanceof dev.shirase.webhook.RejectedRequest) {
            // a replayed inbound event that still cannot be read: the sender's mistake, kept as it was
            outbox.markDead(message, reason);
            log.deadInput(message, reason);
            return;
        }
        if (!Retryable.isRetryable(sendRoutes.route(message.channel()).retryReadTimeout(), failure)) {
            dead(message, reason);
            return;
        }
        long retryAfter = failure instanceof HttpOperationFailedException http
                ? Math.min(RetryAfter.millis(http).orElse(0), settings.maxRetryAfter().toMillis()) : 0;
        long next = settings.schedule().nextAttemptAt(message.attempts() + 1, message.createdAt(), now, retryAfter);
        if (next < 0) {
            dead(message, reason + "; gave up after " + Durations.words(settings.giveUpAfter()));
        } else {
            outbox.retryAt(message, next, reason);
            log.retried(message, reason, next - now);
        }
    }

    private void dead(Outbox.Claimed message, String reason) {
        outbox.markDead(message, reason);
        log.dead(message, reason);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

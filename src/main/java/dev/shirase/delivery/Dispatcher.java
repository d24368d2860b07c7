package dev.shirase.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
                    for (Outbox.Claimed message : outbox.claimDue(settings.nodeId(), now,
                            now + settings.lease().toMillis(), free)) {
                        inFlight.incrementAndGet();
                        claimed++;
                        workers.execute(() -> attempt(message));
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
                LOG.error("Delivery dispatcher: {}; trying again in {}", e.getMessage(), settings.pollInterval());
                sleep(settings.pollInterval().toMillis());
            }
        }
    }

    private void attempt(Outbox.Claimed message) {
        try {
            Targets.Target target;
            try {
                target = Targets.resolve(message.channel(), message.destination(), context.getPropertiesComponent());
            } catch (Targets.Unset unset) {
                dead(message, unset.getMessage());
                return;
            }
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(message.payload());
            exchange.setProperty(Delivery.TARGET, target.url());
            exchange.setProperty(Delivery.TARGET_TOKEN, target.token());
            exchange.setProperty(Delivery.CHANNEL, message.channel());
            template.send("direct:" + message.channel() + "-send", exchange);
            recordUntilStored(message, exchange.getException(), target.url());
        } finally {
            inFlight.decrementAndGet();
            wake();
        }
    }

    /**
     * Records the outcome; while the store refuses (disk full, database down) it keeps trying until the claim's
     * lease is nearly over, so the lane goes on as soon as the store is back instead of waiting out the lease.
     */
    private void recordUntilStored(Outbox.Claimed message, Exception failure, String target) {
        long giveUpAt = System.currentTimeMillis() + settings.lease().toMillis() / 2;
        while (true) {
            try {
                record(message, failure, target);
                return;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > giveUpAt) {
                    LOG.error("{} message {}: could not record the attempt ({}); it is tried again after its lease",
                            message.channel(), message.id(), e.getMessage());
                    return;
                }
                LOG.warn("{} message {}: could not record the attempt yet ({}); trying again in {}",
                        message.channel(), message.id(), e.getMessage(), settings.pollInterval());
                sleep(settings.pollInterval().toMillis());
            }
        }
    }

    private void record(Outbox.Claimed message, Exception failure, String target) {
        long now = System.currentTimeMillis();
        if (failure == null) {
            outbox.markSent(message, now, now + settings.intervalMillis(message.channel()));
            log.sent(message);
            return;
        }
        String reason = DeliveryLog.reason(failure, target);
        if (failure instanceof dev.shirase.webhook.RejectedRequest) {
            // a replayed inbound event that still cannot be read: the sender's mistake, kept as it was
            outbox.markDead(message, reason);
            log.deadInput(message, reason);
            return;
        }
        if (!Retryable.isRetryable(message.channel(), failure)) {
            dead(message, reason);
            return;
        }
        long retryAfter = failure instanceof HttpOperationFailedException http
                ? Math.min(RetryAfter.millis(http).orElse(0), settings.maxRetryAfter().toMillis()) : 0;
        long next = settings.schedule().nextAttemptAt(message.attempts() + 1, message.createdAt(), now, retryAfter);
        if (next < 0) {
            dead(message, reason + "; gave up after " + settings.giveUpAfter());
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

package dev.shirase.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store is answering, as the statements see it: the first failure after it answered is one WARN line
 * (webhooks answer 503, timers and the dispatcher wait), the first success after that one INFO line with how long
 * it was down. Everything else that meets the outage stays quiet about it, so a down database is two log lines,
 * not a stack trace per timer tick.
 */
public final class StoreOutage {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

    private volatile long downSince;

    /** A statement failed. */
    void failed(Throwable failure) {
        if (downSince == 0) {
            synchronized (this) {
                if (downSince == 0) {
                    downSince = System.currentTimeMillis();
                    LOG.warn("The store is unavailable ({}): webhooks are answered 503 with Retry-After, schedules"
                            + " and deliveries wait until it is back", StoreTrouble.of(failure));
                }
            }
        }
    }

    /** A statement worked. */
    void answered() {
        long since = downSince;
        if (since != 0) {
            synchronized (this) {
                if (downSince != 0) {
                    LOG.info("The store is back after {} s", (System.currentTimeMillis() - downSince) / 1000);
                    downSince = 0;
                }
            }
        }
    }

    /** Whether a failure is the store's (down, full, read-only), which this reports once. */
    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Jdbc.StoreException) {
                return true;
            }
        }
        return false;
    }
}

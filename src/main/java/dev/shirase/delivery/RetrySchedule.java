package dev.shirase.delivery;

import dev.shirase.settings.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * When a failed message is tried again: the n-th wait of the schedule after the n-th failure, the last wait
 * repeating, until the message is older than give-up-after. A 429 that asks for longer gets its wait.
 */
public final class RetrySchedule {

    private final List<Duration> waits;
    private final Duration giveUpAfter;

    public RetrySchedule(List<Duration> waits, Duration giveUpAfter) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("shirase.delivery.retry-schedule needs at least one wait");
        }
        this.waits = List.copyOf(waits);
        this.giveUpAfter = giveUpAfter;
    }

    /** From settings: "5s,30s,2m,10m,30m,1h,2h" and "24h". */
    public static RetrySchedule parse(String schedule, String giveUpAfter) {
        return new RetrySchedule(Arrays.stream(schedule.split(","))
                .map(w -> Durations.parse("shirase.delivery.retry-schedule", w))
                .toList(), Durations.parse("shirase.delivery.give-up-after", giveUpAfter));
    }

    /**
     * The time of the next attempt after {@code failures} failed attempts (1 = the first failed), or -1 when the
     * message is too old to try again.
     */
    public long nextAttemptAt(int failures, long createdAt, long now, long retryAfterMillis) {
        long wait = waits.get(Math.min(failures, waits.size()) - 1).toMillis();
        long next = now + Math.max(wait, retryAfterMillis);
        return next - createdAt > giveUpAfter.toMillis() ? -1 : next;
    }
}

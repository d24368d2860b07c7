package dev.shirase.delivery;

import dev.shirase.settings.Durations;
import java.time.Duration;
import java.util.Locale;

import dev.shirase.settings.Settings;
import org.apache.camel.spi.PropertiesComponent;

/** The shirase.delivery.* settings. */
public record DeliverySettings(String nodeId, int workers, int runLength, Duration pollInterval, Duration lease,
        RetrySchedule schedule, Duration giveUpAfter, Duration maxRetryAfter, Duration sentRetention,
        PropertiesComponent properties) {

    public static DeliverySettings from(PropertiesComponent p, String nodeId) {
        String giveUp = get(p, "shirase.delivery.give-up-after", "24h");
        return new DeliverySettings(nodeId,
                Integer.parseInt(get(p, "shirase.delivery.workers", "4")),
                Integer.parseInt(get(p, "shirase.delivery.run-length", "20")),
                Settings.duration(p, "shirase.delivery.poll-interval", "1s"),
                Settings.duration(p, "shirase.delivery.lease", "2m"),
                RetrySchedule.parse(get(p, "shirase.delivery.retry-schedule", "5s,30s,2m,10m,30m,1h,2h"), giveUp),
                Durations.parse("shirase.delivery.give-up-after", giveUp),
                Settings.duration(p, "shirase.delivery.max-retry-after", "1h"),
                Settings.duration(p, "shirase.outbox.sent-retention", "7d"),
                p);
    }

    /** Milliseconds between two messages to one destination of this channel; 0 = no limit. */
    public long intervalMillis(String channel) {
        String key = "shirase.delivery.rate." + channel;
        String rate = get(properties, key, "0");
        double perSecond;
        try {
            perSecond = Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be messages per second, like 1 or 0.5, not '" + rate + "'");
        }
        return perSecond <= 0 ? 0 : Math.round(1000 / perSecond);
    }

    /** How many of a lane's messages one claim takes: a paced channel sends one at a time anyway. */
    public int runLength(String channel) {
        return intervalMillis(channel) > 0 ? 1 : Math.max(1, runLength);
    }

    static String get(PropertiesComponent p, String key, String fallback) {
        return Settings.get(p, key, fallback).toLowerCase(Locale.ROOT);
    }
}

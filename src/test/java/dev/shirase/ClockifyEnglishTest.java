package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import dev.shirase.support.Fixtures;
import dev.shirase.support.RunningShirase;
import dev.shirase.support.StandInServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** clockify.language=en, and no clockify.webhook-signature with clockify.allow-unsigned=true: accepted. */
class ClockifyEnglishTest {

    private static StandInServer discord;
    private static RunningShirase shirase;

    @BeforeAll
    static void start() {
        discord = StandInServer.start();
        shirase = RunningShirase
                .with("clockify.discord-webhook-url", discord.url("/api/webhooks/42/token"))
                .with("clockify.language", "en")
                .with("clockify.allow-unsigned", "true")
                .start();
    }

    @AfterAll
    static void stop() {
        shirase.close();
        discord.close();
    }

    @BeforeEach
    void reset() {
        discord.reset();
    }

    private static String sent(String fixture) {
        assertEquals(202, shirase.postJson("/clockify", Fixtures.read(fixture)).statusCode());
        return discord.awaitRequests(1, Duration.ofSeconds(10)).get(0).body();
    }

    @Test
    void startedTimerPostsEnglishMessage() {
        assertEquals("{\"content\":\"Hanako Yamada started Acme - Website Weekly report.\","
                + "\"allowed_mentions\":{\"parse\":[]}}", sent("clockify/clockify-timer-started.json"));
    }

    @Test
    void stoppedTimerPostsEnglishMessageWithDuration() {
        assertEquals("{\"content\":\"Hanako Yamada stopped Acme - Website Weekly report. Good work. (1h 23m)\","
                + "\"allowed_mentions\":{\"parse\":[]}}", sent("clockify/clockify-timer-stopped.json"));
    }

    @Test
    void stoppedTimerWithoutProjectPostsEnglishMessage() {
        assertEquals("{\"content\":\"Hanako Yamada stopped a timer. Good work. (1h 23m)\","
                + "\"allowed_mentions\":{\"parse\":[]}}", sent("clockify/clockify-timer-stopped-no-project.json"));
    }
}

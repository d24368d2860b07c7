package dev.shirase.clockify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import dev.shirase.Wording;
import dev.shirase.clockify.ClockifyTimeEntry.Project;
import dev.shirase.clockify.ClockifyTimeEntry.TimeInterval;
import dev.shirase.clockify.ClockifyTimeEntry.User;
import org.junit.jupiter.api.Test;

class ClockifyMessageTest {

    private final ClockifyMessage message = new ClockifyMessage();

    private static ClockifyTimeEntry entry(boolean running, Project project, String description, TimeInterval interval) {
        return new ClockifyTimeEntry("e1", description, running, interval, project, new User(" Taro "));
    }

    @Test
    void subjectLeavesOutWhatIsMissing() {
        assertEquals("Acme - Web Fix", ClockifyMessage.subject(entry(true, new Project("Web", "Acme"), "Fix", null)));
        assertEquals("Web Fix", ClockifyMessage.subject(entry(true, new Project("Web", ""), "Fix", null)));
        assertEquals("Acme", ClockifyMessage.subject(entry(true, new Project(null, "Acme"), " ", null)));
        assertEquals("Fix", ClockifyMessage.subject(entry(true, null, " Fix ", null)));
        assertEquals("", ClockifyMessage.subject(entry(true, null, null, null)));
    }

    @Test
    void startedWithoutAnythingToNameSaysTimer() {
        assertEquals("Taro がタイマーを開始しました.", message.format(entry(true, null, "", null), "ja"));
        assertEquals("Taro started a timer.", message.format(entry(true, null, "", null), "en"));
    }

    @Test
    void trackedTimeComesFromTheDurationElseFromStartAndEnd() {
        assertEquals(Duration.ofMinutes(90), ClockifyMessage.tracked(new TimeInterval(null, null, "PT1H30M")));
        assertEquals(Duration.ofMinutes(5), ClockifyMessage.tracked(
                new TimeInterval("2024-05-21T01:00:00Z", "2024-05-21T01:05:00Z", null)));
        assertNull(ClockifyMessage.tracked(new TimeInterval("garbage", "2024-05-21T01:05:00Z", null)));
        assertNull(ClockifyMessage.tracked(new TimeInterval(null, null, "-PT5M")));
        assertNull(ClockifyMessage.tracked(null));
    }

    @Test
    void durationReadsNaturallyInBothLanguages() {
        Wording ja = Wording.of("ja");
        Wording en = Wording.of("en");
        assertEquals("1時間23分", ClockifyMessage.duration(Duration.parse("PT1H23M45S"), ja));
        assertEquals("2時間", ClockifyMessage.duration(Duration.ofHours(2), ja));
        assertEquals("25時間1分", ClockifyMessage.duration(Duration.parse("PT25H1M"), ja));
        assertEquals("7分", ClockifyMessage.duration(Duration.parse("PT7M3S"), ja));
        assertEquals("42秒", ClockifyMessage.duration(Duration.ofSeconds(42), ja));
        assertEquals("1h 23m", ClockifyMessage.duration(Duration.parse("PT1H23M45S"), en));
        assertEquals("0s", ClockifyMessage.duration(Duration.ZERO, en));
    }

    @Test
    void stoppedWithoutUsableDurationOmitsIt() {
        assertEquals("Taro が Fix を終了しました. お疲れ様でした.",
                message.format(entry(false, null, "Fix", new TimeInterval("2024", null, null)), "ja"));
    }

    @Test
    void unsupportedLanguageFallsBackToJapanese() {
        assertEquals("Taro が Fix を開始しました.", message.format(entry(true, null, "Fix", null), "fr"));
    }
}

package dev.shirase.clockify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import dev.shirase.clockify.ClockifyTimeEntry.Project;
import dev.shirase.clockify.ClockifyTimeEntry.TimeInterval;
import dev.shirase.clockify.ClockifyTimeEntry.User;
import org.junit.jupiter.api.Test;

class ClockifyMessageTest {

    private final ClockifyMessage message = new ClockifyMessage();

    private static ClockifyTimeEntry entry(boolean running, Project project, String description, TimeInterval interval) {
        return new ClockifyTimeEntry("e1", description, running, interval, project, new User(" Taro "), null);
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
    void trackedTimeComesFromTheDurationElseFromStartAndEnd() {
        assertEquals(Duration.ofMinutes(90), ClockifyMessage.tracked(new TimeInterval(null, null, "PT1H30M")));
        assertEquals(Duration.ofMinutes(5), ClockifyMessage.tracked(
                new TimeInterval("2024-05-21T01:00:00Z", "2024-05-21T01:05:00Z", null)));
        assertNull(ClockifyMessage.tracked(new TimeInterval("garbage", "2024-05-21T01:05:00Z", null)));
        assertNull(ClockifyMessage.tracked(new TimeInterval(null, null, "-PT5M")));
        assertNull(ClockifyMessage.tracked(null));
    }

    @Test
    void durationPartsLeaveOutZerosAndShowSecondsOnlyWithoutHoursAndMinutes() {
        assertEquals(new ClockifyValues.Tracked("1", "23", null), ClockifyMessage.parts(Duration.parse("PT1H23M45S")));
        assertEquals(new ClockifyValues.Tracked("2", null, null), ClockifyMessage.parts(Duration.ofHours(2)));
        assertEquals(new ClockifyValues.Tracked(null, "7", null), ClockifyMessage.parts(Duration.parse("PT7M3S")));
        assertEquals(new ClockifyValues.Tracked(null, null, "0"), ClockifyMessage.parts(Duration.ZERO));
    }

    @Test
    void aStoppedTimerWithoutUsableTimesHasNoDuration() {
        ClockifyValues values = message.values(entry(false, null, "Fix", new TimeInterval("2024", null, null)));
        assertEquals(new ClockifyValues("Taro", "Fix", false, true, null, null, null, null, "Fix"), values);
    }
}

package dev.shirase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final long HOUR = 3_600_000;
    private final RetrySchedule schedule = RetrySchedule.parse("5s,30s,2m,10m,30m,1h,2h", "24h");

    @Test
    void waitsFollowTheScheduleAndTheLastOneRepeats() {
        assertEquals(5_000, schedule.nextAttemptAt(1, 0, 0, 0));
        assertEquals(30_000, schedule.nextAttemptAt(2, 0, 0, 0));
        assertEquals(HOUR, schedule.nextAttemptAt(6, 0, 0, 0));
        assertEquals(2 * HOUR, schedule.nextAttemptAt(7, 0, 0, 0));
        assertEquals(12 * HOUR, schedule.nextAttemptAt(12, 0, 10 * HOUR, 0));
    }

    @Test
    void a429AskingForLongerGetsItsWait() {
        assertEquals(60_000, schedule.nextAttemptAt(1, 0, 0, 60_000));
        assertEquals(30_000, schedule.nextAttemptAt(2, 0, 0, 2_000));
    }

    @Test
    void givesUpOnceTheMessageWouldBeOlderThanTheLimit() {
        assertEquals(-1, schedule.nextAttemptAt(15, 0, 23 * HOUR, 0));
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrySchedule.parse("5s,soon", "24h"));
        assertEquals("shirase.delivery.retry-schedule must be a duration like 500ms, 5s, 2m, 1h or 7d, not 'soon'",
                e.getMessage());
    }
}

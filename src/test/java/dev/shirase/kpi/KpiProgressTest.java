package dev.shirase.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import dev.shirase.scheduled.Numbers;
import dev.shirase.scheduled.Skipped;
import org.junit.jupiter.api.Test;

class KpiProgressTest {

    private static KpiProgress progress(Object actual, Object goal) {
        return KpiProgress.of(Numbers.parse(actual, "actual"), Numbers.parse(goal, "goal"));
    }

    @Test
    void progressIsRoundedToWholePercentAndRemainingIsWhatIsLeft() {
        KpiProgress p = progress("123", "150");

        assertEquals(82, p.percent());
        assertEquals(new BigDecimal("27"), p.remaining());
        assertFalse(p.reached());
        assertEquals(67, progress(2, 3).percent()); // 66.67 rounds up
        assertEquals(50, progress("0.5", "1").percent());
    }

    @Test
    void actualAboveTheGoalIsReachedNotANegativeRemainder() {
        KpiProgress p = progress(180, 150);

        assertTrue(p.reached());
        assertEquals(120, p.percent());
        assertTrue(progress(150, 150).reached());
    }

    @Test
    void aZeroOrNegativeGoalHasNoProgress() {
        Skipped zero = assertThrows(Skipped.class, () -> progress(10, "0"));
        assertEquals("this month's goal is 0, so there is no progress to show", zero.getMessage());
        assertThrows(Skipped.class, () -> progress(10, "-5"));
    }

    @Test
    void numbersComeAsJsonNumbersOrStringsAndAnythingElseIsRefused() {
        assertEquals(new BigDecimal("123"), Numbers.parse(" 123 ", "x"));
        assertEquals(new BigDecimal("12.5"), Numbers.parse(12.5, "x"));
        assertEquals("the goal is missing", assertThrows(Skipped.class, () -> Numbers.parse(null, "the goal"))
                .getMessage());
        assertEquals("the goal is empty", assertThrows(Skipped.class, () -> Numbers.parse("", "the goal")).getMessage());
        assertEquals("x is not a number: 'NaN'", assertThrows(Skipped.class, () -> Numbers.parse("NaN", "x"))
                .getMessage());
        assertThrows(Skipped.class, () -> Numbers.parse(Double.POSITIVE_INFINITY, "x"));
        assertThrows(Skipped.class, () -> Numbers.parse("1,234", "x"));
        assertEquals("120", Numbers.show(new BigDecimal("120.00")));
        assertEquals("1200", Numbers.show(new BigDecimal("1.2E+3")));
    }
}

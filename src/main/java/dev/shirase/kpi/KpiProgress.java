package dev.shirase.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.shirase.scheduled.Skipped;

/** How far the actual value is towards the goal: progress in whole percent, and what remains. */
public record KpiProgress(BigDecimal actual, BigDecimal goal, long percent, BigDecimal remaining) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A goal of zero or less has no progress to show: that run posts nothing. */
    public static KpiProgress of(BigDecimal actual, BigDecimal goal) {
        if (goal.signum() <= 0) {
            throw new Skipped("this month's goal is " + goal.toPlainString() + ", so there is no progress to show");
        }
        long percent = actual.multiply(HUNDRED).divide(goal, 0, RoundingMode.HALF_UP).longValueExact();
        return new KpiProgress(actual, goal, percent, goal.subtract(actual));
    }

    public boolean reached() {
        return remaining.signum() <= 0;
    }
}

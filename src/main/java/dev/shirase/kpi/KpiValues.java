package dev.shirase.kpi;

/**
 * What the KPI templates (templates/kpi-progress/) may use. Numbers are shown with at most
 * {@code <prefix>.decimals} decimals, rounded half up.
 *
 * @param label     the KPI's name (setting {@code <prefix>.label})
 * @param unit      its unit ({@code <prefix>.unit})
 * @param actual    the actual value
 * @param goal      this month's goal
 * @param remaining goal minus actual (zero or less once reached)
 * @param progress  actual / goal in whole percent
 * @param reached   true once the actual value is at or past the goal
 */
public record KpiValues(String label, String unit, String actual, String goal, String remaining, String progress,
        boolean reached) {
}

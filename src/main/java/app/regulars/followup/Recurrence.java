package app.regulars.followup;

import java.time.LocalDateTime;

/**
 * How a follow-up repeats. The n-th occurrence is computed from the series' first due time
 * (not from the previous one), so "monthly from 31 January" gives 28/29 February, then 31 March.
 */
public enum Recurrence {
    NONE, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY;

    /** The {@code n}-th occurrence (0 = {@code start}). */
    public LocalDateTime occurrence(LocalDateTime start, int n) {
        return switch (this) {
            case NONE -> start;
            case DAILY -> start.plusDays(n);
            case WEEKLY -> start.plusWeeks(n);
            case MONTHLY -> start.plusMonths(n);
            case QUARTERLY -> start.plusMonths(3L * n);
            case YEARLY -> start.plusYears(n);
        };
    }

    public boolean repeats() {
        return this != NONE;
    }
}

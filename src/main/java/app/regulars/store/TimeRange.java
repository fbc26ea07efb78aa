package app.regulars.store;

import org.jooq.Condition;
import org.jooq.Field;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Conditions on a time column that H2 reads as a range of an index and stops at its end. H2's
 * index cursor takes the bound of {@code column < t} as its last key and leaves the strictness to
 * the condition: it reads every entry equal to {@code t} and drops each. Follow-ups for a whole day
 * are due at the start of their day, so a range ending at a midnight read all of the next day's:
 * some 50,000 check-ins on the day a large shop's are made, to return none of them. The columns
 * are {@code TIMESTAMP} (microseconds, on both engines), so {@code column <= t - 1 µs} holds for
 * exactly the same rows and ends where the range does.
 */
public final class TimeRange {
    private TimeRange() {
    }

    /** {@code column < t}, as a range that ends before {@code t}. */
    public static Condition before(Field<LocalDateTime> column, LocalDateTime t) {
        return column.le(t.minus(1, ChronoUnit.MICROS));
    }

    /** {@code from <= column < to}. */
    public static Condition within(Field<LocalDateTime> column, LocalDateTime from, LocalDateTime to) {
        return column.ge(from).and(before(column, to));
    }
}

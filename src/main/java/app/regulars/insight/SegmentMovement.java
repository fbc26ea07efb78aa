package app.regulars.insight;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * How customers moved between the RFM segments from one date to a later one: {@code counts[i][j]}
 * customers were in segment {@code i} on {@code from} and in segment {@code j} on {@code to}
 * (indexes of {@link Segment#ordinal()}). {@code arrived[j]}: customers in segment j on
 * {@code to} who had no segment on {@code from} (their first purchase came after it);
 * {@code left[i]}: customers in segment i on {@code from} with none on {@code to} (archived since,
 * or outside the settings' window). Segments are relative to the whole customer base on each
 * date, so a customer can move without buying.
 */
public record SegmentMovement(LocalDate from, LocalDate to, int[][] counts, int[] arrived, int[] left) {
    public SegmentMovement {
        int n = Segment.values().length;
        if (counts.length != n || arrived.length != n || left.length != n) {
            throw new IllegalArgumentException("one row and column per segment");
        }
    }

    /** The movement between two snapshots of the insights, {@code before} the earlier. */
    public static SegmentMovement between(InsightSnapshot before, InsightSnapshot after) {
        int n = Segment.values().length;
        int[][] counts = new int[n][n];
        int[] arrived = new int[n];
        int[] left = new int[n];
        Map<Long, Segment> earlier = new HashMap<>();
        before.customers().forEach(c -> earlier.put(c.customerId(), c.segment()));
        for (CustomerInsight c : after.customers()) {
            Segment was = earlier.remove(c.customerId());
            if (was == null) {
                arrived[c.segment().ordinal()]++;
            } else {
                counts[was.ordinal()][c.segment().ordinal()]++;
            }
        }
        earlier.values().forEach(s -> left[s.ordinal()]++);
        return new SegmentMovement(before.asOf(), after.asOf(), counts, arrived, left);
    }

    public int count(Segment from, Segment to) {
        return counts[from.ordinal()][to.ordinal()];
    }

    /** Customers in a segment on both dates whose segment changed. */
    public int moved() {
        int moved = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                if (i != j) {
                    moved += counts[i][j];
                }
            }
        }
        return moved;
    }

    /** Customers in the same segment on both dates. */
    public int stayed() {
        int stayed = 0;
        for (int i = 0; i < counts.length; i++) {
            stayed += counts[i][i];
        }
        return stayed;
    }
}

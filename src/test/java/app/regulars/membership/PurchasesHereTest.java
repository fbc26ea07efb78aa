package app.regulars.membership;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The purchases already here: each matched by at most one row, a row by at most one of them. */
class PurchasesHereTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 2, 23, 58);

    /** A purchase coded as one int: customer 1-3, minute 0-3 after {@link #T0} (across midnight), amount 1-3 yuan. */
    private static long customer(int p) {
        return 1 + p % 3;
    }

    private static LocalDateTime at(int p) {
        return T0.plusMinutes(p / 3 % 4);
    }

    private static BigDecimal amount(int p) {
        return BigDecimal.valueOf(1 + p / 12 % 3).setScale(2);
    }

    private static PurchasesHere here(List<Integer> store) {
        PurchasesHere.Builder b = new PurchasesHere.Builder();
        store.stream().sorted(Comparator.comparingLong(PurchasesHereTest::customer).thenComparing(PurchasesHereTest::at))
                .forEach(p -> b.add(customer(p), at(p), amount(p)));
        return b.build();
    }

    private static String key(int p, boolean dateOnly) {
        return customer(p) + " " + (dateOnly ? at(p).toLocalDate() : at(p)) + " " + amount(p);
    }

    /** Rows with a time: as many are taken as the store and the file have in common, key by key. */
    @Property(tries = 500)
    void theRowsTakenAreTheCommonPartOfStoreAndFile(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 35) Integer> store,
                                                    @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 35) Integer> file) {
        PurchasesHere here = here(store);
        int taken = take(here, file, false);
        assertThat(taken).isEqualTo(common(store, file, false));
        assertThat(take(here, store, false)).as("each purchase here is taken once").isEqualTo(store.size() - taken);
    }

    /** Rows with a date alone match a purchase of that day at any time, never one of the day before or after. */
    @Property(tries = 500)
    void rowsWithADateAloneMatchByDay(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 35) Integer> store,
                                      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 35) Integer> file) {
        assertThat(take(here(store), file, true)).isEqualTo(common(store, file, true));
    }

    /** How many of the rows {@code here} takes; rows with a date alone are read as noon, as the import reads them. */
    private static int take(PurchasesHere here, List<Integer> rows, boolean dateOnly) {
        int taken = 0;
        for (int p : rows) {
            taken += here.take(customer(p), dateOnly ? at(p).toLocalDate().atTime(12, 0) : at(p), dateOnly, amount(p)) ? 1 : 0;
        }
        return taken;
    }

    private static int common(List<Integer> store, List<Integer> file, boolean dateOnly) {
        Map<String, Integer> inStore = new HashMap<>();
        store.forEach(p -> inStore.merge(key(p, dateOnly), 1, Integer::sum));
        Map<String, Integer> inFile = new HashMap<>();
        file.forEach(p -> inFile.merge(key(p, dateOnly), 1, Integer::sum));
        return inFile.entrySet().stream().mapToInt(e -> Math.min(e.getValue(), inStore.getOrDefault(e.getKey(), 0))).sum();
    }

    @Test
    void secondsDoNotMatterAndTheBuilderRefusesPurchasesOutOfOrder() {
        PurchasesHere.Builder b = new PurchasesHere.Builder();
        b.add(7, T0.withSecond(42), new BigDecimal("12.5"));
        PurchasesHere here = b.build();
        assertThat(here.take(7, T0.plusMinutes(1), false, new BigDecimal("12.50"))).isFalse();
        assertThat(here.take(8, T0, false, new BigDecimal("12.50"))).isFalse();
        assertThat(here.take(7, T0, false, new BigDecimal("12.50"))).isTrue();
        assertThat(new PurchasesHere.Builder().build().take(7, T0, false, BigDecimal.ONE)).isFalse();
        PurchasesHere.Builder wrong = new PurchasesHere.Builder();
        wrong.add(7, T0, BigDecimal.ONE);
        assertThatThrownBy(() -> wrong.add(7, T0.minusMinutes(1), BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
    }
}

package app.regulars.insight;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RepeatHistoryTest {
    private static final LocalDate D = LocalDate.of(1997, 9, 30);

    @Test
    void purchasesOnOneDayCountOnceAndTheirAmountsAdd() {
        TreeMap<LocalDate, BigDecimal> days = new TreeMap<>();
        days.put(LocalDate.of(1997, 1, 1), new BigDecimal("29.33"));
        days.put(LocalDate.of(1997, 1, 18), new BigDecimal("29.73").add(new BigDecimal("10.00")));
        days.put(LocalDate.of(1997, 8, 2), new BigDecimal("14.96"));
        days.put(LocalDate.of(1997, 12, 12), new BigDecimal("26.48")); // after D: left out
        RepeatHistory h = RepeatHistory.ofDailySpend(days, D);
        assertThat(h.x()).isEqualTo(2);
        assertThat(h.tx()).isCloseTo(213 / 7.0, within(1e-12));
        assertThat(h.T()).isCloseTo(272 / 7.0, within(1e-12));
        assertThat(h.meanRepeatSpend()).isCloseTo((39.73 + 14.96) / 2, within(1e-9));
    }

    @Test
    void aSingleDayHasNoRepeatsAndNoRepeatSpend() {
        TreeMap<LocalDate, BigDecimal> days = new TreeMap<>();
        days.put(LocalDate.of(1997, 3, 1), new BigDecimal("99"));
        assertThat(RepeatHistory.ofDailySpend(days, D)).isEqualTo(new RepeatHistory(0, 0, RepeatHistory.weeks(LocalDate.of(1997, 3, 1), D), 0));
    }

    @Test
    void refundsLargerThanSalesCountAsZeroSpend() {
        RepeatHistory h = RepeatHistory.of(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 2, 1), 2, new BigDecimal("-5"), D);
        assertThat(h.meanRepeatSpend()).isZero();
    }

    @Test
    void invalidSummariesAreRejected() {
        assertThatThrownBy(() -> new RepeatHistory(-1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatHistory(1, 2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatHistory(0, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatHistory(0, 0, 2, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatHistory(1, 1, Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatHistory(1, 1, 2, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepeatHistory.ofDailySpend(new TreeMap<>(), D)).isInstanceOf(IllegalArgumentException.class);
    }
}

package app.regulars.insight;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One numbering and last day per customer serves every period of the pass. */
class CustomerDaysTest {
    @Test
    void purchasesOnOneDayAreOneDayInEveryPeriodThatHoldsIt() {
        CustomerDays all = new CustomerDays();
        CustomerDays.Period month = new CustomerDays.Period(all); // days 30 to 59
        CustomerDays.Period year = new CustomerDays.Period(all); // days 0 to 364
        CustomerDays.Period[] both = {month, year};
        CustomerDays.Period[] yearOnly = {year};
        assertThat(all.add(7, 10, yearOnly, 1)).isTrue();
        assertThat(all.add(7, 40, both, 2)).isFalse(); // a second day in the year, the first in the month
        assertThat(all.add(7, 40, both, 2)).isFalse(); // the same day again
        assertThat(all.add(9, 41, both, 2)).isTrue();
        assertThat(all.add(9, 41, both, 2)).isFalse();
        assertThat(all.add(11, 45, both, 2)).isTrue();
        assertThat(all.add(11, 50, both, 2)).isFalse();
        for (long id = 1_000; id < 3_000; id++) { // the table grows
            assertThat(all.add(id, 100, yearOnly, 1)).isTrue();
        }
        assertThat(all.size()).isEqualTo(2_003);
        assertThat(month.size()).isEqualTo(3);
        assertThat(month.repeaters()).isEqualTo(1); // 11
        assertThat(year.size()).isEqualTo(2_003);
        assertThat(year.repeaters()).isEqualTo(2); // 7 and 11
        assertThat(month.contains(9)).isTrue();
        assertThat(month.contains(1_000)).isFalse();
        assertThat(year.contains(2_999)).isTrue();
        assertThat(year.contains(3_000)).isFalse();
        assertThat(month.inCommonWith(year)).isEqualTo(3);
        assertThat(all.numberOf(7)).isZero();
        assertThat(all.numberOf(5)).isEqualTo(-1);
    }
}

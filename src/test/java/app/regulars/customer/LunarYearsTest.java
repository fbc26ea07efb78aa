package app.regulars.customer;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.LunarMonth;
import com.nlf.calendar.LunarYear;
import com.nlf.calendar.Solar;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The years kept by {@link LunarYears} say what lunar-java says of each date, worked out afresh. */
class LunarYearsTest {
    @Property(tries = 3000)
    void aLunarDateFallsOnTheSolarDayLunarJavaGives(@ForAll @IntRange(min = 1901, max = 2099) int y,
                                                  @ForAll @IntRange(min = 1, max = 12) int month,
                                                  @ForAll @IntRange(min = 1, max = 30) int day,
                                                  @ForAll boolean leap) {
        LunarMonth m = LunarYear.fromYear(y).getMonth(leap ? -month : month);
        if (m == null) {
            assertThat(LunarYears.dayCount(y, month, leap)).isZero();
            assertThatThrownBy(() -> LunarYears.solar(y, month, leap, day)).isInstanceOf(java.time.DateTimeException.class);
            return;
        }
        assertThat(LunarYears.dayCount(y, month, leap)).isEqualTo(m.getDayCount());
        assertThat(LunarYears.leapMonth(y)).isEqualTo(LunarYear.fromYear(y).getLeapMonth());
        if (day > m.getDayCount()) {
            assertThatThrownBy(() -> LunarYears.solar(y, month, leap, day)).isInstanceOf(java.time.DateTimeException.class);
            return;
        }
        Solar s = Lunar.fromYmd(y, leap ? -month : month, day).getSolar();
        assertThat(LunarYears.solar(y, month, leap, day)).isEqualTo(LocalDate.of(s.getYear(), s.getMonth(), s.getDay()));
    }

    @Property(tries = 3000)
    void aSolarDayIsInTheLunarYearLunarJavaGives(@ForAll @IntRange(min = 0, max = 71_000) int days) {
        LocalDate date = LocalDate.of(1902, 1, 1).plusDays(days); // to 2096
        int expected = Solar.fromYmd(date.getYear(), date.getMonthValue(), date.getDayOfMonth()).getLunar().getYear();
        assertThat(LunarYears.yearOf(date)).isEqualTo(expected);
    }
}

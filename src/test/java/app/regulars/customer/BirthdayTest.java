package app.regulars.customer;

import app.regulars.i18n.Messages;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BirthdayTest {
    @Test
    void lunarNewYearBirthdayFallsOnSpringFestival() {
        Birthday b = Birthday.lunar(null, 1, 1, false);
        assertThat(b.nextOccurrence(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2027, 2, 6));
        assertThat(b.nextOccurrence(LocalDate.of(2024, 1, 1))).isEqualTo(LocalDate.of(2024, 2, 10));
    }

    @Test
    void midAutumnBirthdayFollowsTheLunarCalendar() {
        Birthday b = Birthday.lunar(1988, 8, 15, false);
        assertThat(b.nextOccurrence(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2027, 9, 15));
        assertThat(b.nextOccurrence(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 9, 25));
    }

    @Test
    void lunarBirthdayLaterInTheSameLunarYearIsFound() {
        // 2026-11-23 is in lunar month 10 of 2026; lunar 12/8 (Laba) comes on 2027-01-15.
        assertThat(Birthday.lunar(null, 12, 8, false).nextOccurrence(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2027, 1, 15));
    }

    @Test
    void solarBirthdayOnFebruary29IsKeptOnFebruary28InCommonYears() {
        Birthday b = Birthday.solar(LocalDate.of(2000, 2, 29));
        assertThat(b.nextOccurrence(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(b.nextOccurrence(LocalDate.of(2027, 3, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void birthdayTodayIsToday() {
        assertThat(Birthday.solar(LocalDate.of(1990, 11, 23)).nextOccurrence(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void impossibleDatesAreRefused() {
        assertThatThrownBy(() -> new Birthday(Birthday.Kind.SOLAR, 2001, 2, 29, false)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> new Birthday(Birthday.Kind.SOLAR, null, 4, 31, false)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Birthday.lunar(null, 13, 1, false)).isInstanceOf(DateTimeException.class);
        // 2023 had a leap 2nd month, 2024 had none.
        assertThat(Birthday.lunar(2023, 2, 10, true).leapMonth()).isTrue();
        assertThatThrownBy(() -> Birthday.lunar(2024, 2, 10, true)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void birthdaysAreWrittenForTheLocale() {
        BirthdayFormat zh = new BirthdayFormat(new Messages(Locale.SIMPLIFIED_CHINESE));
        BirthdayFormat en = new BirthdayFormat(new Messages(Locale.ENGLISH));
        assertThat(zh.format(Birthday.lunar(null, 8, 15, false))).isEqualTo("农历八月十五");
        assertThat(zh.format(Birthday.lunar(null, 12, 30, false))).isEqualTo("农历腊月三十");
        assertThat(zh.format(Birthday.lunar(null, 1, 1, false))).isEqualTo("农历正月初一");
        assertThat(en.format(Birthday.lunar(null, 8, 15, false))).isEqualTo("Lunar 8/15");
        assertThat(zh.next(Birthday.solar(LocalDate.of(1990, 11, 25)), LocalDate.of(2026, 11, 23))).isEqualTo("11月25日（2 天后）");
        assertThat(en.next(Birthday.solar(LocalDate.of(1990, 11, 24)), LocalDate.of(2026, 11, 23))).isEqualTo("Nov 24 (tomorrow)");
    }
}

package app.regulars.followup;

import com.nlf.calendar.Lunar;

import java.time.LocalDate;

/**
 * The holidays customers are greeted before. Lunar ones are computed with lunar-java
 * (Spring Festival = 1st day of the 1st lunar month, Mid-Autumn = 15th of the 8th), never tabulated.
 */
public enum Holiday {
    NEW_YEAR, SPRING_FESTIVAL, MID_AUTUMN;

    /** The holiday's date in Gregorian year {@code year}. */
    public LocalDate in(int year) {
        return switch (this) {
            case NEW_YEAR -> LocalDate.of(year, 1, 1);
            case SPRING_FESTIVAL -> solar(Lunar.fromYmd(year, 1, 1));
            case MID_AUTUMN -> solar(Lunar.fromYmd(year, 8, 15));
        };
    }

    /** The first date of this holiday on or after {@code from}. */
    public LocalDate next(LocalDate from) {
        LocalDate d = in(from.getYear());
        return d.isBefore(from) ? in(from.getYear() + 1) : d;
    }

    private static LocalDate solar(Lunar lunar) {
        var s = lunar.getSolar();
        return LocalDate.of(s.getYear(), s.getMonth(), s.getDay());
    }
}

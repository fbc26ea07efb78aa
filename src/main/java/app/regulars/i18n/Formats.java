package app.regulars.i18n;

import app.regulars.customer.Birthday;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;

/** Dates and birthdays written for the user's locale. */
public final class Formats {
    private static final String[] LUNAR_MONTHS = {"正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"};
    private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final Messages messages;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter monthDay;

    public Formats(Messages messages) {
        this.messages = messages;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(messages.locale());
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(messages.locale());
        this.monthDay = DateTimeFormatter.ofPattern(messages.get("format.monthDay"), messages.locale());
    }

    public String date(LocalDate d) {
        return d == null ? "" : date.format(d);
    }

    public String dateTime(LocalDateTime d) {
        return d == null ? "" : dateTime.format(d);
    }

    public String monthDay(LocalDate d) {
        return d == null ? "" : monthDay.format(d);
    }

    /** How the customer states the birthday: {@code 1990-05-12}, or {@code 农历八月十五} / {@code lunar 8/15}. */
    public String birthday(Birthday b) {
        if (b == null) {
            return "";
        }
        if (!b.isLunar()) {
            return b.year() != null ? date(LocalDate.of(b.year(), b.month(), b.day()))
                    : messages.get("format.birthday.solarNoYear", b.month(), b.day());
        }
        String md = messages.isChinese() ? (b.leapMonth() ? "闰" : "") + LUNAR_MONTHS[b.month() - 1] + "月" + lunarDay(b.day())
                : (b.leapMonth() ? messages.get("format.birthday.leap") + " " : "") + b.month() + "/" + b.day();
        return b.year() != null ? messages.get("format.birthday.lunarYear", md, String.valueOf(b.year()))
                : messages.get("format.birthday.lunar", md);
    }

    static String lunarDay(int day) {
        if (day <= 10) {
            return "初" + (day == 10 ? "十" : DIGITS[day]);
        }
        if (day < 20) {
            return "十" + DIGITS[day - 10];
        }
        if (day == 20) {
            return "二十";
        }
        if (day < 30) {
            return "廿" + DIGITS[day - 20];
        }
        return "三十";
    }

    /** The next birthday from {@code today}: "May 12 (in 3 days)", "today". */
    public String nextBirthday(Birthday b, LocalDate today) {
        if (b == null) {
            return "";
        }
        LocalDate next = b.nextOccurrence(today);
        long days = ChronoUnit.DAYS.between(today, next);
        return messages.get("format.nextBirthday", monthDay(next), days);
    }

    /** Money in the shop's currency for the user's locale: "¥128.50", "CN¥128.50", "$12.00". */
    public String money(java.math.BigDecimal amount, java.util.Currency currency) {
        if (amount == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance(messages.locale());
        f.setCurrency(currency);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(amount);
    }

    /** A whole number with the locale's grouping: "12,345". */
    public String integer(long n) {
        return java.text.NumberFormat.getIntegerInstance(messages.locale()).format(n);
    }
}

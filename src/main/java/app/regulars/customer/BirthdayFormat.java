package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Birthdays written for the user's locale: as the customer states them, and the next one. */
public final class BirthdayFormat {
    private static final String[] LUNAR_MONTHS = {"正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"};
    private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final Messages messages;
    private final Formats formats;

    public BirthdayFormat(Messages messages) {
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    /** How the customer states the birthday: {@code 1990-05-12}, or {@code 农历八月十五} / {@code lunar 8/15}. */
    public String format(Birthday b) {
        if (b == null) {
            return "";
        }
        if (!b.isLunar()) {
            return b.year() != null ? formats.date(LocalDate.of(b.year(), b.month(), b.day()))
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
    public String next(Birthday b, LocalDate today) {
        if (b == null) {
            return "";
        }
        LocalDate next = b.nextOccurrence(today);
        long days = ChronoUnit.DAYS.between(today, next);
        return messages.get("format.nextBirthday", formats.monthDay(next), days);
    }
}

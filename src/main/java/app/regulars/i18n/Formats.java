package app.regulars.i18n;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;

/** Dates, money and numbers written for the user's locale. */
public final class Formats {
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

    /**
     * A date as a date field shows it, in the app's language (not the machine's): the locale's
     * short numeric style with the full year, {@code 2026/11/23} in Chinese, {@code 11/23/2026}
     * in English. Numeric so that a user can edit it in place; {@link #parseDateInput} reads it back.
     */
    public String dateInput(LocalDate d) {
        return d == null ? "" : dateInputs().display().format(d);
    }

    /**
     * What a user typed into a date field, read in the app's language: the field's own style
     * ({@link #dateInput}), the same with a two-digit year (20xx), the list style of
     * {@link #date} ({@code Nov 23, 2026}, {@code 2026年11月23日}), and in both languages ISO
     * {@code 2026-11-23} as well as {@code 2026/11/23} and {@code 2026.11.23}. Full-width digits
     * are accepted. Blank is no date ({@code null}); anything else, or an impossible date such as
     * 2/30, is a {@link UserException} {@code date.field.invalid} naming the text and an example.
     */
    public LocalDate parseDateInput(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String typed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter f : dateInputs().parsers()) {
            try {
                return LocalDate.parse(typed, f);
            } catch (java.time.format.DateTimeParseException e) {
                // try the next form
            }
        }
        throw new UserException("date.field.invalid", text.strip(), dateInput(LocalDate.of(2026, 11, 23)));
    }

    private DateInputs dateInputs;

    private DateInputs dateInputs() {
        if (dateInputs == null) {
            dateInputs = DateInputs.of(messages.locale());
        }
        return dateInputs;
    }

    /** The display and the accepted input forms of a date field for one locale, all ISO and strict. */
    private record DateInputs(DateTimeFormatter display, java.util.List<DateTimeFormatter> parsers) {
        static DateInputs of(java.util.Locale locale) {
            java.time.chrono.IsoChronology iso = java.time.chrono.IsoChronology.INSTANCE;
            String shortPattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null, iso, locale);
            java.util.List<String> patterns = new java.util.ArrayList<>();
            patterns.add(fullYear(shortPattern));
            if (shortPattern.replaceAll("[^y]", "").length() == 2) {
                patterns.add(shortPattern.replaceAll("y+", "uu"));
            }
            patterns.add(fullYear(DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.MEDIUM, null, iso, locale)));
            patterns.add(fullYear(DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.LONG, null, iso, locale)));
            patterns.add("uuuu-M-d");
            patterns.add("uuuu/M/d");
            patterns.add("uuuu.M.d");
            patterns.add("uuuu年M月d日");
            java.util.List<DateTimeFormatter> parsers = patterns.stream().distinct()
                    .map(p -> strict(new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p), locale)).toList();
            DateTimeFormatter display = strict(new DateTimeFormatterBuilder().appendPattern(fullYear(shortPattern)), locale);
            return new DateInputs(display, parsers);
        }

        /** Any year field as the proleptic year with at least four digits, so 1/2/26 is never the year 26. */
        private static String fullYear(String pattern) {
            return pattern.replaceAll("y+", "uuuu");
        }

        private static DateTimeFormatter strict(DateTimeFormatterBuilder b, java.util.Locale locale) {
            return b.toFormatter(locale).withChronology(java.time.chrono.IsoChronology.INSTANCE)
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        }
    }
}

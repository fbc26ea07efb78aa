package app.regulars.customer;

import app.regulars.i18n.UserException;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a custom field holds (decision 0027). Each kind reads what a user typed or a file holds
 * into its one stored form ({@link #read}): a number as a plain decimal ({@code 38.5}), a date as
 * ISO ({@code 2026-11-23}), a choice as the option as the owner defined it, yes/no as
 * {@code true} or {@code false}, a text as written (trimmed).
 */
public enum FieldKind {
    TEXT, NUMBER, DATE, CHOICE, YES_NO;

    /** The longest text value. */
    public static final int MAX_TEXT = 1000;
    /** Digits of a number before the point, and after it. */
    static final int MAX_INTEGER_DIGITS = 14;
    static final int MAX_FRACTION_DIGITS = 6;

    /** A date as the imports take them: year first, with - / . or 年月日 ({@code 2026-11-23}, {@code 2026/11/23}, {@code 2026年11月23日}). */
    private static final Pattern DATE_TEXT = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Map<String, Boolean> YES_NO_WORDS = Map.ofEntries(
            Map.entry("yes", true), Map.entry("y", true), Map.entry("true", true), Map.entry("1", true),
            Map.entry("是", true), Map.entry("有", true), Map.entry("✓", true),
            Map.entry("no", false), Map.entry("n", false), Map.entry("false", false), Map.entry("0", false),
            Map.entry("否", false), Map.entry("无", false), Map.entry("没有", false));

    /**
     * {@code typed} in this kind's stored form; null when blank. A value the kind cannot take is a
     * {@link UserException} that names the field ({@code fieldName}) and the value, in the user's
     * language: {@code customer.custom.error.number}, {@code .date}, {@code .choice}, {@code .yesNo},
     * {@code .tooLong}.
     */
    public String read(String typed, String fieldName, List<String> options) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        return switch (this) {
            case TEXT -> {
                if (text.length() > MAX_TEXT) {
                    throw new UserException("customer.custom.error.tooLong", fieldName, MAX_TEXT);
                }
                yield text;
            }
            case NUMBER -> number(folded, text, fieldName).toPlainString();
            case DATE -> date(folded, text, fieldName).toString();
            case CHOICE -> {
                for (String option : options) {
                    if (key(option).equals(key(folded))) {
                        yield option;
                    }
                }
                throw new UserException("customer.custom.error.choice", fieldName, text, String.join(" / ", options));
            }
            case YES_NO -> {
                Boolean yes = YES_NO_WORDS.get(folded.toLowerCase(Locale.ROOT));
                if (yes == null) {
                    throw new UserException("customer.custom.error.yesNo", fieldName, text);
                }
                yield yes.toString();
            }
        };
    }

    /** The stored form of a yes/no value. */
    public static String yesNo(boolean yes) {
        return Boolean.toString(yes);
    }

    static BigDecimal number(String folded, String typed, String fieldName) {
        String plain = folded.replace(",", "").replace(" ", "").replace("\u00a0", "");
        try {
            BigDecimal n = new BigDecimal(plain).stripTrailingZeros();
            if (n.scale() < 0) {
                n = n.setScale(0);
            }
            if (n.scale() > MAX_FRACTION_DIGITS || n.precision() - n.scale() > MAX_INTEGER_DIGITS) {
                throw new UserException("customer.custom.error.numberSize", fieldName, typed, MAX_FRACTION_DIGITS);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UserException("customer.custom.error.number", fieldName, typed);
        }
    }

    static LocalDate date(String folded, String typed, String fieldName) {
        Matcher m = DATE_TEXT.matcher(folded);
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                // an impossible date: said below
            }
        }
        throw new UserException("customer.custom.error.date", fieldName, typed);
    }

    /** An option or a name as compared: NFKC, lower case, spaces collapsed. */
    static String key(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Whether values of this kind are tokens of the customer's search text (text and choice). */
    public boolean searchable() {
        return this == TEXT || this == CHOICE;
    }
}

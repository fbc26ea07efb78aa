package app.regulars.customer;

import app.regulars.tables.ListCells;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cell values of a customer CSV file, both ways: what the import accepts (English and
 * Chinese spellings) and the one form the export writes, which the import reads back.
 * Parsers return null for a blank cell and throw {@link IllegalArgumentException} for a
 * value they do not understand.
 */
final class CsvValues {
    /** Phones are never split on spaces: {@code 138 1234 5678} is one number. */
    private static final String PHONE_SEPARATORS = ";,，；/、";
    private static final String LIST_SEPARATORS = ";,，；、|";
    private static final Pattern DATE_TIME = Pattern.compile("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String DATE = "(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})";
    private static final Pattern FULL_DATE = Pattern.compile("^" + DATE + "$");
    private static final Pattern SOLAR_BIRTHDAY = Pattern.compile("^(?:(\\d{4})[-/.])?(\\d{1,2})[-/.](\\d{1,2})$");
    private static final Pattern LUNAR_BIRTHDAY = Pattern.compile(
            "^(?:lunar\\s*:\\s*|农历|阴历)(leap\\s*:\\s*|闰)?(?:(\\d{4})\\s*[-/.年]\\s*)?(闰)?(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})日?$",
            Pattern.CASE_INSENSITIVE);

    private static final Map<String, Gender> GENDERS = Map.ofEntries(
            Map.entry("female", Gender.FEMALE), Map.entry("f", Gender.FEMALE), Map.entry("女", Gender.FEMALE),
            Map.entry("女士", Gender.FEMALE), Map.entry("woman", Gender.FEMALE),
            Map.entry("male", Gender.MALE), Map.entry("m", Gender.MALE), Map.entry("男", Gender.MALE),
            Map.entry("先生", Gender.MALE), Map.entry("man", Gender.MALE),
            Map.entry("other", Gender.OTHER), Map.entry("其他", Gender.OTHER), Map.entry("其它", Gender.OTHER));
    private static final Map<String, Boolean> YES_NO = Map.ofEntries(
            Map.entry("yes", true), Map.entry("y", true), Map.entry("true", true), Map.entry("1", true),
            Map.entry("是", true), Map.entry("同意", true),
            Map.entry("no", false), Map.entry("n", false), Map.entry("false", false), Map.entry("0", false),
            Map.entry("否", false), Map.entry("不同意", false));
    private static final Map<String, MarketingChannel> CHANNELS = Map.ofEntries(
            Map.entry("phone", MarketingChannel.PHONE), Map.entry("call", MarketingChannel.PHONE), Map.entry("电话", MarketingChannel.PHONE),
            Map.entry("sms", MarketingChannel.SMS), Map.entry("text", MarketingChannel.SMS), Map.entry("短信", MarketingChannel.SMS),
            Map.entry("wechat", MarketingChannel.WECHAT), Map.entry("微信", MarketingChannel.WECHAT),
            Map.entry("email", MarketingChannel.EMAIL), Map.entry("e-mail", MarketingChannel.EMAIL),
            Map.entry("邮件", MarketingChannel.EMAIL), Map.entry("邮箱", MarketingChannel.EMAIL));

    private CsvValues() {
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The phones of a cell: split on {@code ; , ， ； / 、} outside double quotes ({@link ListCells}). */
    static List<String> phones(String cell) {
        return ListCells.split(cell, PHONE_SEPARATORS);
    }

    /** A list (tags, opt-outs): split on {@code ; , ， ； 、 |} outside double quotes, so a quoted tag may hold them ({@link ListCells}). */
    static List<String> list(String cell) {
        return ListCells.split(cell, LIST_SEPARATORS);
    }

    /** {@code 2024-03-01}, {@code 2024/3/1 14:30} or {@code 2024-03-01 14:30:05}; a date alone is its midnight. */
    static LocalDateTime dateTime(String cell) {
        if (isBlank(cell)) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(cell.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(cell);
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return m.group(4) == null ? d.atStartOfDay()
                    : d.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(cell, e);
        }
    }

    static Gender gender(String cell) {
        return isBlank(cell) ? null : lookup(GENDERS, cell);
    }

    static Boolean yesNo(String cell) {
        return isBlank(cell) ? null : lookup(YES_NO, cell);
    }

    static Set<MarketingChannel> channels(String cell) {
        Set<MarketingChannel> out = EnumSet.noneOf(MarketingChannel.class);
        for (String part : list(cell)) {
            out.add(lookup(CHANNELS, part));
        }
        return out;
    }

    private static <T> T lookup(Map<String, T> map, String cell) {
        T value = map.get(cell.strip().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new IllegalArgumentException(cell);
        }
        return value;
    }

    static LocalDate date(String cell) {
        if (isBlank(cell)) {
            return null;
        }
        Matcher m = FULL_DATE.matcher(cell.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(cell);
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(cell, e);
        }
    }

    /**
     * {@code 1990-05-12} or {@code 05-12} (solar); {@code lunar:1990-08-15}, {@code lunar:08-15},
     * {@code lunar:leap:04-10}, {@code 农历1990-08-15}, {@code 农历闰04-10}.
     */
    static Birthday birthday(String cell) {
        if (isBlank(cell)) {
            return null;
        }
        String s = cell.strip();
        try {
            Matcher lunar = LUNAR_BIRTHDAY.matcher(s);
            if (lunar.matches()) {
                boolean leap = lunar.group(1) != null || lunar.group(3) != null;
                Integer year = lunar.group(2) == null ? null : Integer.valueOf(lunar.group(2));
                return Birthday.lunar(year, Integer.parseInt(lunar.group(4)), Integer.parseInt(lunar.group(5)), leap);
            }
            Matcher solar = SOLAR_BIRTHDAY.matcher(s);
            if (solar.matches()) {
                Integer year = solar.group(1) == null ? null : Integer.valueOf(solar.group(1));
                return new Birthday(Birthday.Kind.SOLAR, year, Integer.parseInt(solar.group(2)), Integer.parseInt(solar.group(3)), false);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(cell, e);
        }
        throw new IllegalArgumentException(cell);
    }

    // --- what the export writes ---

    static String format(Birthday b) {
        if (b == null) {
            return "";
        }
        String monthDay = String.format(Locale.ROOT, "%02d-%02d", b.month(), b.day());
        String date = b.year() == null ? monthDay : String.format(Locale.ROOT, "%04d-", b.year()) + monthDay;
        if (!b.isLunar()) {
            return date;
        }
        return "lunar:" + (b.leapMonth() ? "leap:" : "") + date;
    }

    static String format(Gender g) {
        return g == null ? "" : g.name().toLowerCase(Locale.ROOT);
    }

    static String format(boolean yes) {
        return yes ? "yes" : "no";
    }

    static String format(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    static String format(LocalDateTime t) {
        return t == null ? "" : SECONDS.format(t);
    }

    static String format(Set<MarketingChannel> channels) {
        return channels.stream().sorted(Comparator.naturalOrder())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(";"));
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

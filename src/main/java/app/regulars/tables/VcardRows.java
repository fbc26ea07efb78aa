package app.regulars.tables;

import app.regulars.i18n.UserException;
import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.Impp;
import ezvcard.property.Note;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.TextProperty;
import ezvcard.util.PartialDate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cards of a vCard file (2.1, 3.0 or 4.0, as phones and mail clients export them), read one
 * at a time with ez-vcard and each made a row of the customer columns in {@link #HEADER}, so the
 * customer import checks them as it checks a CSV row; a row's place is its card's number. The
 * name is FN, else N (family name first when it is Chinese), else the nickname, the organisation,
 * the email or the phone; phones go mobile first (TYPE=CELL, or an iCloud {@code X-ABLabel} that
 * says mobile), the others after in the file's order; the first email (the preferred one first),
 * the others added to the notes; the first address written as one line; ORG, TITLE, NOTE,
 * CATEGORIES (tags), GENDER and BDAY (also {@code --MMDD}, {@code --MM-DD} and Apple's
 * {@code X-APPLE-OMIT-YEAR}: a birthday without a year). Photos and everything else are
 * ignored. The {@code X-REGULARS-*} properties that Regulars writes carry the rest of a profile
 * back (card number, a lunar birthday, consent...). Quoted-printable values are decoded in their
 * CHARSET (UTF-8, GBK...), others in the file's encoding ({@link TextFiles}).
 */
public final class VcardRows implements RowReader {
    public static final String CODE = "X-REGULARS-CODE";
    public static final String BIRTHDAY = "X-REGULARS-BIRTHDAY";
    public static final String WECHAT = "X-WECHAT";
    public static final String GENDER = "X-GENDER";
    public static final String SOURCE = "X-REGULARS-SOURCE";
    public static final String PREFERENCES = "X-REGULARS-PREFERENCES";
    public static final String MARKETING = "X-REGULARS-MARKETING-CONSENT";
    public static final String CONSENT_DATE = "X-REGULARS-CONSENT-DATE";
    public static final String OPT_OUTS = "X-REGULARS-OPT-OUTS";
    public static final String ARCHIVED = "X-REGULARS-ARCHIVED";
    public static final String CREATED = "X-REGULARS-CREATED";

    /** The columns of every row, named as the customer import knows them. */
    public static final List<String> HEADER = List.of("code", "name", "phones", "email", "wechat", "gender", "birthday",
            "address", "company", "role", "source", "tags", "notes", "preferences", "marketing_consent", "consent_date",
            "opt_outs", "archived", "created");

    /** The phone separators of the customer import: a phone holding one is quoted ({@link ListCells}). */
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
    private static final Pattern MONTH_DAY = Pattern.compile("^--(\\d{2})-?(\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})-?(\\d{2})-?(\\d{2})(?:T.*)?$");
    /** Google's groups that every contact is in: not tags a shop gave. */
    private static final Set<String> SYSTEM_GROUPS = Set.of("mycontacts", "starred");

    private final Reader text;
    private final VCardReader reader;
    private final String fileName;
    private long cards;

    private VcardRows(TextFiles.Source source, String fileName) {
        this.fileName = fileName;
        try {
            this.text = source.reader();
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
        this.reader = new VCardReader(text);
        reader.setDefaultQuotedPrintableCharset(source.charset());
    }

    static VcardRows open(TextFiles.Source source, String fileName) {
        return new VcardRows(source, fileName);
    }

    /** Whether the first line that is not blank is {@code BEGIN:VCARD}. */
    static boolean looksLikeVcard(TextFiles.Source source) {
        try (BufferedReader in = new BufferedReader(source.reader())) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    return line.strip().toUpperCase(Locale.ROOT).startsWith("BEGIN:VCARD");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The cards in the file (lines {@code BEGIN:VCARD}), for progress. */
    static long count(TextFiles.Source source, String fileName) {
        long n = 0;
        try (BufferedReader in = new BufferedReader(source.reader())) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.regionMatches(true, 0, "BEGIN:VCARD", 0, 11)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
        return n;
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public Row next() {
        VCard card;
        try {
            card = reader.readNext();
        } catch (IOException | RuntimeException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
        if (card == null) {
            return null;
        }
        cards++;
        return new Row(cards, cells(card), RejectedRow.Unit.CARD);
    }

    @Override
    public RejectedRow unreadable() {
        return null;
    }

    /** A card as the cells of {@link #HEADER}. */
    static List<String> cells(VCard card) {
        String[] cells = new String[HEADER.size()];
        Arrays.fill(cells, "");
        List<String> phones = phones(card);
        List<String> emails = emails(card);
        set(cells, "code", extended(card, CODE));
        set(cells, "name", name(card, phones, emails));
        set(cells, "phones", ListCells.join(phones));
        set(cells, "email", emails.isEmpty() ? "" : emails.getFirst());
        set(cells, "wechat", wechat(card));
        set(cells, "gender", gender(card));
        String lunar = extended(card, BIRTHDAY);
        set(cells, "birthday", !lunar.isEmpty() ? lunar : birthday(card));
        set(cells, "address", address(card));
        set(cells, "company", card.getOrganization() == null ? "" : joined(card.getOrganization().getValues(), ", "));
        set(cells, "role", card.getTitles().isEmpty() ? "" : value(card.getTitles().getFirst()));
        set(cells, "source", extended(card, SOURCE));
        set(cells, "tags", ListCells.join(tags(card)));
        List<String> notes = new ArrayList<>();
        for (Note n : card.getNotes()) {
            String v = value(n);
            if (!v.isEmpty()) {
                notes.add(v);
            }
        }
        notes.addAll(emails.size() > 1 ? emails.subList(1, emails.size()) : List.of());
        set(cells, "notes", String.join("\n", notes));
        set(cells, "preferences", extended(card, PREFERENCES));
        set(cells, "marketing_consent", extended(card, MARKETING));
        set(cells, "consent_date", extended(card, CONSENT_DATE));
        set(cells, "opt_outs", extended(card, OPT_OUTS));
        set(cells, "archived", extended(card, ARCHIVED));
        set(cells, "created", extended(card, CREATED));
        return Arrays.asList(cells);
    }

    private static void set(String[] cells, String column, String value) {
        cells[HEADER.indexOf(column)] = value == null ? "" : value.strip();
    }

    private static String value(TextProperty p) {
        return p == null || p.getValue() == null ? "" : p.getValue().strip();
    }

    private static String extended(VCard card, String name) {
        RawProperty p = card.getExtendedProperty(name);
        return p == null || p.getValue() == null ? "" : p.getValue().strip();
    }

    private static String joined(List<String> parts, String separator) {
        return String.join(separator, parts.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static String name(VCard card, List<String> phones, List<String> emails) {
        String fn = value(card.getFormattedName());
        if (!fn.isEmpty()) {
            return fn;
        }
        StructuredName n = card.getStructuredName();
        if (n != null) {
            String family = n.getFamily() == null ? "" : n.getFamily().strip();
            String given = n.getGiven() == null ? "" : n.getGiven().strip();
            String additional = joined(n.getAdditionalNames(), " ");
            if (CJK.matcher(family + given).find()) {
                String name = family + additional + given;
                if (!name.isEmpty()) {
                    return name;
                }
            } else {
                String name = joined(List.of(given, additional, family), " ");
                if (!name.isEmpty()) {
                    return name;
                }
            }
        }
        if (card.getNickname() != null && !card.getNickname().getValues().isEmpty()) {
            String nick = joined(card.getNickname().getValues(), ", ");
            if (!nick.isEmpty()) {
                return nick;
            }
        }
        if (card.getOrganization() != null) {
            String org = joined(card.getOrganization().getValues(), ", ");
            if (!org.isEmpty()) {
                return org;
            }
        }
        if (!emails.isEmpty()) {
            return emails.getFirst();
        }
        return phones.isEmpty() ? "" : phones.getFirst();
    }

    /** The phones as written, the first mobile first (the preferred mobile before other mobiles). */
    static List<String> phones(VCard card) {
        List<String> mobiles = new ArrayList<>();
        List<String> preferredMobiles = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Telephone t : card.getTelephoneNumbers()) {
            String number = t.getText() != null ? t.getText().strip() : t.getUri() != null ? t.getUri().getNumber() : "";
            if (number == null || number.isBlank()) {
                continue;
            }
            boolean mobile = t.getTypes().contains(TelephoneType.CELL)
                    || mobileLabel(card, t.getGroup());
            boolean preferred = t.getTypes().contains(TelephoneType.PREF) || (t.getPref() != null && t.getPref() == 1);
            (mobile ? (preferred ? preferredMobiles : mobiles) : others).add(number.strip());
        }
        List<String> out = new ArrayList<>(preferredMobiles);
        out.addAll(mobiles);
        out.addAll(others);
        return out;
    }

    /** iCloud labels a grouped TEL with {@code itemN.X-ABLabel:_$!<Mobile>!$_} (or a label of the user's own). */
    private static boolean mobileLabel(VCard card, String group) {
        if (group == null) {
            return false;
        }
        for (RawProperty p : card.getExtendedProperties("X-ABLABEL")) {
            if (group.equalsIgnoreCase(p.getGroup()) && p.getValue() != null) {
                String label = p.getValue().toLowerCase(Locale.ROOT);
                if (label.contains("mobile") || label.contains("cell") || label.contains("iphone") || label.contains("手机")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> emails(VCard card) {
        List<String> preferred = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Email e : card.getEmails()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
                v = v.substring(7);
            }
            if (v.isEmpty() || preferred.contains(v) || others.contains(v)) {
                continue;
            }
            boolean pref = e.getTypes().stream().anyMatch(t -> "pref".equalsIgnoreCase(t.getValue())) || (e.getPref() != null && e.getPref() == 1);
            (pref && preferred.isEmpty() ? preferred : others).add(v);
        }
        preferred.addAll(others);
        return preferred;
    }

    private static String wechat(VCard card) {
        String x = extended(card, WECHAT);
        if (x.isEmpty()) {
            x = extended(card, "X-WEIXIN");
        }
        if (!x.isEmpty()) {
            return x;
        }
        for (Impp i : card.getImpps()) {
            String protocol = i.getProtocol() == null ? "" : i.getProtocol().toLowerCase(Locale.ROOT);
            if ((protocol.equals("weixin") || protocol.equals("wechat") || protocol.equals("x-wechat")) && i.getHandle() != null) {
                return i.getHandle();
            }
        }
        return "";
    }

    private static String gender(VCard card) {
        String g = card.getGender() != null ? card.getGender().getGender() : extended(card, GENDER);
        if (g == null) {
            return "";
        }
        return switch (g.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "male";
            case "f", "female" -> "female";
            case "o", "other" -> "other";
            default -> ""; // N (none), U (unknown)
        };
    }

    /** {@code 1990-05-12}, {@code 05-12} without a year, or the text as written when it is no date. */
    static String birthday(VCard card) {
        Birthday b = card.getBirthday();
        if (b != null) {
            String omit = b.getParameter("X-APPLE-OMIT-YEAR");
            Temporal t = b.getDate();
            LocalDate date = switch (t) {
                case LocalDate d -> d;
                case LocalDateTime d -> d.toLocalDate();
                case OffsetDateTime d -> d.toLocalDate();
                case ZonedDateTime d -> d.toLocalDate();
                case null, default -> null;
            };
            if (date != null) {
                if (omit != null && omit.strip().equals(Integer.toString(date.getYear()))) {
                    return monthDay(date.getMonthValue(), date.getDayOfMonth());
                }
                return date.toString();
            }
            PartialDate p = b.getPartialDate();
            if (p != null && p.getMonth() != null && p.getDate() != null) {
                return p.getYear() == null ? monthDay(p.getMonth(), p.getDate())
                        : String.format(Locale.ROOT, "%04d-%s", p.getYear(), monthDay(p.getMonth(), p.getDate()));
            }
            if (b.getText() != null) {
                return b.getText().strip();
            }
        }
        // a date ez-vcard did not parse (--0512 in a 2.1 or 3.0 card) stays a raw BDAY
        RawProperty raw = card.getExtendedProperty("BDAY");
        if (raw == null || raw.getValue() == null) {
            return "";
        }
        String v = raw.getValue().strip();
        Matcher md = MONTH_DAY.matcher(v);
        if (md.matches()) {
            return md.group(1) + "-" + md.group(2);
        }
        Matcher d = DATE.matcher(v);
        if (d.matches()) {
            return d.group(1) + "-" + d.group(2) + "-" + d.group(3);
        }
        return v;
    }

    private static String monthDay(int month, int day) {
        return String.format(Locale.ROOT, "%02d-%02d", month, day);
    }

    /** The first address (the preferred or home one first), in one line: Chinese from the country down, others from the street up. */
    private static String address(VCard card) {
        List<Address> all = card.getAddresses();
        if (all.isEmpty()) {
            return "";
        }
        Address a = all.stream().filter(x -> x.getTypes().stream().anyMatch(t -> "pref".equalsIgnoreCase(t.getValue())))
                .findFirst().orElse(all.getFirst());
        String street = joined(List.of(nullToEmpty(a.getPoBox()), nullToEmpty(a.getStreetAddressFull()), nullToEmpty(a.getExtendedAddressFull())), " ");
        String postal = nullToEmpty(a.getPostalCode());
        // 北京 beside 北京市, Singapore twice: a place that another part already says is left out
        List<String> places = new ArrayList<>(List.of(nullToEmpty(a.getLocality()), nullToEmpty(a.getRegion()), nullToEmpty(a.getCountry())));
        for (int i = 0; i < places.size(); i++) {
            for (int j = 0; j < places.size(); j++) {
                String p = places.get(i);
                String q = places.get(j);
                if (i != j && !p.isEmpty() && q.startsWith(p) && (q.length() > p.length() || j < i)) {
                    places.set(i, "");
                }
            }
        }
        String locality = places.get(0);
        String region = places.get(1);
        String country = places.get(2);
        String line;
        if (CJK.matcher(street + locality + region + country).find()) {
            line = joined(List.of(country, region, locality, street), "") + (postal.isEmpty() ? "" : " " + postal);
        } else {
            line = joined(List.of(street, locality, joined(List.of(region, postal), " "), country), ", ");
        }
        if (line.isBlank() && a.getLabel() != null) {
            line = a.getLabel();
        }
        return line.replaceAll("\\s*[\\r\\n]+\\s*", ", ").strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> tags(VCard card) {
        List<String> out = new ArrayList<>();
        for (Categories c : card.getCategoriesList()) {
            for (String v : c.getValues()) {
                String t = v == null ? "" : v.strip();
                if (!t.isEmpty() && !SYSTEM_GROUPS.contains(t.toLowerCase(Locale.ROOT)) && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only
        }
    }
}

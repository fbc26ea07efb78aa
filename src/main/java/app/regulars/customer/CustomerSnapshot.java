package app.regulars.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's profile as one line of text, and a 64-bit digest of it, for the undo of an import
 * (decision 0024): the text of a profile an import changed is what the undo puts back; the digest
 * of the profile an import left is what the undo compares with the profile as it is then, to see
 * whether anything changed it since (an edit, a tag, archiving, a consent, an erasure, a merge).
 *
 * <p>Every field a person or an import can change is in it, the id and the times are not; tags
 * are sorted, so that the profile read back from the store (its tags in the store's order) gives
 * the digest of the profile as it was written. Fields are separated by {@code U+001F}, list items
 * by {@code U+001E}; a backslash, either separator and a line break in a value are escaped. The
 * custom fields' values come last (decision 0027), by field id.
 */
public final class CustomerSnapshot {
    /** The first field: the form of the text, so that a later version can still read it (2: with the custom fields' values). */
    private static final String VERSION = "2";
    private static final char FIELD = '\u001F';
    private static final char ITEM = '\u001E';
    private static final String NULL = "\\0";

    private CustomerSnapshot() {
    }

    /** The profile as text ({@link #read} gives it back, id included). */
    public static String text(Customer c) {
        return text(c, c.tags(), true);
    }

    /**
     * A 64-bit digest of what a person or an import can change of the profile (the first 8 bytes of
     * its SHA-256): equal for the same profile written and read back, different (but for a chance
     * of 2^-64) after any change.
     */
    public static long digest(Customer c) {
        List<String> tags = new ArrayList<>(c.tags());
        tags.sort(null);
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(text(c, tags, false).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        long d = 0;
        for (int i = 0; i < 8; i++) {
            d = (d << 8) | (hash[i] & 0xff);
        }
        return d;
    }

    private static String text(Customer c, List<String> tags, boolean withId) {
        StringBuilder sb = new StringBuilder(256).append(VERSION);
        field(sb, withId && c.id() != null ? c.id().toString() : null);
        field(sb, c.code());
        field(sb, c.name());
        field(sb, c.gender() == null ? null : c.gender().name());
        Birthday b = c.birthday();
        field(sb, b == null ? null : b.kind().name() + "," + (b.year() == null ? "" : b.year()) + "," + b.month() + "," + b.day()
                + "," + b.leapMonth());
        list(sb, c.phones());
        field(sb, c.email());
        field(sb, c.wechat());
        field(sb, c.address());
        field(sb, c.company());
        field(sb, c.jobTitle());
        field(sb, c.source());
        list(sb, tags);
        field(sb, c.notes());
        field(sb, c.preferences());
        Consent consent = c.consent();
        field(sb, Boolean.toString(consent.marketing()));
        field(sb, consent.date() == null ? null : consent.date().toString());
        List<String> optOuts = new ArrayList<>();
        for (MarketingChannel ch : consent.optOutsInOrder()) {
            optOuts.add(ch.name());
        }
        list(sb, optOuts);
        field(sb, Boolean.toString(c.archived()));
        field(sb, c.erasedAt() == null ? null : c.erasedAt().toString());
        List<String> values = new ArrayList<>(); // by field id: "id kind text" (decision 0027)
        if (c.fields() != null) {
            new java.util.TreeMap<>(c.fields()).forEach((id, v) -> values.add(id + " " + v.kind().name() + " " + v.text()));
        }
        list(sb, values);
        return sb.toString();
    }

    /** The profile written by {@link #text}: its id and every field it keeps (no times but the erasure's). */
    public static Customer read(String text) {
        List<String> f = split(text, FIELD);
        if (f.isEmpty() || !(VERSION.equals(f.getFirst()) && f.size() == 22 || "1".equals(f.getFirst()) && f.size() == 21)) {
            throw new IllegalArgumentException("not a customer snapshot of form 1 or " + VERSION);
        }
        int i = 1;
        String id = value(f.get(i++));
        Customer.Builder b = Customer.builder().id(id == null ? null : Long.valueOf(id))
                .code(value(f.get(i++)))
                .name(value(f.get(i++)));
        String gender = value(f.get(i++));
        b.gender(gender == null ? null : Gender.valueOf(gender));
        String birthday = value(f.get(i++));
        if (birthday != null) {
            String[] p = birthday.split(",", -1);
            b.birthday(new Birthday(Birthday.Kind.valueOf(p[0]), p[1].isEmpty() ? null : Integer.valueOf(p[1]), Integer.parseInt(p[2]),
                    Integer.parseInt(p[3]), Boolean.parseBoolean(p[4])));
        }
        b.phones(items(f.get(i++)))
                .email(value(f.get(i++)))
                .wechat(value(f.get(i++)))
                .address(value(f.get(i++)))
                .company(value(f.get(i++)))
                .jobTitle(value(f.get(i++)))
                .source(value(f.get(i++)))
                .tags(items(f.get(i++)))
                .notes(value(f.get(i++)))
                .preferences(value(f.get(i++)));
        boolean marketing = Boolean.parseBoolean(value(f.get(i++)));
        String date = value(f.get(i++));
        Set<MarketingChannel> optOuts = EnumSet.noneOf(MarketingChannel.class);
        for (String ch : items(f.get(i++))) {
            optOuts.add(MarketingChannel.valueOf(ch));
        }
        b.consent(new Consent(marketing, date == null ? null : LocalDate.parse(date), optOuts));
        b.archived(Boolean.parseBoolean(value(f.get(i++))));
        String erased = value(f.get(i++));
        b.erasedAt(erased == null ? null : LocalDateTime.parse(erased));
        if (i < f.size()) { // form 2: the custom fields' values, all of them (form 1 has none: they stay as they are)
            java.util.Map<Long, FieldValue> values = new java.util.LinkedHashMap<>();
            for (String item : items(f.get(i))) {
                String[] p = item.split(" ", 3);
                values.put(Long.valueOf(p[0]), new FieldValue(FieldKind.valueOf(p[1]), p[2]));
            }
            b.fields(values);
        }
        return b.build();
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(FIELD);
        if (value == null) {
            sb.append(NULL);
        } else {
            escape(sb, value);
        }
    }

    private static void list(StringBuilder sb, List<String> items) {
        sb.append(FIELD);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(ITEM);
            }
            escape(sb, items.get(i));
        }
    }

    private static void escape(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case FIELD -> sb.append("\\f");
                case ITEM -> sb.append("\\i");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    private static String value(String raw) {
        return NULL.equals(raw) ? null : unescape(raw);
    }

    private static List<String> items(String raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : split(raw, ITEM)) {
            out.add(unescape(item));
        }
        return out;
    }

    /** Splits at {@code sep}; escapes never contain a separator, so a plain split is right. */
    private static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == sep) {
                out.add(text.substring(from, i));
                from = i + 1;
            }
        }
        out.add(text.substring(from));
        return out;
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                sb.append(switch (next) {
                    case 'f' -> FIELD;
                    case 'i' -> ITEM;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}

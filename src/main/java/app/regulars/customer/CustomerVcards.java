package app.regulars.customer;

import app.regulars.tables.VcardRows;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.StructuredName;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Customers as vCard 3.0 (UTF-8), the version phones and mail clients all read: FN and N (a
 * Chinese name split after its surname, others before the last word), every phone (the first as
 * CELL, the main one), EMAIL, ADR (the address as its street), ORG, TITLE, BDAY ({@code --MM-DD}
 * without a year, as Google Contacts writes it), NOTE, CATEGORIES (the tags). What vCard has no
 * property for goes into {@code X-} properties that clients keep and ignore, and that
 * {@link VcardRows} reads back, so a Regulars vCard file imports as the profiles it came from:
 * the card number, WeChat, gender, a lunar birthday, source, preferences, consent and the date
 * the customer was added (decision 0023).
 */
final class CustomerVcards {
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    /** Two-character surnames, so 欧阳娜娜 is N:欧阳;娜娜 and not N:欧;阳娜娜. */
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙",
            "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "澹台", "端木", "南宫", "独孤", "西门", "呼延", "万俟", "闻人");

    private CustomerVcards() {
    }

    /** Receives the customers to write, one at a time. */
    interface Customers {
        int each(CustomerCsvExporter.Sink sink);
    }

    /** Writes every customer {@code customers} gives to {@code out} (left open); returns how many. */
    static int write(OutputStream out, boolean archived, Customers customers) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        VCardWriter writer = new VCardWriter(text, VCardVersion.V3_0);
        writer.setAddProdId(false);
        int n;
        try {
            n = customers.each(c -> writer.write(card(c, archived)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        text.flush();
        return n;
    }

    /** One customer as a card. */
    static VCard card(Customer c, boolean archived) {
        VCard card = new VCard(VCardVersion.V3_0);
        card.setFormattedName(c.name());
        card.setStructuredName(structuredName(c.name()));
        for (int i = 0; i < c.phones().size(); i++) {
            card.addTelephoneNumber(c.phones().get(i), i == 0 ? TelephoneType.CELL : TelephoneType.VOICE);
        }
        if (c.email() != null) {
            card.addEmail(c.email(), EmailType.INTERNET);
        }
        if (c.address() != null) {
            Address a = new Address();
            a.setStreetAddress(c.address());
            card.addAddress(a);
        }
        if (c.company() != null) {
            card.setOrganization(c.company());
        }
        if (c.jobTitle() != null) {
            card.addTitle(c.jobTitle());
        }
        Birthday b = c.birthday();
        if (b != null && !b.isLunar()) {
            card.addExtendedProperty("BDAY", b.year() == null
                    ? String.format(Locale.ROOT, "--%02d-%02d", b.month(), b.day())
                    : String.format(Locale.ROOT, "%04d-%02d-%02d", b.year(), b.month(), b.day()));
        } else if (b != null) {
            card.addExtendedProperty(VcardRows.BIRTHDAY, CsvValues.format(b));
        }
        if (c.notes() != null) {
            card.addNote(c.notes());
        }
        if (!c.tags().isEmpty()) {
            card.setCategories(c.tags().toArray(String[]::new));
        }
        extended(card, VcardRows.CODE, c.code());
        extended(card, VcardRows.WECHAT, c.wechat());
        extended(card, VcardRows.GENDER, CsvValues.format(c.gender()));
        extended(card, VcardRows.SOURCE, c.source());
        extended(card, VcardRows.PREFERENCES, c.preferences());
        if (c.consent().marketing() || c.consent().date() != null || !c.consent().optOuts().isEmpty()) {
            extended(card, VcardRows.MARKETING, CsvValues.format(c.consent().marketing()));
            extended(card, VcardRows.CONSENT_DATE, CsvValues.format(c.consent().date()));
            extended(card, VcardRows.OPT_OUTS, CsvValues.format(c.consent().optOuts()));
        }
        if (archived) {
            extended(card, VcardRows.ARCHIVED, CsvValues.format(c.archived()));
        }
        extended(card, VcardRows.CREATED, CsvValues.format(c.createdAt()));
        return card;
    }

    private static void extended(VCard card, String name, String value) {
        if (value != null && !value.isBlank()) {
            card.addExtendedProperty(name, value);
        }
    }

    /** N from a name: a Chinese name is surname + given name, others given names + the last word. */
    static StructuredName structuredName(String name) {
        StructuredName n = new StructuredName();
        String s = name.strip();
        if (CJK.matcher(s).find() && s.indexOf(' ') < 0) {
            int surname = s.length() > 2 && COMPOUND_SURNAMES.contains(s.substring(0, 2)) ? 2 : Math.min(1, s.length());
            n.setFamily(s.substring(0, surname));
            n.setGiven(s.substring(surname));
        } else {
            int space = s.lastIndexOf(' ');
            n.setFamily(space < 0 ? s : s.substring(space + 1));
            n.setGiven(space < 0 ? "" : s.substring(0, space));
        }
        return n;
    }

}

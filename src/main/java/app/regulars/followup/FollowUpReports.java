package app.regulars.followup;

import app.regulars.tables.AtomicFile;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.tables.PdfFonts;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What leaves the program on paper: the follow-up list of a period and filter (a
 * {@link Table}, printed or exported as CSV, Excel or PDF with tick-boxes), and the one-page
 * visit brief of a customer (PDF; a day's visits as one PDF of briefs).
 */
public final class FollowUpReports {
    public static final int BRIEF_CONTACTS = 5;
    public static final int BRIEF_PURCHASES = 5;

    private final FollowUpService service;
    private final CustomerService customers;
    private final Messages messages;
    private final Formats formats;

    private final app.regulars.membership.MembershipService membership;
    private final BriefFacts briefFacts;

    /** {@code membership} gives the brief its tier, points and last purchases (its snapshot, the one read of them). */
    public FollowUpReports(FollowUpService service, CustomerService customers, app.regulars.membership.MembershipService membership,
                           Messages messages) {
        this(service, customers, membership, null, messages);
    }

    /** {@code facts}: what another feature adds to the brief's summary (null: nothing). */
    public FollowUpReports(FollowUpService service, CustomerService customers, app.regulars.membership.MembershipService membership,
                           BriefFacts facts, Messages messages) {
        this.service = service;
        this.customers = customers;
        this.membership = membership;
        this.briefFacts = facts;
        this.messages = messages;
        this.formats = new Formats(messages);
    }

    // ---- the list ----

    /** The follow-ups due in [from, to] (whole days) matching {@code filter}, as a printable table. */
    public Table list(LocalDate from, LocalDate to, FollowUpFilter filter) {
        if (to.isBefore(from)) {
            throw new UserException("followup.error.range");
        }
        List<FollowUp> items = service.between(from.atStartOfDay(), to.plusDays(1).atStartOfDay(), filter);
        Set<Long> ids = new LinkedHashSet<>();
        items.forEach(f -> ids.add(f.customerId()));
        Map<Long, String> phones = service.repository().firstPhones(service.database().dsl(), ids);
        Map<Long, app.regulars.customer.Consent> consents = customers.consents(ids);
        app.regulars.customer.ConsentText consentText = new app.regulars.customer.ConsentText(messages);
        List<Table.Column> columns = List.of(
                Table.Column.text(messages.get("followup.list.due"), 1.6),
                Table.Column.text(messages.get("followup.list.customer"), 1.4),
                Table.Column.text(messages.get("followup.list.phone"), 1.5),
                // What the customer's consent rules out ("No calls · No SMS"): read before the call.
                Table.Column.text(messages.get("followup.list.consent"), 1.0),
                Table.Column.text(messages.get("followup.list.kind"), 1.0),
                Table.Column.text(messages.get("followup.list.title"), 2.0),
                Table.Column.text(messages.get("followup.list.owner"), 0.9),
                Table.Column.text(messages.get("followup.list.status"), 1.1));
        List<List<Object>> rows = new ArrayList<>();
        LocalDateTime now = service.now();
        for (FollowUp f : items) {
            String status = messages.get("followup.status." + f.status().name())
                    + (f.isLate(now) ? " · " + messages.get("followup.late") : "");
            rows.add(java.util.Arrays.asList(f.allDay() ? f.dueAt().toLocalDate() : f.dueAt(),
                    f.customerName() + " (" + f.customerCode() + ")",
                    phones.get(f.customerId()) == null ? null : customers.phones().format(phones.get(f.customerId())),
                    emptyAsNull(consentText.line(consents.getOrDefault(f.customerId(), app.regulars.customer.Consent.NONE))),
                    messages.get("followup.kind." + f.kind().name()), FollowUpTitles.of(f, messages), f.owner(), status));
        }
        String period = from.equals(to) ? formats.date(from) : formats.date(from) + " – " + formats.date(to);
        return new Table(messages.get("followup.list.heading"), period + describe(filter), columns, rows, true);
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private String describe(FollowUpFilter f) {
        if (f == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (f.kind() != null) {
            parts.add(messages.get("followup.kind." + f.kind().name()));
        }
        if (f.status() != null) {
            parts.add(messages.get("followup.status." + f.status().name()));
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            parts.add(f.owner());
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            parts.add("#" + f.tag());
        }
        return parts.isEmpty() ? "" : "  ·  " + String.join(", ", parts);
    }

    // ---- the visit brief ----

    /** Everything a visit brief shows; {@code facts}: what other features add to its summary. */
    public record Brief(Customer customer, app.regulars.membership.MembershipSnapshot membership, List<Contact> contacts,
                        List<FollowUp> open, BriefFacts.Facts facts) {
        public Brief {
            facts = facts == null ? BriefFacts.Facts.NONE : facts;
        }

        public Brief(Customer customer, app.regulars.membership.MembershipSnapshot membership, List<Contact> contacts,
                     List<FollowUp> open) {
            this(customer, membership, contacts, open, BriefFacts.Facts.NONE);
        }
    }

    public Brief brief(long customerId) {
        Customer c = customers.get(customerId).orElseThrow(() -> new UserException("followup.error.noCustomer"));
        return new Brief(c, membership.snapshot(customerId),
                service.contacts(customerId, BRIEF_CONTACTS), service.openFor(customerId),
                briefFacts == null ? BriefFacts.Facts.NONE : briefFacts.of(customerId, messages));
    }

    public Brief briefByCode(String code) {
        Customer c = customers.byCode(code).orElseThrow(() -> new UserException("followup.error.noCode", code));
        return brief(c.id());
    }

    /** The customers with a visit planned on {@code day}, in due order. */
    public List<Long> visitsOn(LocalDate day) {
        Set<Long> ids = new LinkedHashSet<>();
        for (FollowUp f : service.between(day.atStartOfDay(), day.plusDays(1).atStartOfDay(),
                new FollowUpFilter(FollowUpKind.VISIT, null, FollowUpStatus.PLANNED, null))) {
            ids.add(f.customerId());
        }
        return List.copyOf(ids);
    }

    /** Writes one page per brief to {@code file} (whole or not at all). */
    public void writeBriefs(List<Brief> briefs, TableLayout.Paper paper, Path file) {
        if (briefs.isEmpty()) {
            throw new UserException("followup.error.noVisits");
        }
        AtomicFile.write(file, out -> {
            briefsPdf(briefs, paper, out);
            return null;
        });
    }

    public void briefsPdf(List<Brief> briefs, TableLayout.Paper paper, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.open(doc)) {
            doc.getDocumentInformation().setTitle(messages.get("followup.brief.heading"));
            doc.getDocumentInformation().setCreator("Regulars");
            for (Brief b : briefs) {
                PDPage page = new PDPage(new PDRectangle((float) paper.width, (float) paper.height));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    TableExport.draw(cs, fonts, marks(b, new TableLayout(fonts::width, paper), fonts, paper), paper.height);
                }
            }
            doc.save(out);
        }
    }

    /** The marks of one brief, top to bottom; what does not fit on the page is cut with "…". */
    List<TableLayout.Mark> marks(Brief b, TableLayout layout, PdfFonts fonts, TableLayout.Paper paper) {
        double margin = 48;
        double width = paper.width - 2 * margin;
        double bottom = paper.height - margin;
        List<TableLayout.Mark> marks = new ArrayList<>();
        double[] y = {margin};
        Customer c = b.customer();
        java.util.function.BiConsumer<String, Double> line = (text, size) -> {
            for (String l : layout.wrap(text, size, width)) {
                if (y[0] + size * 1.4 > bottom) {
                    return;
                }
                y[0] += size * 1.4;
                marks.add(new TableLayout.Text(margin, y[0], size, false, l));
            }
        };
        java.util.function.Consumer<String> heading = text -> {
            if (y[0] + 30 > bottom) {
                return;
            }
            y[0] += 20;
            marks.add(new TableLayout.Text(margin, y[0], 12.5, true, text));
            y[0] += 4;
            marks.add(new TableLayout.Rule(margin, y[0], margin + width, y[0]));
        };
        y[0] += 18;
        marks.add(new TableLayout.Text(margin, y[0], 18, true, c.name() + "   " + messages.get("customer.profile.code", c.code())));
        line.accept(messages.get("followup.brief.printed", formats.dateTime(service.now())), 8.5);
        String limits = new app.regulars.customer.ConsentText(messages).line(c.consent());
        if (!limits.isEmpty() && y[0] + 30 <= bottom) {
            // What the customer's consent rules out, in bold at the top: read before the visit.
            for (String l : layout.wrap(messages.get("followup.brief.consent", limits), 11.0, width)) {
                y[0] += 11.0 * 1.5;
                marks.add(new TableLayout.Text(margin, y[0], 11.0, true, l));
            }
        }

        // The summary, as at the top of the profile: membership's figures, then what other features add.
        var m = b.membership();
        java.util.Currency currency = membership.settings().currency();
        heading.accept(messages.get("followup.brief.summary"));
        if (b.facts().riskReason() != null && y[0] + 30 <= bottom) {
            for (String l : layout.wrap(messages.get("followup.brief.atRisk", b.facts().riskReason()), 11.0, width)) {
                y[0] += 11.0 * 1.5;
                marks.add(new TableLayout.Text(margin, y[0], 11.0, true, l));
            }
        }
        List<String> facts = new ArrayList<>();
        facts.add(messages.get("followup.brief.fact", messages.get("followup.brief.tier"),
                m.tier() == null ? "—" : m.tier().displayName(messages)));
        facts.add(messages.get("followup.brief.fact", messages.get("followup.brief.points"), formats.integer(m.pointsBalance())));
        facts.add(messages.get("followup.brief.fact", messages.get("followup.brief.spend12"), formats.money(m.spend12Months(), currency)));
        b.facts().facts().forEach(f -> facts.add(messages.get("followup.brief.fact", f.label(), f.value())));
        for (int i = 0; i < facts.size(); i += 3) { // three a line, as the row of the profile reads
            line.accept(String.join("   ·   ", facts.subList(i, Math.min(facts.size(), i + 3))), 10.0);
        }

        heading.accept(messages.get("followup.brief.contact"));
        if (!c.phones().isEmpty()) {
            line.accept(messages.get("followup.list.phone") + ": "
                    + String.join(", ", c.phones().stream().map(customers.phones()::format).toList()), 10.0);
        }
        if (c.wechat() != null) {
            line.accept(messages.get("followup.channel.WECHAT") + ": " + c.wechat(), 10.0);
        }
        if (c.email() != null) {
            line.accept(messages.get("followup.channel.EMAIL") + ": " + c.email(), 10.0);
        }
        if (c.address() != null) {
            line.accept(messages.get("followup.brief.address") + ": " + c.address(), 10.0);
        }
        if (c.company() != null) {
            line.accept(messages.get("followup.brief.company") + ": " + c.company() + (c.jobTitle() == null ? "" : ", " + c.jobTitle()), 10.0);
        }
        if (c.birthday() != null) {
            line.accept(messages.get("followup.kind.BIRTHDAY") + ": " + new app.regulars.customer.BirthdayFormat(messages).format(c.birthday()), 10.0);
        }
        if (!c.tags().isEmpty()) {
            line.accept(messages.get("followup.brief.tags") + ": " + String.join(", ", c.tags()), 10.0);
        }

        heading.accept(messages.get("followup.brief.purchases"));
        for (var p : m.lastPurchases().stream().limit(BRIEF_PURCHASES).toList()) {
            line.accept("• " + formats.date(p.purchasedAt().toLocalDate()) + "   " + formats.money(p.amount(), currency)
                    + (p.note() == null || p.note().isBlank() ? "" : "   " + p.note()), 10.0);
        }
        if (m.lastPurchases().isEmpty()) {
            line.accept(messages.get("followup.brief.noPurchases"), 10.0);
        }

        heading.accept(messages.get("followup.brief.open"));
        LocalDateTime now = service.now();
        for (FollowUp f : b.open()) {
            line.accept("□ " + (f.allDay() ? formats.date(f.dueAt().toLocalDate()) : formats.dateTime(f.dueAt())) + "   "
                    + messages.get("followup.kind." + f.kind().name()) + " · " + FollowUpTitles.of(f, messages)
                    + (f.isLate(now) ? "   " + messages.get("followup.late") : "")
                    + (f.notes() == null ? "" : " — " + f.notes()), 10.0);
        }
        if (b.open().isEmpty()) {
            line.accept(messages.get("followup.timeline.noOpen"), 10.0);
        }

        heading.accept(messages.get("followup.brief.lastContacts", BRIEF_CONTACTS));
        for (Contact i : b.contacts()) {
            line.accept("• " + formats.dateTime(i.occurredAt()) + "   " + messages.get("followup.channel." + i.channel().name())
                    + "   " + i.summary()
                    + (i.outcome() == null ? "" : " → " + i.outcome())
                    + (i.nextStep() == null ? "" : " · " + messages.get("followup.timeline.nextShort") + " " + i.nextStep()), 10.0);
        }
        if (b.contacts().isEmpty()) {
            line.accept(messages.get("followup.brief.noContacts"), 10.0);
        }

        heading.accept(messages.get("followup.brief.notes"));
        if (c.notes() != null) {
            line.accept(c.notes(), 10.0);
        }
        if (c.preferences() != null) {
            line.accept(messages.get("followup.brief.preferences") + ": " + c.preferences(), 10.0);
        }
        heading.accept(messages.get("followup.brief.visitNotes"));
        return marks;
    }
}

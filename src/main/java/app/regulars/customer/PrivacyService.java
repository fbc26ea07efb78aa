package app.regulars.customer;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Backups;
import app.regulars.store.Database;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A customer's privacy requests (PIPL articles 45 and 47; GDPR articles 15, 17 and 20), decision 0021:
 *
 * <ul>
 *   <li><b>Export</b>: every record the shop holds about the customer, gathered from the profile,
 *   its consent history and what each feature adds as {@link PersonalData} (contacts, follow-ups,
 *   purchases, points, coupons, tier history, survey answers), written as JSON
 *   ({@link CustomerExportJson}) and as a readable PDF.</li>
 *   <li><b>Erase</b>: in one transaction, each feature removes its part, then the customer's row
 *   keeps only what their anonymous figures hang on (card number, creation time): their purchases
 *   stay, so the shop's totals do not change. The file is compacted when the store closes, so none
 *   of the erased data stays in its unused pages. Backups made before keep it until rotation
 *   deletes them ({@link #backupsHolding()}).</li>
 *   <li><b>The log</b>: each request with its date, kind, card number and where it was made; no
 *   personal data.</li>
 * </ul>
 */
public final class PrivacyService {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);
    /** What an erased customer is called from then on. */
    public static final String ERASED_NAME = "—";

    private final Database db;
    private final CustomerService customers;
    private final CustomerRepository repository;
    private final Clock clock;
    private final List<PersonalData> parts = new CopyOnWriteArrayList<>();

    public PrivacyService(Database db, CustomerService customers, CustomerRepository repository, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.repository = repository;
        this.clock = clock;
    }

    /** Adds a feature's part of a customer's data: exported after those added before it, erased with them. */
    /** Whether whoever is signed in may erase (decision 0033). */
    public boolean owner() {
        return db.session().owner();
    }

    public void add(PersonalData part) {
        parts.add(part);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The customer with this card number, not erased; a {@code UserException} otherwise. */
    public Customer customer(String code) {
        Customer c = customers.byCode(code).orElseThrow(() -> new UserException("privacy.error.noCode", code.strip()));
        if (c.erased()) {
            throw new UserException("privacy.error.erased", c.code(), c.erasedAt().toLocalDate().toString());
        }
        return c;
    }

    // ---- export ----

    /** Everything held about the customer with this card number, in the language of {@code messages}; logged as a request. */
    public CustomerExport export(String code, PrivacyRequest.Source source, Messages messages) {
        return export(customer(code).id(), source, messages);
    }

    /** Everything held about the customer {@code customerId}; logged as a request. */
    public CustomerExport export(long customerId, PrivacyRequest.Source source, Messages messages) {
        Customer c = customers.get(customerId).orElseThrow(() -> new UserException("customer.error.gone"));
        if (c.erased()) {
            throw new UserException("privacy.error.erased", c.code(), c.erasedAt().toLocalDate().toString());
        }
        List<DataSection> sections = new ArrayList<>();
        sections.add(profile(c, messages));
        if (c.fields() != null && !c.fields().isEmpty()) {
            sections.add(customFields(c, messages));
        }
        sections.add(consentHistory(c, messages));
        for (PersonalData part : parts) {
            sections.addAll(part.export(customerId, messages));
        }
        LocalDateTime now = now();
        db.write(cfg -> {
            repository.logRequest(cfg.dsl(), new PrivacyRequest(now, PrivacyRequest.Kind.EXPORT, c.code(), source));
            return null;
        });
        LOG.info("Exported the data of customer {} ({} sections)", customerId, sections.size());
        return new CustomerExport(c.code(), c.name(), now, sections);
    }

    /** Writes {@code export} as JSON to {@code file}. */
    public void writeJson(CustomerExport export, Path file) {
        CustomerExportJson.write(export, file);
    }

    /** Writes {@code export} as a readable PDF to {@code file}: a heading, then each section as a table. */
    public void writePdf(CustomerExport export, Messages messages, TableLayout.Paper paper, Path file) {
        Formats formats = new Formats(messages);
        List<app.regulars.tables.Table> tables = export.sections().stream()
                .map(s -> s.table(messages.get("privacy.pdf.field"), messages.get("privacy.pdf.value"))).toList();
        new TableExport(messages, paper).pdfSections(messages.get("privacy.pdf.title", export.name(), export.code()),
                messages.get("privacy.pdf.subtitle", formats.dateTime(export.exportedAt())), tables, file);
    }

    /** Writes both files of an export: {@code base}.json and {@code base}.pdf. Returns them. */
    public List<Path> writeBoth(CustomerExport export, Messages messages, TableLayout.Paper paper, Path base) {
        String name = base.getFileName().toString().replaceFirst("(?i)\\.(json|pdf)$", "");
        Path json = base.resolveSibling(name + ".json");
        Path pdf = base.resolveSibling(name + ".pdf");
        writeJson(export, json);
        writePdf(export, messages, paper, pdf);
        return List.of(json, pdf);
    }

    /** The custom fields' values (decision 0027): a row per field with a value, its name and its value. */
    private DataSection customFields(Customer c, Messages messages) {
        FieldValueFormat format = new FieldValueFormat(messages);
        List<List<Object>> rows = new ArrayList<>();
        for (CustomField f : customers.customFields().all()) {
            FieldValue v = c.fields().get(f.id());
            if (v != null) {
                rows.add(java.util.Arrays.asList(f.name(), new DataSection.Shown(FieldValueFormat.typed(v), format.text(v))));
            }
        }
        return DataSection.list("customFields", messages.get("customer.custom.section"), List.of(
                new DataSection.Field("field", messages.get("customer.custom.field"), 1),
                new DataSection.Field("value", messages.get("customer.custom.value"), 2)), rows);
    }

    private DataSection profile(Customer c, Messages messages) {
        BirthdayFormat birthdays = new BirthdayFormat(messages);
        Birthday b = c.birthday();
        Object birthday = null;
        if (b != null) {
            String iso = b.year() != null ? "%04d-%02d-%02d".formatted(b.year(), b.month(), b.day()) : "--%02d-%02d".formatted(b.month(), b.day());
            birthday = new DataSection.Shown(iso, birthdays.format(b));
        }
        List<DataSection.Field> fields = List.of(
                field("code", messages, "customer.field.code"),
                field("name", messages, "customer.field.name"),
                field("gender", messages, "customer.field.gender"),
                field("birthday", messages, "customer.field.birthday"),
                field("birthdayCalendar", messages, "privacy.field.birthdayCalendar"),
                field("birthdayLeapMonth", messages, "privacy.field.leapMonth"),
                field("phones", messages, "customer.field.phones"),
                field("email", messages, "customer.field.email"),
                field("wechat", messages, "customer.field.wechat"),
                field("address", messages, "customer.field.address"),
                field("company", messages, "customer.field.company"),
                field("jobTitle", messages, "customer.field.jobTitle"),
                field("source", messages, "customer.field.source"),
                field("tags", messages, "customer.field.tags"),
                field("notes", messages, "customer.field.notes"),
                field("preferences", messages, "customer.field.preferences"),
                field("marketingConsent", messages, "customer.field.consent"),
                field("consentDate", messages, "customer.editor.consentDate"),
                field("optOuts", messages, "privacy.field.optOuts"),
                field("archived", messages, "privacy.field.archived"),
                field("mergedIn", messages, "customer.profile.mergedIn"),
                field("createdAt", messages, "privacy.field.createdAt"),
                field("updatedAt", messages, "privacy.field.updatedAt"));
        List<Object> values = Arrays.asList(
                c.code(), c.name(),
                c.gender() == null ? null : new DataSection.Shown(c.gender().name(),
                        messages.get("customer.gender." + c.gender().name().toLowerCase(Locale.ROOT))),
                birthday,
                b == null ? null : new DataSection.Shown(b.kind().name(), messages.get("privacy.calendar." + b.kind().name().toLowerCase(Locale.ROOT))),
                b == null ? null : b.leapMonth(),
                c.phones().stream().map(p -> (Object) new DataSection.Shown(p, customers.phones().format(p))).toList(),
                c.email(), c.wechat(), c.address(), c.company(), c.jobTitle(), c.source(),
                List.copyOf(c.tags()), c.notes(), c.preferences(),
                c.consent().marketing(), c.consent().date(),
                channels(c.consent().optOutsInOrder(), messages),
                c.archived(), mergedIn(c, messages), c.createdAt(), c.updatedAt());
        return DataSection.single("customer", messages.get("privacy.section.profile"), fields, values);
    }

    /** The customers merged into this one (decision 0025): their card numbers, shown with name and date. */
    private List<Object> mergedIn(Customer c, Messages messages) {
        Formats formats = new Formats(messages);
        return repository.mergedInto(db.dsl(), c.id()).stream().map(r -> (Object) new DataSection.Shown(r.code(),
                r.name() == null ? messages.get("customer.profile.mergedLineNoName", r.code(), formats.date(r.at().toLocalDate()),
                        messages.get(r.source().key()))
                        : messages.get("customer.profile.mergedLine", r.code(), r.name(), formats.date(r.at().toLocalDate()),
                        messages.get(r.source().key())))).toList();
    }

    private DataSection consentHistory(Customer c, Messages messages) {
        ConsentText text = new ConsentText(messages);
        List<ConsentChange> history = customers.consentHistory(c.id());
        List<List<Object>> rows = new ArrayList<>();
        Consent before = null;
        for (ConsentChange change : history) {
            rows.add(Arrays.asList(change.changedAt(),
                    new DataSection.Shown(change.source().name(), messages.get(change.source().key())),
                    change.consent().marketing(), change.consent().date(),
                    channels(change.consent().optOutsInOrder(), messages),
                    text.change(before, change.consent())));
            before = change.consent();
        }
        return DataSection.list("consentHistory", messages.get("customer.profile.consentHistory"), List.of(
                new DataSection.Field("changedAt", messages.get("privacy.field.when"), 1.2),
                new DataSection.Field("source", messages.get("privacy.field.from"), 1),
                new DataSection.Field("marketingConsent", messages.get("customer.field.consent"), 0.8),
                new DataSection.Field("consentDate", messages.get("customer.editor.consentDate"), 1),
                new DataSection.Field("optOuts", messages.get("privacy.field.optOuts"), 1),
                new DataSection.Field("change", messages.get("privacy.field.change"), 2)), rows);
    }

    private static List<Object> channels(List<MarketingChannel> channels, Messages messages) {
        return channels.stream().map(ch -> (Object) new DataSection.Shown(ch.name(),
                messages.get("customer.channel." + ch.name().toLowerCase(Locale.ROOT)))).toList();
    }

    private static DataSection.Field field(String key, Messages messages, String labelKey) {
        return DataSection.Field.of(key, messages.get(labelKey));
    }

    // ---- erasure ----

    /** What an erasure did: the card number, what is left of the customer, and the backups that still hold their data. */
    public record Erased(String code, Customer left, BackupsHolding backups) {
    }

    /** Erases the customer with this card number; see {@link #erase(long, PrivacyRequest.Source)}. */
    public Erased erase(String code, PrivacyRequest.Source source) {
        return erase(customer(code).id(), source);
    }

    /**
     * Erases the customer: every feature's part in one transaction, then the customer's own row
     * (see {@link CustomerRepository#erase}), and the request logged; the file is compacted when
     * the store closes. Returns what still holds their data (backups).
     */
    public Erased erase(long customerId, PrivacyRequest.Source source) {
        db.session().requireOwner(); // the owner's alone in team mode (decision 0033)
        LocalDateTime now = now();
        BackupsHolding holding = backupsHolding();
        String code = customers.writeCustomers(cfg -> {
            DSLContext dsl = cfg.dsl();
            Customer c = repository.findById(dsl, customerId).orElseThrow(() -> new UserException("customer.error.gone"));
            if (c.erased()) {
                throw new UserException("privacy.error.erased", c.code(), c.erasedAt().toLocalDate().toString());
            }
            Erasure erasure = new Erasure(customerId, c.code(), now, terms(c, customers.phones()));
            for (PersonalData part : parts) {
                part.erase(dsl, erasure);
            }
            repository.maskMentions(dsl, erasure);
            repository.erase(dsl, customerId, ERASED_NAME, now);
            repository.logRequest(dsl, new PrivacyRequest(now, PrivacyRequest.Kind.ERASE, c.code(), source));
            return c.code();
        });
        db.compactAtClose(); // nothing on a server: it reclaims the space of deleted rows itself (VACUUM)
        LOG.info("Erased customer {}; the file is compacted at close", customerId);
        return new Erased(code, customers.get(customerId).orElseThrow(), holding);
    }

    /**
     * The texts that name the customer, for masking mentions elsewhere: the name (a Latin one of at
     * least 4 letters, a Chinese one of at least 2 characters: shorter ones would mask parts of
     * other words), each phone as stored, as digits and as written, the email and the WeChat id.
     */
    static List<String> terms(Customer c, PhoneNumbers phones) {
        List<String> out = new ArrayList<>();
        String name = c.name() == null ? "" : c.name().strip();
        boolean chinese = name.codePoints().anyMatch(Character::isIdeographic);
        if (name.codePointCount(0, name.length()) >= (chinese ? 2 : 4)) {
            out.add(name);
        }
        for (String p : c.phones()) {
            out.add(p);
            out.add(PhoneNumbers.nationalDigits(p));
            out.add(phones.format(p));
        }
        if (c.email() != null) {
            out.add(c.email());
        }
        if (c.wechat() != null && c.wechat().length() >= 4) {
            out.add(c.wechat());
        }
        return out.stream().filter(t -> t != null && t.length() >= 2).distinct().toList();
    }

    /**
     * The backups that may still hold a customer erased now: the automatic ones, which rotation
     * deletes within {@code Keep.DEFAULT.months()} months (the last by {@code lastBy}), and those the
     * user made (or that came before a restore or an upgrade), which stay until deleted by hand.
     */
    public record BackupsHolding(int automatic, int own, LocalDate lastBy, boolean onServer) {
        public BackupsHolding(int automatic, int own, LocalDate lastBy) {
            this(automatic, own, lastBy, false);
        }

        public int total() {
            return automatic + own;
        }

        /**
         * What still holds an erased customer's data, a sentence a line: the backups, and the compaction at
         * close; on a shared server, the server's own backups (decision 0030).
         */
        public List<String> lines(Messages messages) {
            List<String> lines = new ArrayList<>();
            if (onServer) {
                lines.add(messages.get("privacy.backups.server"));
                return lines;
            }
            if (total() == 0) {
                lines.add(messages.get("privacy.backups.none"));
            }
            if (automatic > 0) {
                lines.add(messages.get("privacy.backups.some", automatic, new Formats(messages).date(lastBy)));
            }
            if (own > 0) {
                lines.add(messages.get("privacy.backups.own", own));
            }
            lines.add(messages.get("privacy.backups.compact"));
            return lines;
        }
    }

    public BackupsHolding backupsHolding() {
        if (db.engine() != app.regulars.store.Database.Engine.H2_FILE) {
            return new BackupsHolding(0, 0, null, true); // no file, no backups of it here: the server's own
        }
        List<Backups.Backup> all;
        try {
            all = Backups.list(Backups.folder(db.directory()));
        } catch (RuntimeException e) {
            LOG.warn("Could not list the backups", e);
            all = List.of();
        }
        int automatic = (int) all.stream().filter(b -> b.kind().automatic()).count();
        LocalDate today = LocalDate.now(clock);
        // The newest backup of each of the 12 newest months is kept: one of this month goes once 12 later months have one.
        LocalDate lastBy = today.withDayOfMonth(1).plusMonths(Backups.Keep.DEFAULT.months() + 1L);
        return new BackupsHolding(automatic, all.size() - automatic, lastBy);
    }

    /** The log of privacy requests, newest first. */
    public List<PrivacyRequest> requests() {
        return repository.requests(db.dsl(), 1000);
    }
}

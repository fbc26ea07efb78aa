package app.regulars.customer;

import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowProblem;
import app.regulars.tables.RowReader;
import app.regulars.tables.RowReader.Row;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Imports customers from a CSV file, an Excel sheet or a vCard file ({@link RowFile}: the same
 * header and rows whatever the format), all or nothing, streamed: a first pass reads and checks
 * every row (the file is never held in memory, only each code's first line) and decides where
 * each row goes: a row that is a customer already there, or one an earlier row makes (same card
 * number, phone or email) is skipped, fills or overwrites that customer, or is added anyway, as
 * the {@link OnDuplicate} rule says ({@link ImportMatcher}, decision 0024); if any row is
 * rejected nothing is stored and the report lists each rejected row with its line in the file;
 * otherwise a second pass reads the file again and hands the rows to
 * {@link CustomerService#importAll} a slice at a time, which stores all of them or none and
 * records what the undo of the import needs. Usable from a background task: it reports progress
 * (checking, then storing: twice the rows) and stops when cancelled.
 * A vCard's phone that is not a number, a phone past the fifth and a birthday that is not a
 * date do not refuse its contact: they are kept in the notes, and the report warns of each.
 */
public final class CustomerCsvImporter {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvImporter.class);
    /** Rows checked against the store's codes in one query. */
    private static final int CHECK_CHUNK = 1_000;

    private final CustomerService customers;
    private final ConsentSource consentSource;
    private final Messages messages;
    private final OnDuplicate rule;

    /** An import in the window that skips the customers already there: the consent it brings is recorded as from an import. */
    public CustomerCsvImporter(CustomerService customers) {
        this(customers, ConsentSource.IMPORT);
    }

    /** {@code source}: where the consent history says the customers' consent came from. Customers already there are skipped. */
    public CustomerCsvImporter(CustomerService customers, ConsentSource source) {
        this(customers, source, new Messages(Locale.ENGLISH));
    }

    /** {@code messages}: the language of what a vCard import adds to the notes. Customers already there are skipped. */
    public CustomerCsvImporter(CustomerService customers, ConsentSource source, Messages messages) {
        this(customers, source, messages, OnDuplicate.SKIP);
    }

    /** {@code rule}: what a row does that is a customer already there, or one an earlier row of the file makes. */
    public CustomerCsvImporter(CustomerService customers, ConsentSource source, OnDuplicate rule) {
        this(customers, source, new Messages(Locale.ENGLISH), rule);
    }

    /** Both: the language of a vCard's notes, and what a duplicate row does. */
    public CustomerCsvImporter(CustomerService customers, ConsentSource source, Messages messages, OnDuplicate rule) {
        this.customers = customers;
        this.consentSource = source;
        this.messages = messages;
        this.rule = rule;
    }

    /** The same import with another rule for rows that are customers already there. */
    public CustomerCsvImporter withRule(OnDuplicate other) {
        return new CustomerCsvImporter(customers, consentSource, messages, other);
    }

    /** What the header says: which columns hold what, and the headers ignored; {@code vcard}: a vCard's lenient phones and birthday. */
    private record Layout(List<String> header, Map<CustomerColumn, List<Integer>> columns, List<String> ignored, boolean vcard,
                          Map<CustomField, Integer> custom) {
    }

    /**
     * A row checked: the customer as it will be stored, or its problems; what it was stored with
     * that the user should know; whether it filled a consent cell.
     */
    private record Checked(Row row, Customer customer, List<RowProblem> problems, List<RowProblem> warnings, boolean consentStated) {
    }

    /** Imports {@code file} (CSV, .xlsx or .vcf; a workbook's first sheet); a {@link UserException} when it cannot be read at all. */
    public ImportReport importFile(Path file, Progress progress, BooleanSupplier cancelled) {
        return importFile(file, null, progress, cancelled);
    }

    /** The same, {@code sheet} naming a workbook's sheet (by name or number; null: the first). */
    public ImportReport importFile(Path file, String sheet, Progress progress, BooleanSupplier cancelled) {
        return importFile(RowFile.open(file, sheet, RowFile.ANY), null, progress, cancelled);
    }

    /** The customer fields a column can go to, by the keys a {@link ColumnMapping} names: {@link CustomerColumn}'s names. */
    public static List<CustomerColumn> fields() {
        return List.of(CustomerColumn.values());
    }

    /** How a {@link ColumnMapping} names a custom field: this and the field's id (decision 0027). */
    public static final String FIELD_KEY = "field:";

    /**
     * The mapping the header's names give (English and Chinese, as {@link CustomerColumn#forHeader};
     * else a custom field's name): what an import without one uses. Reads the custom fields.
     */
    public ColumnMapping automatic(List<String> header) {
        return automatic(header, customers.customFields());
    }

    private static ColumnMapping automatic(List<String> header, CustomFields custom) {
        List<String> fields = new ArrayList<>();
        for (String h : header) {
            fields.add(CsvValues.isBlank(h) ? null : CustomerColumn.forHeader(h).map(Enum::name)
                    .or(() -> custom.byName(h).map(f -> FIELD_KEY + f.id())).orElse(null));
        }
        return new ColumnMapping(fields);
    }

    /**
     * What the first pass found: the rows read, those rejected and warned (and the row, from 0, of
     * each warning), the layout, and where the duplicate rule sends each row (null: every row is added).
     */
    private record Pass(int rows, List<RejectedRow> rejected, List<RejectedRow> warnings, List<Integer> warned, Layout layout,
                        ImportMatcher matcher, ImportPhones phones) {
    }

    /**
     * The checks of an import on the first {@code limit} rows of {@code source} with {@code mapping}
     * (null: the header's), nothing stored: for the window's mapping screen. A {@link UserException}
     * when the mapping cannot be imported (no name column, two columns for one field).
     */
    public ImportReport check(RowFile source, ColumnMapping mapping, int limit) {
        Pass pass = firstPass(source, mapping, limit, Progress.NONE, () -> false);
        return new ImportReport(pass.rows(), 0, pass.rejected(), pass.layout().ignored(), source.charset(), pass.warnings());
    }

    /**
     * Imports {@code source} with {@code mapping} (column → field; null: the header's names give it,
     * as from the command line), all or nothing.
     */
    public ImportReport importFile(RowFile source, ColumnMapping mapping, Progress progress, BooleanSupplier cancelled) {
        String fileName = source.fileName();
        Progress throttled = throttled(progress);
        Pass pass = firstPass(source, mapping, Integer.MAX_VALUE, throttled, cancelled);
        int rows = pass.rows();
        List<RejectedRow> rejected = pass.rejected();
        List<RejectedRow> warnings = pass.warnings();
        Layout layout = pass.layout();
        ImportMatcher matcher = pass.matcher();
        if (rows == 0 && rejected.isEmpty()) {
            throw new UserException("exchange.error.noRows", fileName);
        }
        if (!rejected.isEmpty()) {
            LOG.info("Import of {} refused: {} of {} rows rejected", fileName, rejected.size(), rows);
            return new ImportReport(rows, 0, rejected, layout.ignored(), source.charset(), warnings);
        }
        if (matcher != null) {
            // A row skipped stores nothing: what it would have been stored with is no news.
            List<RejectedRow> kept = new ArrayList<>(warnings.size());
            for (int i = 0; i < warnings.size(); i++) {
                if (matcher.planOf(pass.warned().get(i)) != ImportMatcher.SKIP) {
                    kept.add(warnings.get(i));
                }
            }
            warnings = kept;
        }

        // Second pass: the same rows again, stored a slice at a time where the plan sends them.
        int checked = rows;
        long total = 2L * rows;
        int skippedRows = matcher == null ? 0 : matcher.skipped();
        CustomerService.ImportCounts counts = customers.importAll(fileName, rows, skippedRows, rule, slices -> {
            int again = 0;
            try (RowReader in = source.rows()) {
                Slice slice = new Slice(slices);
                for (Row row = in.next(); row != null; row = in.next()) {
                    Checked c = check(row, layout, null, pass.phones().replay(again));
                    if (!c.problems().isEmpty() || ++again > checked) {
                        throw new UserException("exchange.error.changed", fileName);
                    }
                    slice.add(again - 1, c, matcher);
                }
                if (in.unreadable() != null || again != checked) {
                    throw new UserException("exchange.error.changed", fileName);
                }
                slice.flush();
            }
        }, consentSource, n -> throttled.update(checked + n, total), cancelled);
        progress.update(total, total);
        LOG.info("Imported customers from {} ({}, {}): {} added, {} updated, {} skipped, {} with a warning", fileName, source.format(),
                source.charset(), counts.added(), counts.updated(), counts.skipped(), warnings.size());
        return new ImportReport(rows, counts.added(), List.of(), layout.ignored(), source.charset(), counts.updated(), counts.skipped(),
                0, warnings);
    }

    /**
     * The slice of rows being gathered for the storing pass: each row where the plan sends it
     * (rows it skips are left out); a row that goes to the customer an earlier row adds names that
     * customer's id, or, when both are in this slice, that row's place in it.
     */
    private static final class Slice {
        private final CustomerService.ImportSlices slices;
        private List<CustomerService.ImportItem> items = new ArrayList<>(CustomerService.SLICE);
        /** Row -> its place in this slice, for rows that add a customer later rows go to. */
        private final Map<Integer, Integer> headsHere = new HashMap<>();
        /** Row -> the id of the customer it added, for rows of earlier slices that later rows go to. */
        private final Map<Integer, Long> heads = new HashMap<>();

        Slice(CustomerService.ImportSlices slices) {
            this.slices = slices;
        }

        void add(int r, Checked c, ImportMatcher matcher) {
            long plan = matcher == null ? ImportMatcher.ADD : matcher.planOf(r);
            if (plan == ImportMatcher.SKIP) {
                return;
            }
            long into = plan;
            if (plan < 0) {
                int head = (int) (-plan - 1);
                Long id = heads.get(head);
                into = id != null ? id : -(headsHere.get(head) + 1L);
            }
            if (plan == ImportMatcher.ADD && matcher != null && matcher.followed(r)) {
                headsHere.put(r, items.size());
            }
            items.add(new CustomerService.ImportItem(c.customer(), into, c.consentStated()));
            if (items.size() == CustomerService.SLICE) {
                flush();
            }
        }

        void flush() {
            if (items.isEmpty()) {
                return;
            }
            long[] ids = slices.add(items);
            headsHere.forEach((row, at) -> heads.put(row, ids[at]));
            headsHere.clear();
            items = new ArrayList<>(CustomerService.SLICE);
        }
    }

    /** The first pass: at most {@code limit} rows read and checked, nothing stored. */
    private Pass firstPass(RowFile source, ColumnMapping mapping, int limit, Progress progress, BooleanSupplier cancelled) {
        String fileName = source.fileName();
        long estimate = Math.max(1, source.estimatedRows());
        List<RejectedRow> rejected = new ArrayList<>();
        List<RejectedRow> warnings = new ArrayList<>();
        List<Integer> warned = new ArrayList<>();
        // Adding every row, a card number may be there once (codes repeated in the file, or taken, are
        // rejected); else a repeated or known card number is a duplicate, which the matcher plans for.
        Map<String, RejectedRow.Place> codeLines = rule.matches() ? null : new HashMap<>();
        ImportMatcher matcher = rule.matches() ? new ImportMatcher(customers, rule) : null;
        Layout layout;
        int rows = 0;
        ImportPhones phones = new ImportPhones(customers.phones()::normalize);
        UnaryOperator<String> recording = phones.recording();
        try (RowReader in = source.rows()) {
            CustomFields custom = customers.customFields();
            layout = layout(in.header(), mapping == null ? automatic(in.header(), custom) : mapping, fileName,
                    source.format() == RowFile.Format.VCARD, custom);
            List<Checked> chunk = new ArrayList<>(CHECK_CHUNK);
            for (Row row = rows < limit ? in.next() : null; row != null; row = rows < limit ? in.next() : null) {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                Checked checked = check(row, layout, codeLines, recording);
                phones.endRow();
                chunk.add(checked);
                if (!checked.warnings().isEmpty()) {
                    warnings.add(row.rejected(checked.warnings()));
                    warned.add(rows);
                }
                rows++;
                progress.update(rows, 2 * Math.max(estimate, rows));
                if (chunk.size() == CHECK_CHUNK) {
                    rejectInvalid(chunk, layout, rejected, matcher);
                }
            }
            rejectInvalid(chunk, layout, rejected, matcher);
            if (rows < limit && in.unreadable() != null) {
                rejected.add(in.unreadable());
            }
        }
        rejected.sort(RejectedRow.IN_FILE_ORDER);
        return new Pass(rows, rejected, warnings, warned, layout, matcher, phones);
    }

    /** Passes on an update every half per cent of the way (every step of a small file): a window shows each one. */
    private static Progress throttled(Progress progress) {
        long[] last = {-1, 0};
        return (done, total) -> {
            long step = Math.max(1, total / 200);
            if (done == total || total != last[1] || done - last[0] >= step) {
                last[0] = done;
                last[1] = total;
                progress.update(done, total);
            }
        };
    }

    /** {@code fields}: the custom fields, which a mapping names by {@link #FIELD_KEY} and their id (decision 0027). */
    private static Layout layout(List<String> header, ColumnMapping mapping, String fileName, boolean vcard, CustomFields fields) {
        Map<CustomerColumn, List<Integer>> columns = new EnumMap<>(CustomerColumn.class);
        Map<CustomField, Integer> custom = new java.util.LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i);
            String field = mapping.field(i);
            if (field == null) {
                if (!CsvValues.isBlank(h)) {
                    ignored.add(h.strip());
                }
                continue;
            }
            if (field.startsWith(FIELD_KEY)) {
                var customField = fields.byId(Long.parseLong(field.substring(FIELD_KEY.length())));
                if (customField.isEmpty()) { // removed since the mapping was made
                    ignored.add(h.strip());
                } else if (custom.putIfAbsent(customField.get(), i) != null) {
                    throw new UserException("exchange.error.duplicateColumn", fileName, header.get(custom.get(customField.get())).strip(), h.strip());
                }
                continue;
            }
            CustomerColumn column = CustomerColumn.valueOf(field);
            List<Integer> at = columns.computeIfAbsent(column, c -> new ArrayList<>());
            if (!at.isEmpty() && column != CustomerColumn.PHONES) {
                throw new UserException("exchange.error.duplicateColumn", fileName, header.get(at.getFirst()).strip(), h.strip());
            }
            at.add(i);
        }
        if (!columns.containsKey(CustomerColumn.NAME)) {
            throw new UserException("exchange.error.noNameColumn", fileName);
        }
        return new Layout(header, columns, ignored, vcard, custom);
    }

    /**
     * The rows of a chunk that have problems become rejected rows. Adding every row, a code not
     * repeated in the file is looked up in the store, the whole chunk in one query; else the
     * matcher plans the chunk (three queries: card numbers, phones, emails).
     */
    private void rejectInvalid(List<Checked> chunk, Layout layout, List<RejectedRow> rejected, ImportMatcher matcher) {
        if (matcher != null) {
            List<Customer> planned = new ArrayList<>(chunk.size());
            for (Checked c : chunk) {
                planned.add(c.problems().isEmpty() ? c.customer() : null);
            }
            matcher.plan(planned);
        }
        List<String> codes = new ArrayList<>();
        for (Checked c : chunk) {
            if (matcher == null && c.customer() != null && c.customer().code() != null && !repeated(c)) {
                codes.add(c.customer().code());
            }
        }
        Set<String> taken = codes.isEmpty() ? Set.of() : customers.existingCodes(codes);
        for (Checked c : chunk) {
            List<RowProblem> problems = c.problems();
            if (c.customer() != null && c.customer().code() != null && taken.contains(c.customer().code()) && !repeated(c)) {
                problems = new ArrayList<>(problems);
                problems.add(RowProblem.of(layout.header().get(layout.columns().get(CustomerColumn.CODE).getFirst()).strip(),
                        "customer.error.codeTaken", c.customer().code()));
            }
            if (!problems.isEmpty()) {
                rejected.add(c.row().rejected(problems));
            }
        }
        chunk.clear();
    }

    private static boolean repeated(Checked c) {
        return c.problems().stream().anyMatch(p -> p.key().equals("exchange.row.codeRepeated"));
    }

    /**
     * Checks one row; {@code codeLines} (first line of each code; null on the second pass, and when
     * duplicates are matched) finds codes the file repeats; {@code phone} puts each phone in E.164
     * ({@link ImportPhones}: the first pass through libphonenumber, the second from what the first found).
     */
    private Checked check(Row row, Layout layout, Map<String, RejectedRow.Place> codeLines, UnaryOperator<String> phone) {
        List<RowProblem> problems = new ArrayList<>();
        List<RowProblem> warnings = new ArrayList<>();
        Customer c = validate(row, layout, problems, warnings, codeLines, phone);
        boolean consentStated = false;
        for (CustomerColumn col : List.of(CustomerColumn.MARKETING_CONSENT, CustomerColumn.CONSENT_DATE, CustomerColumn.OPT_OUTS)) {
            List<Integer> at = layout.columns().get(col);
            if (at != null && at.getFirst() < row.cells().size() && !CsvValues.isBlank(row.cells().get(at.getFirst()))) {
                consentStated = true;
            }
        }
        return new Checked(row, c, problems, warnings, consentStated);
    }

    private Customer validate(Row row, Layout layout, List<RowProblem> problems, List<RowProblem> warnings,
                              Map<String, RejectedRow.Place> codeLines, UnaryOperator<String> phone) {
        List<String> header = layout.header();
        Map<CustomerColumn, List<Integer>> columns = layout.columns();
        List<String> cells = row.cells();
        if (cells.size() > header.size() && cells.subList(header.size(), cells.size()).stream().anyMatch(s -> !CsvValues.isBlank(s))) {
            problems.add(RowProblem.of(null, "exchange.row.tooManyFields", cells.size(), header.size()));
            return null;
        }
        Cells in = new Cells(cells, header, columns, problems);
        List<String> phones = new ArrayList<>();
        for (String cell : in.all(CustomerColumn.PHONES)) {
            phones.addAll(CsvValues.phones(cell));
        }
        List<String> noted = new ArrayList<>();
        Birthday birthday;
        if (layout.vcard()) {
            phones = vcardPhones(phones, in.headerOf(CustomerColumn.PHONES), noted, warnings);
            birthday = vcardBirthday(in.get(CustomerColumn.BIRTHDAY), in.headerOf(CustomerColumn.BIRTHDAY), noted, warnings);
        } else {
            birthday = in.parse(CustomerColumn.BIRTHDAY, CsvValues::birthday, "exchange.row.birthday");
        }
        String notes = in.get(CustomerColumn.NOTES);
        if (!noted.isEmpty()) {
            notes = (CsvValues.isBlank(notes) ? "" : notes.strip() + "\n") + String.join("\n", noted);
        }
        Customer.Builder b = Customer.builder()
                .code(in.get(CustomerColumn.CODE))
                .name(in.get(CustomerColumn.NAME))
                .phones(phones)
                .email(in.get(CustomerColumn.EMAIL))
                .wechat(in.get(CustomerColumn.WECHAT))
                .gender(in.parse(CustomerColumn.GENDER, CsvValues::gender, "exchange.row.gender"))
                .birthday(birthday)
                .address(in.get(CustomerColumn.ADDRESS))
                .company(in.get(CustomerColumn.COMPANY))
                .jobTitle(in.get(CustomerColumn.ROLE))
                .source(in.get(CustomerColumn.SOURCE))
                .tags(CsvValues.list(in.get(CustomerColumn.TAGS)))
                .notes(notes)
                .preferences(in.get(CustomerColumn.PREFERENCES));
        Boolean marketing = in.parse(CustomerColumn.MARKETING_CONSENT, CsvValues::yesNo, "exchange.row.yesNo");
        LocalDate consentDate = in.parse(CustomerColumn.CONSENT_DATE, CsvValues::date, "exchange.row.date");
        Set<MarketingChannel> optOuts = in.parseEach(CustomerColumn.OPT_OUTS);
        b.consent(new Consent(Boolean.TRUE.equals(marketing), consentDate, optOuts));
        b.archived(Boolean.TRUE.equals(in.parse(CustomerColumn.ARCHIVED, CsvValues::yesNo, "exchange.row.yesNo")));
        LocalDateTime created = in.parse(CustomerColumn.CREATED, CsvValues::dateTime, "exchange.row.dateTime");
        if (created != null && created.isAfter(customers.today().plusDays(1).atStartOfDay())) {
            problems.add(RowProblem.of(in.headerOf(CustomerColumn.CREATED), "exchange.row.createdFuture", in.get(CustomerColumn.CREATED).strip()));
            created = null;
        }
        b.createdAt(created);
        if (!layout.custom().isEmpty()) {
            b.fields(customValues(cells, layout, problems));
        }

        Customer normalized = null;
        try {
            normalized = customers.normalize(b.build(), customers.customFields(), phone);
        } catch (InvalidCustomerException e) {
            e.problems().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(p -> problems.add(in.problem(p.getKey(), p.getValue())));
        }
        if (normalized != null && normalized.code() != null && codeLines != null) {
            String code = normalized.code();
            RejectedRow.Place first = codeLines.putIfAbsent(code, row.place());
            if (first != null) {
                problems.add(RowProblem.of(in.headerOf(CustomerColumn.CODE), "exchange.row.codeRepeated", code, first));
            }
        }
        return normalized;
    }

    /** The custom fields' cells of a row, each checked by the field's kind; a value it cannot take is a problem under its column. */
    private static Map<Long, FieldValue> customValues(List<String> cells, Layout layout, List<RowProblem> problems) {
        Map<Long, FieldValue> out = new java.util.LinkedHashMap<>();
        layout.custom().forEach((field, i) -> {
            String cell = i < cells.size() ? cells.get(i) : null;
            try {
                String stored = field.read(cell);
                if (stored != null) {
                    out.put(field.id(), new FieldValue(field.kind(), stored));
                }
            } catch (UserException e) {
                problems.add(RowProblem.of(null, e.key(), e.args())); // the message names the field, as its column does
            }
        });
        return out;
    }

    /**
     * A vCard's phones: those that are numbers (the first {@value CustomerService#MAX_PHONES}), in
     * E.164; a word or a number with no country PhoneNumbers can place, and a phone past the
     * fifth, go to {@code noted} (lines for the notes) with a warning each.
     */
    private List<String> vcardPhones(List<String> raw, String column, List<String> noted, List<RowProblem> warnings) {
        List<String> kept = new ArrayList<>();
        for (String p : raw) {
            String e164;
            try {
                e164 = customers.phones().normalize(p);
            } catch (UserException e) {
                noted.add(messages.get("customer.import.phoneNote", p));
                warnings.add(RowProblem.of(column, "exchange.warning.phoneInNotes", p));
                continue;
            }
            if (kept.contains(e164)) {
                continue;
            }
            if (kept.size() == CustomerService.MAX_PHONES) {
                noted.add(messages.get("customer.import.phoneNote", p));
                warnings.add(RowProblem.of(column, "exchange.warning.extraPhoneInNotes", p, CustomerService.MAX_PHONES));
                continue;
            }
            kept.add(e164);
        }
        return kept;
    }

    /** A vCard's birthday, or null with a line for the notes and a warning when it is not a date. */
    private Birthday vcardBirthday(String raw, String column, List<String> noted, List<RowProblem> warnings) {
        try {
            Birthday b = CsvValues.birthday(raw);
            if (b != null && b.year() != null && !b.isLunar() && LocalDate.of(b.year(), b.month(), b.day()).isAfter(customers.today())) {
                throw new IllegalArgumentException(raw);
            }
            return b;
        } catch (IllegalArgumentException e) {
            noted.add(messages.get("customer.import.birthdayNote", raw.strip()));
            warnings.add(RowProblem.of(column, "exchange.warning.birthdayInNotes", raw.strip()));
            return null;
        }
    }

    /** The cells of one row, looked up by column, with the parse problems they raise. */
    private record Cells(List<String> cells, List<String> header, Map<CustomerColumn, List<Integer>> columns, List<RowProblem> problems) {
        String get(CustomerColumn column) {
            List<Integer> at = columns.get(column);
            return at == null ? null : cell(at.getFirst());
        }

        List<String> all(CustomerColumn column) {
            List<String> out = new ArrayList<>();
            for (int i : columns.getOrDefault(column, List.of())) {
                String c = cell(i);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        private String cell(int i) {
            return i < cells.size() ? cells.get(i) : null;
        }

        <T> T parse(CustomerColumn column, java.util.function.Function<String, T> parser, String problemKey) {
            String raw = get(column);
            try {
                return parser.apply(raw);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.of(headerOf(column), problemKey, raw.strip()));
                return null;
            }
        }

        Set<MarketingChannel> parseEach(CustomerColumn column) {
            String raw = get(column);
            try {
                return CsvValues.channels(raw);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.of(headerOf(column), "exchange.row.channel", e.getMessage()));
                return Set.of();
            }
        }

        String headerOf(CustomerColumn column) {
            List<Integer> at = columns.get(column);
            return at == null ? column.header() : header.get(at.getFirst()).strip();
        }

        RowProblem problem(CustomerField field, FieldProblem p) {
            if (field == CustomerField.CUSTOM) { // checked under its own column before; the message names the field
                return new RowProblem(null, p.key(), p.args());
            }
            return new RowProblem(headerOf(CustomerColumn.of(field)), p.key(), p.args());
        }
    }
}

package app.regulars.customer;

import app.regulars.tables.CsvRows;
import app.regulars.tables.CsvRows.Row;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowProblem;
import app.regulars.tables.TextFiles;

import app.regulars.i18n.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Imports customers from a CSV file, all or nothing, streamed: a first pass reads and checks
 * every row (the file is never held in memory, only each code's first line); if any row is
 * rejected nothing is stored and the report lists each rejected row with its line in the file;
 * otherwise a second pass reads the file again and hands the customers to
 * {@link CustomerService#insertAll(java.util.function.Consumer, ConsentSource, java.util.function.IntConsumer, BooleanSupplier)}
 * a slice at a time, which stores all of them or none. Usable from a background task: it
 * reports progress (checking, then storing: twice the rows) and stops when cancelled.
 */
public final class CustomerCsvImporter {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvImporter.class);
    /** Rows checked against the store's codes in one query. */
    private static final int CHECK_CHUNK = 1_000;

    private final CustomerService customers;
    private final ConsentSource consentSource;

    /** An import in the window: the consent it brings is recorded as from an import. */
    public CustomerCsvImporter(CustomerService customers) {
        this(customers, ConsentSource.IMPORT);
    }

    /** {@code source}: where the consent history says the customers' consent came from. */
    public CustomerCsvImporter(CustomerService customers, ConsentSource source) {
        this.customers = customers;
        this.consentSource = source;
    }

    /** What the header says: which columns hold what, and the headers ignored. */
    private record Layout(List<String> header, Map<CustomerColumn, List<Integer>> columns, List<String> ignored) {
    }

    /** A row checked: the customer as it will be stored, or its problems. */
    private record Checked(Row row, Customer customer, List<RowProblem> problems) {
    }

    /** Imports {@code file}; a {@link UserException} when the file cannot be read as CSV at all. */
    public ImportReport importFile(Path file, Progress progress, BooleanSupplier cancelled) {
        TextFiles.Source source = TextFiles.scan(file);
        String fileName = file.toString();
        Progress throttled = throttled(progress);
        long estimate = Math.max(1, source.lines() - 1);

        // First pass: every row checked, nothing stored.
        List<RejectedRow> rejected = new ArrayList<>();
        Map<String, Integer> codeLines = new HashMap<>();
        Layout layout;
        int rows = 0;
        try (CsvRows in = CsvRows.open(source, fileName)) {
            layout = layout(in.header(), fileName);
            List<Checked> chunk = new ArrayList<>(CHECK_CHUNK);
            for (Row row = in.next(); row != null; row = in.next()) {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                chunk.add(check(row, layout, codeLines));
                rows++;
                throttled.update(rows, 2 * Math.max(estimate, rows));
                if (chunk.size() == CHECK_CHUNK) {
                    rejectInvalid(chunk, layout, rejected);
                }
            }
            rejectInvalid(chunk, layout, rejected);
            if (in.unreadable() != null) {
                rejected.add(in.unreadable());
            }
        }
        rejected.sort(Comparator.comparingLong(RejectedRow::line));
        if (rows == 0 && rejected.isEmpty()) {
            throw new UserException("exchange.error.noRows", fileName);
        }
        if (!rejected.isEmpty()) {
            LOG.info("Import of {} refused: {} of {} rows rejected", fileName, rejected.size(), rows);
            return new ImportReport(rows, 0, rejected, layout.ignored(), source.charset());
        }

        // Second pass: the same rows again, stored a slice at a time.
        int checked = rows;
        long total = 2L * rows;
        int imported = customers.insertAll(slices -> {
            int again = 0;
            try (CsvRows in = CsvRows.open(source, fileName)) {
                List<Customer> slice = new ArrayList<>(CustomerService.SLICE);
                for (Row row = in.next(); row != null; row = in.next()) {
                    Checked c = check(row, layout, null);
                    if (!c.problems().isEmpty() || ++again > checked) {
                        throw new UserException("exchange.error.changed", fileName);
                    }
                    slice.add(c.customer());
                    if (slice.size() == CustomerService.SLICE) {
                        slices.add(slice);
                        slice = new ArrayList<>(CustomerService.SLICE);
                    }
                }
                if (in.unreadable() != null || again != checked) {
                    throw new UserException("exchange.error.changed", fileName);
                }
                if (!slice.isEmpty()) {
                    slices.add(slice);
                }
            }
        }, consentSource, n -> throttled.update(checked + n, total), cancelled);
        progress.update(total, total);
        LOG.info("Imported {} customers from {} ({})", imported, fileName, source.charset());
        return new ImportReport(rows, imported, List.of(), layout.ignored(), source.charset());
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

    private static Layout layout(List<String> header, String fileName) {
        Map<CustomerColumn, List<Integer>> columns = new EnumMap<>(CustomerColumn.class);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (CsvValues.isBlank(h)) {
                continue;
            }
            var column = CustomerColumn.forHeader(h);
            if (column.isEmpty()) {
                ignored.add(h.strip());
                continue;
            }
            List<Integer> at = columns.computeIfAbsent(column.get(), c -> new ArrayList<>());
            if (!at.isEmpty() && column.get() != CustomerColumn.PHONES) {
                throw new UserException("exchange.error.duplicateColumn", fileName, header.get(at.getFirst()).strip(), h.strip());
            }
            at.add(i);
        }
        if (!columns.containsKey(CustomerColumn.NAME)) {
            throw new UserException("exchange.error.noNameColumn", fileName);
        }
        return new Layout(header, columns, ignored);
    }

    /**
     * The rows of a chunk that have problems become rejected rows; a code not repeated in the
     * file is looked up in the store, the whole chunk in one query.
     */
    private void rejectInvalid(List<Checked> chunk, Layout layout, List<RejectedRow> rejected) {
        List<String> codes = new ArrayList<>();
        for (Checked c : chunk) {
            if (c.customer() != null && c.customer().code() != null && !repeated(c)) {
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
                rejected.add(new RejectedRow(c.row().line(), problems));
            }
        }
        chunk.clear();
    }

    private static boolean repeated(Checked c) {
        return c.problems().stream().anyMatch(p -> p.key().equals("exchange.row.codeRepeated"));
    }

    /** Checks one row; {@code codeLines} (first line of each code, null on the second pass) finds codes the file repeats. */
    private Checked check(Row row, Layout layout, Map<String, Integer> codeLines) {
        List<RowProblem> problems = new ArrayList<>();
        Customer c = validate(row, layout.header(), layout.columns(), problems, codeLines);
        return new Checked(row, c, problems);
    }

    private Customer validate(Row row, List<String> header, Map<CustomerColumn, List<Integer>> columns,
                              List<RowProblem> problems, Map<String, Integer> codeLines) {
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
        Customer.Builder b = Customer.builder()
                .code(in.get(CustomerColumn.CODE))
                .name(in.get(CustomerColumn.NAME))
                .phones(phones)
                .email(in.get(CustomerColumn.EMAIL))
                .wechat(in.get(CustomerColumn.WECHAT))
                .gender(in.parse(CustomerColumn.GENDER, CsvValues::gender, "exchange.row.gender"))
                .birthday(in.parse(CustomerColumn.BIRTHDAY, CsvValues::birthday, "exchange.row.birthday"))
                .address(in.get(CustomerColumn.ADDRESS))
                .company(in.get(CustomerColumn.COMPANY))
                .jobTitle(in.get(CustomerColumn.ROLE))
                .source(in.get(CustomerColumn.SOURCE))
                .tags(CsvValues.list(in.get(CustomerColumn.TAGS)))
                .notes(in.get(CustomerColumn.NOTES))
                .preferences(in.get(CustomerColumn.PREFERENCES));
        Boolean marketing = in.parse(CustomerColumn.MARKETING_CONSENT, CsvValues::yesNo, "exchange.row.yesNo");
        LocalDate consentDate = in.parse(CustomerColumn.CONSENT_DATE, CsvValues::date, "exchange.row.date");
        Set<MarketingChannel> optOuts = in.parseEach(CustomerColumn.OPT_OUTS);
        b.consent(new Consent(Boolean.TRUE.equals(marketing), consentDate, optOuts));

        Customer normalized = null;
        try {
            normalized = customers.normalize(b.build());
        } catch (InvalidCustomerException e) {
            e.problems().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(p -> problems.add(in.problem(p.getKey(), p.getValue())));
        }
        if (normalized != null && normalized.code() != null && codeLines != null) {
            String code = normalized.code();
            Integer first = codeLines.putIfAbsent(code, Math.toIntExact(row.line()));
            if (first != null) {
                problems.add(RowProblem.of(in.headerOf(CustomerColumn.CODE), "exchange.row.codeRepeated", code, (long) first));
            }
        }
        return normalized;
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
            return new RowProblem(headerOf(CustomerColumn.of(field)), p.key(), p.args());
        }
    }
}

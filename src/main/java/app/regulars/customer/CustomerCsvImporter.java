package app.regulars.customer;

import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowProblem;
import app.regulars.tables.TextFiles;

import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports customers from a CSV file, all or nothing: every row is read and validated
 * first; if any is rejected nothing is stored and the report lists each rejected row with
 * its line in the file; otherwise all rows are stored in one transaction.
 * Usable from a background task: it reports progress and stops when cancelled.
 */
public final class CustomerCsvImporter {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvImporter.class);
    private static final Pattern PARSE_LINE = Pattern.compile("started in line (\\d+)");

    private final CustomerService customers;

    public CustomerCsvImporter(CustomerService customers) {
        this.customers = customers;
    }

    /** A data row as read: its first physical line and its cells. */
    private record Row(long line, List<String> cells) {
    }

    /** Imports {@code file}; a {@link UserException} when the file cannot be read as CSV at all. */
    public ImportReport importFile(Path file, Progress progress, BooleanSupplier cancelled) {
        TextFiles.Text text = TextFiles.read(file);
        return importText(text, file.toString(), progress, cancelled);
    }

    ImportReport importText(TextFiles.Text text, String fileName, Progress progress, BooleanSupplier cancelled) {
        List<RejectedRow> rejected = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> header = read(text.content(), fileName, rows, rejected);

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

        long total = rows.size() * 2L;
        List<Customer> valid = new ArrayList<>();
        Map<String, Long> codeLines = new HashMap<>();
        long done = 0;
        for (Row row : rows) {
            if (cancelled.getAsBoolean()) {
                throw new UserException("common.cancelled");
            }
            List<RowProblem> problems = new ArrayList<>();
            Customer c = validate(row, header, columns, problems, codeLines);
            if (problems.isEmpty()) {
                valid.add(c);
            } else {
                rejected.add(new RejectedRow(row.line(), problems));
            }
            progress.update(++done, total);
        }
        rejected.sort(Comparator.comparingLong(RejectedRow::line));
        if (!rejected.isEmpty()) {
            LOG.info("Import of {} refused: {} of {} rows rejected", fileName, rejected.size(), rows.size());
            return new ImportReport(rows.size(), 0, rejected, ignored, text.charset());
        }
        long validated = done;
        int imported = customers.insertAll(valid, n -> progress.update(validated + n, total), cancelled);
        progress.update(total, total);
        LOG.info("Imported {} customers from {} ({})", imported, fileName, text.charset());
        return new ImportReport(rows.size(), imported, List.of(), ignored, text.charset());
    }

    /** Reads the header and the data rows; rows that cannot be parsed go to {@code rejected}. */
    private static List<String> read(String content, String fileName, List<Row> rows, List<RejectedRow> rejected) {
        List<String> header = null;
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .ofCsvRecord(content);
        long lastLine = 0;
        try (CloseableIterator<CsvRecord> it = reader.iterator()) {
            while (true) {
                CsvRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (CsvParseException e) {
                    // FastCSV cannot resync after broken quoting: the rest of the file is unreadable.
                    long line = parseErrorLine(e, lastLine + 1);
                    if (header == null) {
                        throw new UserException(e, "exchange.error.notCsv", fileName);
                    }
                    rejected.add(new RejectedRow(line, List.of(RowProblem.of(null, "exchange.row.badQuotes"))));
                    break;
                }
                lastLine = record.getStartingLineNumber();
                if (header == null) {
                    header = record.getFields();
                    continue;
                }
                if (record.getFields().stream().allMatch(CsvValues::isBlank)) {
                    continue;
                }
                rows.add(new Row(record.getStartingLineNumber(), record.getFields()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw new UserException("exchange.error.noHeader", fileName);
        }
        if (!rows.isEmpty() && unclosedQuoteAtEnd(content, rows.getLast())) {
            Row last = rows.removeLast();
            rejected.add(new RejectedRow(last.line(), List.of(RowProblem.of(null, "exchange.row.unclosedQuote"))));
        }
        return header;
    }

    /** An opening quote never closed makes the last field run to the end of the file, line breaks and all. */
    private static boolean unclosedQuoteAtEnd(String content, Row last) {
        String lastCell = last.cells().getLast();
        if (lastCell.indexOf('\n') < 0 && lastCell.indexOf('\r') < 0) {
            return false;
        }
        String end = content.stripTrailing();
        return !end.endsWith("\"");
    }

    private static long parseErrorLine(CsvParseException e, long fallback) {
        Matcher m = PARSE_LINE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : fallback;
    }

    private Customer validate(Row row, List<String> header, Map<CustomerColumn, List<Integer>> columns,
                              List<RowProblem> problems, Map<String, Long> codeLines) {
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
        if (normalized != null && normalized.code() != null) {
            String code = normalized.code();
            Long first = codeLines.putIfAbsent(code, row.line());
            if (first != null) {
                problems.add(RowProblem.of(in.headerOf(CustomerColumn.CODE), "exchange.row.codeRepeated", code, first));
            } else if (customers.codeExists(code)) {
                problems.add(RowProblem.of(in.headerOf(CustomerColumn.CODE), "customer.error.codeTaken", code));
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

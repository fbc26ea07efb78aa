package app.regulars.customer;

import app.regulars.i18n.UserException;
import app.regulars.tables.AtomicFile;
import app.regulars.tables.ListCells;
import app.regulars.tables.Progress;
import app.regulars.tables.SpreadsheetCells;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Writes the customers to a file that {@link CustomerCsvImporter} reads back, every column of
 * the profile ({@link CustomerColumn}: card number, name, every phone, ..., consent, when they
 * were added; whether they are archived when archived ones are included):
 * <ul>
 *   <li>CSV: UTF-8 with a BOM (so Excel shows Chinese correctly), CRLF line ends, the canonical
 *   English headers, phones in E.164, lists (phones, tags) joined with {@code ;} and a tag that
 *   holds a separator quoted ({@link ListCells}), text cells kept from running as formulas
 *   ({@link SpreadsheetCells});</li>
 *   <li>Excel: the same header and cells on one sheet, the consent date and the date added as
 *   date cells;</li>
 *   <li>vCard 3.0 ({@link CustomerVcards}).</li>
 * </ul>
 * Active customers first, then archived ones, each in card-number order; erased customers never.
 * The file appears only once complete: it is written beside the target and moved over it.
 */
public final class CustomerCsvExporter {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvExporter.class);
    private static final int BATCH = 500;
    /** Rows an Excel sheet keeps in memory before it writes them out. */
    private static final int XLSX_FLUSH = 1_000;

    /** The formats of {@code export customers}. */
    public enum Format {
        CSV("csv"), XLSX("xlsx"), VCF("vcf");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** {@code csv}, {@code xlsx} (or {@code excel}), {@code vcf} (or {@code vcard}), in any case; a {@code UserException} otherwise. */
        public static Format parse(String name) {
            return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "xlsx", "excel" -> XLSX;
                case "vcf", "vcard" -> VCF;
                default -> throw new UserException("customer.export.unknownFormat", name);
            };
        }

        /** The format a file's name asks for: .xlsx, .vcf (or .vcard), else CSV. */
        public static Format forFile(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".xlsx")) {
                return XLSX;
            }
            return name.endsWith(".vcf") || name.endsWith(".vcard") ? VCF : CSV;
        }
    }

    private final CustomerService customers;

    public CustomerCsvExporter(CustomerService customers) {
        this.customers = customers;
    }

    /** Exports the active customers as CSV to {@code file}, replacing it; returns how many were written. */
    public int export(Path file, Progress progress, BooleanSupplier cancelled) {
        return export(file, Format.CSV, false, progress, cancelled);
    }

    /** Exports to {@code file} in {@code format}, archived customers too when {@code archived}; returns how many were written. */
    public int export(Path file, Format format, boolean archived, Progress progress, BooleanSupplier cancelled) {
        customers.session().requireOwner(); // the customer list leaves the shop only by the owner (decision 0033)
        int n = AtomicFile.write(file, out -> switch (format) {
            case CSV -> write(out, archived, progress, cancelled);
            case XLSX -> writeXlsx(out, archived, progress, cancelled);
            case VCF -> CustomerVcards.write(out, archived, sink -> each(archived, progress, cancelled, sink));
        });
        LOG.info("Exported {} customers ({}{}) to {}", n, format, archived ? ", archived too" : "", file.toAbsolutePath());
        return n;
    }

    /**
     * Exports the customers {@code ids} (those chosen in the window, or the list as shown), in that
     * order, to {@code file} in {@code format}, replacing it; {@code archived}: with the column that
     * says whether each is archived. Returns how many were written.
     */
    public int export(Path file, Format format, long[] ids, boolean archived, Progress progress, BooleanSupplier cancelled) {
        customers.session().requireOwner(); // the customer list leaves the shop only by the owner (decision 0033)
        Source some = sink -> {
            int[] written = {0};
            customers.forEachOf(ids, BATCH, batch -> {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                for (Customer c : batch) {
                    try {
                        sink.accept(c);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                }
                progress.update(written[0], Math.max(ids.length, written[0]));
            });
            return written[0];
        };
        int n = AtomicFile.write(file, out -> switch (format) {
            case CSV -> {
                Csv csv = new Csv(out, archived, customers.customFields().all());
                int k = some.each(csv::write);
                csv.finish();
                yield k;
            }
            case XLSX -> {
                Xlsx xlsx = new Xlsx(out, archived, customers.customFields().all());
                int k = some.each(xlsx::write);
                xlsx.finish();
                yield k;
            }
            case VCF -> CustomerVcards.write(out, archived, some::each);
        });
        LOG.info("Exported {} chosen customers ({}) to {}", n, format, file.toAbsolutePath());
        return n;
    }

    /** Customers handed to a sink one by one; returns how many. */
    @FunctionalInterface
    private interface Source {
        int each(Sink sink);
    }

    /** Writes the active customers' CSV (BOM included) to {@code out}, which stays open. */
    public int write(OutputStream out, Progress progress, BooleanSupplier cancelled) throws IOException {
        return write(out, false, progress, cancelled);
    }

    private int write(OutputStream out, boolean archived, Progress progress, BooleanSupplier cancelled) throws IOException {
        Csv csv = new Csv(out, archived, customers.customFields().all());
        int n = each(archived, progress, cancelled, csv::write);
        csv.finish();
        return n;
    }

    private int writeXlsx(OutputStream out, boolean archived, Progress progress, BooleanSupplier cancelled) throws IOException {
        Xlsx xlsx = new Xlsx(out, archived, customers.customFields().all());
        int n = each(archived, progress, cancelled, xlsx::write);
        xlsx.finish();
        return n;
    }

    /** One customer written; an {@code IOException} passes through. */
    @FunctionalInterface
    interface Sink {
        void accept(Customer c) throws IOException;
    }

    /** Hands every customer to export to {@code sink}; returns how many. */
    private int each(boolean archived, Progress progress, BooleanSupplier cancelled, Sink sink) {
        long total = customers.countForExport(archived);
        int[] written = {0};
        customers.forEachForExport(archived, BATCH, batch -> {
            if (cancelled.getAsBoolean()) {
                throw new UserException("common.cancelled");
            }
            for (Customer c : batch) {
                try {
                    sink.accept(c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0]++;
            }
            progress.update(written[0], Math.max(total, written[0]));
        });
        return written[0];
    }

    /**
     * Writes the given customers as a CSV file in the same form (BOM included) to {@code out},
     * which stays open: for files made elsewhere than from the store (the import benchmark).
     */
    public static int writeAll(OutputStream out, Iterable<Customer> customers) throws IOException {
        Csv csv = new Csv(out, false, List.of());
        int n = 0;
        for (Customer c : customers) {
            csv.write(c);
            n++;
        }
        csv.finish();
        return n;
    }

    /** The same as an Excel workbook (the import benchmark). */
    public static int writeAllXlsx(OutputStream out, Iterable<Customer> customers) throws IOException {
        Xlsx xlsx = new Xlsx(out, false, List.of());
        int n = 0;
        for (Customer c : customers) {
            xlsx.write(c);
            n++;
        }
        xlsx.finish();
        return n;
    }

    /** The columns written: every one, {@link CustomerColumn#ARCHIVED} only when archived customers are. */
    static List<CustomerColumn> columns(boolean archived) {
        return Arrays.stream(CustomerColumn.values()).filter(c -> archived || c != CustomerColumn.ARCHIVED).toList();
    }

    /** One customer's cells, in the order of {@link #columns}. */
    static List<String> row(Customer c, boolean archived) {
        List<String> cells = new ArrayList<>(CustomerColumn.values().length);
        for (CustomerColumn column : columns(archived)) {
            cells.add(cell(c, column));
        }
        return cells;
    }

    /** A custom field's cell (decision 0027): the stored form, a yes/no as yes or no; empty without a value. */
    static String cell(Customer c, CustomField field) {
        FieldValue v = c.fields() == null ? null : c.fields().get(field.id());
        if (v == null) {
            return "";
        }
        return v.kind() == FieldKind.YES_NO ? CsvValues.format(Boolean.parseBoolean(v.text())) : v.text();
    }

    static String cell(Customer c, CustomerColumn column) {
        return switch (column) {
            case CODE -> CsvValues.nullToEmpty(c.code());
            case NAME -> CsvValues.nullToEmpty(c.name());
            case PHONES -> ListCells.join(c.phones());
            case EMAIL -> CsvValues.nullToEmpty(c.email());
            case WECHAT -> CsvValues.nullToEmpty(c.wechat());
            case GENDER -> CsvValues.format(c.gender());
            case BIRTHDAY -> CsvValues.format(c.birthday());
            case ADDRESS -> CsvValues.nullToEmpty(c.address());
            case COMPANY -> CsvValues.nullToEmpty(c.company());
            case ROLE -> CsvValues.nullToEmpty(c.jobTitle());
            case SOURCE -> CsvValues.nullToEmpty(c.source());
            case TAGS -> ListCells.join(c.tags());
            case NOTES -> CsvValues.nullToEmpty(c.notes());
            case PREFERENCES -> CsvValues.nullToEmpty(c.preferences());
            case MARKETING_CONSENT -> CsvValues.format(c.consent().marketing());
            case CONSENT_DATE -> CsvValues.format(c.consent().date());
            case OPT_OUTS -> CsvValues.format(c.consent().optOuts());
            case ARCHIVED -> CsvValues.format(c.archived());
            case CREATED -> CsvValues.format(c.createdAt());
        };
    }

    /** A CSV file being written. */
    private static final class Csv {
        private final Writer writer;
        private final CsvWriter csv;
        private final boolean archived;
        private final List<CustomField> fields;

        Csv(OutputStream out, boolean archived, List<CustomField> fields) throws IOException {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
            this.archived = archived;
            this.fields = fields;
            List<String> header = new ArrayList<>(columns(archived).stream().map(CustomerColumn::header).toList());
            fields.forEach(f -> header.add(f.name())); // the custom fields after the profile's own, by their names
            csv.writeRecord(header.stream().map(SpreadsheetCells::neutralise).toList());
        }

        void write(Customer c) {
            List<String> cells = row(c, archived);
            for (CustomField f : fields) {
                cells.add(cell(c, f));
            }
            csv.writeRecord(cells.stream().map(SpreadsheetCells::neutralise).toList());
        }

        void finish() throws IOException {
            csv.flush();
            writer.flush();
        }
    }

    /** An Excel workbook being written: one sheet, the header on its first row, written out a thousand rows at a time. */
    private static final class Xlsx {
        private final Workbook workbook;
        private final Worksheet sheet;
        private final List<CustomerColumn> columns;
        private final List<CustomField> fields;
        private int row;

        Xlsx(OutputStream out, boolean archived, List<CustomField> fields) {
            this.workbook = new Workbook(out, "Regulars", "1.0");
            this.sheet = workbook.newWorksheet("customers");
            this.columns = columns(archived);
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).header());
                sheet.style(0, c).bold().set();
                sheet.width(c, switch (columns.get(c)) {
                    case NAME, PHONES, EMAIL, ADDRESS, COMPANY, TAGS, NOTES, PREFERENCES -> 24;
                    case CREATED -> 20;
                    default -> 12;
                });
            }
            this.fields = fields;
            for (int f = 0; f < fields.size(); f++) {
                int c = columns.size() + f;
                sheet.value(0, c, fields.get(f).name());
                sheet.style(0, c).bold().set();
                sheet.width(c, fields.get(f).kind() == FieldKind.TEXT ? 24 : 14);
            }
            sheet.freezePane(0, 1);
        }

        void write(Customer customer) throws IOException {
            row++;
            for (int c = 0; c < columns.size(); c++) {
                CustomerColumn column = columns.get(c);
                switch (column) {
                    case CONSENT_DATE -> {
                        if (customer.consent().date() != null) {
                            sheet.value(row, c, customer.consent().date());
                            sheet.style(row, c).format("yyyy-mm-dd").set();
                        }
                    }
                    case CREATED -> {
                        if (customer.createdAt() != null) {
                            sheet.value(row, c, customer.createdAt());
                            sheet.style(row, c).format("yyyy-mm-dd hh:mm:ss").set();
                        }
                    }
                    default -> {
                        String text = cell(customer, column);
                        if (!text.isEmpty()) {
                            sheet.value(row, c, text); // a text cell: never a formula, so nothing to neutralise
                        }
                    }
                }
            }
            for (int f = 0; f < fields.size(); f++) {
                String text = cell(customer, fields.get(f));
                if (!text.isEmpty()) {
                    sheet.value(row, columns.size() + f, text); // as text, as the import reads it back
                }
            }
            if (row % XLSX_FLUSH == 0) {
                sheet.flush();
            }
        }

        void finish() throws IOException {
            workbook.finish();
        }
    }
}

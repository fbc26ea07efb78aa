package app.regulars.customer;

import app.regulars.tables.SpreadsheetCells;

import app.regulars.tables.AtomicFile;
import app.regulars.tables.Progress;

import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes every active customer to a CSV file in the form {@link CustomerCsvImporter} reads
 * back: UTF-8 with a BOM (so Excel shows Chinese correctly), CRLF line ends, the canonical
 * English headers of {@link CustomerColumn}, phones in E.164 joined with {@code ;}.
 * The file appears only once complete: it is written beside the target and moved over it.
 */
public final class CustomerCsvExporter {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvExporter.class);
    private static final int BATCH = 500;

    private final CustomerService customers;

    public CustomerCsvExporter(CustomerService customers) {
        this.customers = customers;
    }

    /** Exports to {@code file}, replacing it; returns how many customers were written. */
    public int export(Path file, Progress progress, BooleanSupplier cancelled) {
        int n = AtomicFile.write(file, out -> write(out, progress, cancelled));
        LOG.info("Exported {} customers to {}", n, file.toAbsolutePath());
        return n;
    }

    /** Writes the CSV (BOM included) to {@code out}, which stays open. */
    public int write(OutputStream out, Progress progress, BooleanSupplier cancelled) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(Arrays.stream(CustomerColumn.values()).map(CustomerColumn::header).toList());
        long total = customers.countActive();
        int[] written = {0};
        customers.forEachActive(BATCH, batch -> {
            if (cancelled.getAsBoolean()) {
                throw new UserException("common.cancelled");
            }
            for (Customer c : batch) {
                csv.writeRecord(row(c).stream().map(SpreadsheetCells::neutralise).toList());
                written[0]++;
            }
            progress.update(written[0], Math.max(total, written[0]));
        });
        csv.flush();
        writer.flush();
        return written[0];
    }

    /**
     * Writes the given customers as a CSV file in the same form (BOM included) to {@code out},
     * which stays open: for files made elsewhere than from the store (the import benchmark).
     */
    public static int writeAll(OutputStream out, Iterable<Customer> customers) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(Arrays.stream(CustomerColumn.values()).map(CustomerColumn::header).toList());
        int n = 0;
        for (Customer c : customers) {
            csv.writeRecord(row(c).stream().map(SpreadsheetCells::neutralise).toList());
            n++;
        }
        csv.flush();
        writer.flush();
        return n;
    }

    /** One customer's cells, in the order of {@link CustomerColumn}. */
    static List<String> row(Customer c) {
        return List.of(
                CsvValues.nullToEmpty(c.code()),
                CsvValues.nullToEmpty(c.name()),
                String.join(";", c.phones()),
                CsvValues.nullToEmpty(c.email()),
                CsvValues.nullToEmpty(c.wechat()),
                CsvValues.format(c.gender()),
                CsvValues.format(c.birthday()),
                CsvValues.nullToEmpty(c.address()),
                CsvValues.nullToEmpty(c.company()),
                CsvValues.nullToEmpty(c.jobTitle()),
                CsvValues.nullToEmpty(c.source()),
                String.join(";", c.tags()),
                CsvValues.nullToEmpty(c.notes()),
                CsvValues.nullToEmpty(c.preferences()),
                CsvValues.format(c.consent().marketing()),
                CsvValues.format(c.consent().date()),
                CsvValues.format(c.consent().optOuts()));
    }
}

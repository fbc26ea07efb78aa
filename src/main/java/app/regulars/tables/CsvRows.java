package app.regulars.tables;

import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data rows of a CSV file ({@link TextFiles#scan}; opened through {@link RowFile}), one at a time as FastCSV reads them, so
 * that an import holds a slice of a file, never all of it. The first record is the header;
 * blank rows are skipped; each row keeps the physical line it starts on (header = 1). A row
 * whose quoting cannot be read ends the file (FastCSV cannot find the next row after it), and
 * a quotation mark never closed swallows the rest of the file into the last row: both become
 * {@link #unreadable()}, a rejected row with its line, rather than data.
 */
public final class CsvRows implements RowReader {
    private static final Pattern PARSE_LINE = Pattern.compile("started in line (\\d+)");

    private final TextFiles.Source source;
    private final String fileName;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> header;
    private Row ahead;
    private long lastLine;
    private RejectedRow unreadable;
    private boolean ended;

    private CsvRows(TextFiles.Source source, String fileName) {
        this.source = source;
        this.fileName = fileName;
        try {
            this.records = CsvReader.builder()
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .skipEmptyLines(true)
                    .ofCsvRecord(source.reader())
                    .iterator();
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
        CsvRecord first;
        try {
            first = nextRecord();
        } catch (CsvParseException e) {
            close();
            throw new UserException(e, "exchange.error.notCsv", fileName);
        }
        if (first == null) {
            close();
            throw new UserException("exchange.error.noHeader", fileName);
        }
        header = first.getFields();
        lastLine = first.getStartingLineNumber();
        ahead = readAhead();
    }

    /** Opens the file and reads its header: a {@code UserException} when there is none or it is not CSV. */
    public static CsvRows open(TextFiles.Source source, String fileName) {
        return new CsvRows(source, fileName);
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** The next data row, or null at the end of what can be read. */
    @Override
    public Row next() {
        Row row = ahead;
        if (row == null) {
            return null;
        }
        ahead = readAhead();
        if (ahead == null && unreadable == null && unclosedQuote(row)) {
            unreadable = new RejectedRow(row.line(), List.of(RowProblem.of(null, "exchange.row.unclosedQuote")));
            return null;
        }
        return row;
    }

    /** The row where reading stopped because its quoting is broken, or null when the file was read to its end. */
    @Override
    public RejectedRow unreadable() {
        return unreadable;
    }

    private Row readAhead() {
        while (!ended) {
            CsvRecord record;
            try {
                record = nextRecord();
            } catch (CsvParseException e) {
                ended = true;
                unreadable = new RejectedRow(parseErrorLine(e, lastLine + 1), List.of(RowProblem.of(null, "exchange.row.badQuotes")));
                return null;
            }
            if (record == null) {
                ended = true;
                return null;
            }
            lastLine = record.getStartingLineNumber();
            if (record.getFields().stream().allMatch(s -> s == null || s.isBlank())) {
                continue;
            }
            // a cell the export kept from running as a formula ('=..., '+86...) reads back as it was
            return new Row(record.getStartingLineNumber(), record.getFields().stream().map(SpreadsheetCells::restore).toList());
        }
        return null;
    }

    private CsvRecord nextRecord() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            // the file changed since it was scanned (now not in its encoding), or could not be read
            throw new UserException(e, "exchange.error.read", fileName);
        }
    }

    /** An opening quote never closed makes the last field run to the end of the file, line breaks and all. */
    private boolean unclosedQuote(Row last) {
        String lastCell = last.cells().getLast();
        if (lastCell.indexOf('\n') < 0 && lastCell.indexOf('\r') < 0) {
            return false;
        }
        return !source.endsWithQuote();
    }

    private static long parseErrorLine(CsvParseException e, long fallback) {
        Matcher m = PARSE_LINE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : fallback;
    }

    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

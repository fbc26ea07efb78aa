package app.regulars.tables;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Table} to CSV (UTF-8 with a BOM, so Excel shows Chinese), Excel (.xlsx, typed
 * cells: numbers stay numbers, dates stay dates) or PDF (the Chinese font embedded, A4 or
 * Letter, page numbers). The one way every list of Regulars leaves the program. A file appears
 * only once complete: it is written beside the target and moved over it.
 */
public final class TableExport {
    private static final Logger LOG = LoggerFactory.getLogger(TableExport.class);

    public enum Format {
        CSV("csv"), XLSX("xlsx"), PDF("pdf");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** {@code csv}, {@code xlsx} (or {@code excel}), {@code pdf}, in any case; a {@code UserException} otherwise. */
        public static Format parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "csv" -> CSV;
                case "xlsx", "excel" -> XLSX;
                case "pdf" -> PDF;
                default -> throw new UserException("exchange.error.format", name);
            };
        }
    }

    private final Messages messages;
    private final TableLayout.Paper paper;

    public TableExport(Messages messages) {
        this(messages, TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()));
    }

    public TableExport(Messages messages, TableLayout.Paper paper) {
        this.messages = messages;
        this.paper = paper;
    }

    /** Writes {@code table} to {@code file} in {@code format}, replacing the file; nothing is left behind on failure. */
    public void write(Table table, Format format, Path file) {
        write(table, table.rows()::forEach, format, file);
    }

    /**
     * The rows of a list too long to hold (a million purchases): given one at a time, in order,
     * as they are read.
     */
    @FunctionalInterface
    public interface Rows {
        void forEach(java.util.function.Consumer<List<Object>> row);
    }

    /**
     * Writes {@code head}'s title and columns with {@code rows} streamed into {@code file}, replacing
     * it; nothing is left behind on failure. CSV and Excel hold one row at a time (Excel continues on
     * a further sheet past a sheet's {@value #SHEET_ROWS} rows); a PDF is laid out whole, so it takes
     * at most {@value #PDF_ROWS} rows and refuses more in the user's language. Returns how many rows
     * were written.
     */
    public long write(Table head, Rows rows, Format format, Path file) {
        long written = AtomicFile.write(file, out -> switch (format) {
            case CSV -> csv(head, rows, out);
            case XLSX -> xlsx(head, rows, out, SHEET_ROWS);
            case PDF -> {
                Table whole = whole(head, rows, PDF_ROWS);
                pdf(whole, out);
                yield (long) whole.rows().size();
            }
        });
        LOG.info("Exported {} rows of \"{}\" as {} to {}", written, head.title(), format, file);
        return written;
    }

    /** Rows a PDF takes: some 250 pages of A4. A longer list goes to CSV or Excel. */
    public static final int PDF_ROWS = 10_000;
    /** Rows of an Excel sheet below its title and header (Excel's 1,048,576 rows, less the four above). */
    static final int SHEET_ROWS = 1_048_576 - 4;

    /** {@code head} with {@code rows} gathered; a {@code UserException} past {@code limit} rows. */
    static Table whole(Table head, Rows rows, int limit) {
        List<List<Object>> all = new ArrayList<>();
        rows.forEach(row -> {
            if (all.size() == limit) {
                throw new UserException("exchange.error.pdfTooLong", limit);
            }
            all.add(row);
        });
        return new Table(head.title(), head.subtitle(), head.columns(), all, head.tickBoxes());
    }

    /** CSV: the header line, then one line per row; dates ISO, numbers plain, cells a spreadsheet would run as formulas defused. */
    public void csv(Table table, OutputStream out) throws IOException {
        csv(table, table.rows()::forEach, out);
    }

    private long csv(Table head, Rows rows, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(head.headers());
        long[] count = {0};
        int columns = head.columns().size();
        List<String> cells = new ArrayList<>(columns);
        rows.forEach(row -> {
            Table.check(row, columns);
            cells.clear();
            for (Object cell : row) {
                cells.add(csvCell(cell));
            }
            csv.writeRecord(cells);
            count[0]++;
        });
        csv.flush();
        writer.flush();
        return count[0];
    }

    static String csvCell(Object cell) {
        return switch (cell) {
            case null -> "";
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            case LocalDate d -> d.toString();
            case Boolean b -> b ? "yes" : "no";
            case String s -> defuse(s);
            default -> cell.toString();
        };
    }

    /** A text starting with = + - @ would run as a formula in Excel: a leading apostrophe keeps it text ({@link SpreadsheetCells}). */
    static String defuse(String s) {
        return SpreadsheetCells.neutralise(s);
    }

    /** Excel: the title and subtitle above a bold header row, typed cells, columns sized to their content. */
    public void xlsx(Table table, OutputStream out) throws IOException {
        xlsx(table, table.rows()::forEach, out, SHEET_ROWS);
    }

    /** Rows an Excel sheet gathers before it writes them out; the columns are sized to the first of them. */
    private static final int XLSX_BATCH = 1000;

    /**
     * Excel, streamed: the rows are written out a thousand at a time, the columns sized to the
     * header and the first thousand rows (a sheet's widths come before its rows in the file); past
     * {@code sheetRows} rows the list goes on in a further sheet ("title (2)") with the header again.
     */
    long xlsx(Table head, Rows rows, OutputStream out, int sheetRows) throws IOException {
        Workbook wb = new Workbook(out, "Regulars", "1.0");
        Sheets sheets = new Sheets(wb, head, sheetRows);
        try {
            rows.forEach(sheets::add);
            sheets.end();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        wb.finish();
        return sheets.written;
    }

    /** The sheets of one streamed Excel export. */
    private static final class Sheets {
        private static final int HEAD_ROW = 3;
        private final Workbook wb;
        private final Table head;
        private final int sheetRows;
        private final int columns;
        private final int[] widths;
        /** The first rows, held until the widths are known; null once written. */
        private List<List<Object>> first = new ArrayList<>();
        private Worksheet ws;
        private int sheets;
        private int r;
        long written;

        Sheets(Workbook wb, Table head, int sheetRows) {
            this.wb = wb;
            this.head = head;
            this.sheetRows = sheetRows;
            this.columns = head.columns().size();
            this.widths = new int[columns];
            for (int c = 0; c < columns; c++) {
                widths[c] = displayWidth(head.columns().get(c).header());
            }
            start();
        }

        private void start() {
            sheets++;
            ws = wb.newWorksheet(sheetName(head.title(), sheets));
            ws.value(0, 0, head.title());
            ws.style(0, 0).bold().fontSize(14).set();
            if (!head.subtitle().isBlank()) {
                ws.value(1, 0, head.subtitle());
            }
            for (int c = 0; c < columns; c++) {
                ws.value(HEAD_ROW, c, head.columns().get(c).header());
                ws.style(HEAD_ROW, c).bold().fillColor("E8EAED").set();
            }
            r = HEAD_ROW + 1;
            if (first == null) {
                size();
            }
        }

        /** The widths and the frozen header: both come before the sheet's rows in its file. */
        private void size() {
            for (int c = 0; c < columns; c++) {
                ws.width(c, Math.min(60, Math.max(8, widths[c] + 2)));
            }
            ws.freezePane(0, HEAD_ROW + 1);
        }

        void add(List<Object> row) {
            Table.check(row, columns);
            if (first != null) {
                first.add(row);
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], displayWidth(csvCell(row.get(c))));
                }
                if (first.size() == XLSX_BATCH) {
                    writeFirst();
                }
                return;
            }
            write(row);
        }

        void end() {
            if (first != null) {
                writeFirst();
            }
        }

        private void writeFirst() {
            List<List<Object>> held = first;
            first = null;
            size();
            held.forEach(this::write);
        }

        private void write(List<Object> row) {
            try {
                if (r - HEAD_ROW - 1 == sheetRows) {
                    ws.finish();
                    start();
                }
                cells(ws, r++, row);
                written++;
                if (written % XLSX_BATCH == 0) {
                    ws.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** One row's typed cells: numbers stay numbers (money with two places), dates dates. */
    private static void cells(Worksheet ws, int r, List<Object> row) {
        for (int c = 0; c < row.size(); c++) {
            Object cell = row.get(c);
            switch (cell) {
                case null -> { }
                case Number n -> {
                    ws.value(r, c, n);
                    if (Table.isDecimal(n)) {
                        ws.style(r, c).format("#,##0.00").set();
                    }
                }
                case LocalDateTime t -> {
                    ws.value(r, c, t);
                    ws.style(r, c).format("yyyy-mm-dd hh:mm").set();
                }
                case LocalDate d -> {
                    ws.value(r, c, d);
                    ws.style(r, c).format("yyyy-mm-dd").set();
                }
                case Boolean b -> ws.value(r, c, b);
                default -> ws.value(r, c, cell.toString());
            }
        }
    }

    /** The sheet's name: the title without the characters Excel refuses, at most 31 long; " (2)" and on for the further ones. */
    private static String sheetName(String title, int sheet) {
        String clean = title.replaceAll("[\\[\\]:*?/\\\\]", " ").trim();
        if (clean.isEmpty()) {
            clean = "Sheet1";
        }
        String suffix = sheet == 1 ? "" : " (" + sheet + ")";
        int room = 31 - suffix.length();
        return (clean.length() > room ? clean.substring(0, room) : clean) + suffix;
    }

    /** Chinese characters take two columns in a spreadsheet. */
    private static int displayWidth(String s) {
        return s.codePoints().map(cp -> Character.isIdeographic(cp) ? 2 : 1).sum();
    }

    /** PDF: the pages of {@link TableLayout}, drawn with the embedded Chinese font. */
    public void pdf(Table table, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.open(doc)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(table.title());
            info.setSubject(table.subtitle());
            info.setCreator("Regulars");
            TableLayout layout = new TableLayout(fonts::width, paper);
            List<TableLayout.Page> pages = layout.layout(table, cellText(messages),
                    (page, total) -> messages.get("exchange.print.page", page, total));
            for (TableLayout.Page page : pages) {
                PDPage pdPage = new PDPage(new PDRectangle((float) paper.width, (float) paper.height));
                doc.addPage(pdPage);
                try (PDPageContentStream cs = new PDPageContentStream(doc, pdPage)) {
                    draw(cs, fonts, page.marks(), paper.height);
                }
            }
            doc.save(out);
        }
    }

    /**
     * A PDF of several tables on shared pages under one title ({@link TableLayout#layoutSections}):
     * a document such as everything held about one customer. Written whole or not at all.
     */
    public void pdfSections(String title, String subtitle, List<Table> sections, Path file) {
        AtomicFile.write(file, out -> {
            try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.open(doc)) {
                PDDocumentInformation info = doc.getDocumentInformation();
                info.setTitle(title);
                info.setSubject(subtitle);
                info.setCreator("Regulars");
                List<TableLayout.Page> pages = new TableLayout(fonts::width, paper).layoutSections(title, subtitle, sections,
                        cellText(messages), (page, total) -> messages.get("exchange.print.page", page, total));
                for (TableLayout.Page page : pages) {
                    PDPage pdPage = new PDPage(new PDRectangle((float) paper.width, (float) paper.height));
                    doc.addPage(pdPage);
                    try (PDPageContentStream cs = new PDPageContentStream(doc, pdPage)) {
                        draw(cs, fonts, page.marks(), paper.height);
                    }
                }
                doc.save(out);
            }
            return null;
        });
    }

    /** Draws layout marks on a PDF page ({@code height}: the page height, as PDF counts y upwards). */
    public static void draw(PDPageContentStream cs, PdfFonts fonts, List<TableLayout.Mark> marks, double height) throws IOException {
        for (TableLayout.Mark mark : marks) {
            switch (mark) {
                case TableLayout.Band b -> {
                    cs.setNonStrokingColor(0.91f);
                    cs.addRect((float) b.x(), (float) (height - b.y() - b.height()), (float) b.width(), (float) b.height());
                    cs.fill();
                    cs.setNonStrokingColor(0f);
                }
                case TableLayout.Rule r -> {
                    cs.setStrokingColor(0.8f);
                    cs.setLineWidth(0.5f);
                    cs.moveTo((float) r.x1(), (float) (height - r.y1()));
                    cs.lineTo((float) r.x2(), (float) (height - r.y2()));
                    cs.stroke();
                    cs.setStrokingColor(0f);
                }
                case TableLayout.Box b -> {
                    cs.setStrokingColor(0.2f);
                    cs.setLineWidth(0.8f);
                    cs.addRect((float) b.x(), (float) (height - b.y() - b.size()), (float) b.size(), (float) b.size());
                    cs.stroke();
                    cs.setStrokingColor(0f);
                }
                case TableLayout.Text t -> {
                    cs.beginText();
                    cs.setFont(fonts.font(), (float) t.size());
                    if (t.bold()) {
                        // The embedded font has one weight: bold is drawn by stroking the outline too.
                        cs.setRenderingMode(RenderingMode.FILL_STROKE);
                        cs.setLineWidth((float) (t.size() / 30));
                    } else {
                        cs.setRenderingMode(RenderingMode.FILL);
                    }
                    cs.newLineAtOffset((float) t.x(), (float) (height - t.y()));
                    cs.showText(fonts.printable(t.text()));
                    cs.endText();
                }
            }
        }
    }

    /** How a cell reads on paper: dates and numbers in the user's locale, yes/no in their language. */
    public static java.util.function.Function<Object, String> cellText(Messages messages) {
        Locale locale = messages.locale();
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        DateTimeFormatter dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
        NumberFormat decimal = NumberFormat.getNumberInstance(locale);
        decimal.setMinimumFractionDigits(2);
        decimal.setMaximumFractionDigits(2);
        NumberFormat integer = NumberFormat.getIntegerInstance(locale);
        return cell -> switch (cell) {
            case null -> "";
            case LocalDateTime t -> dateTime.format(t);
            case LocalDate d -> date.format(d);
            case Boolean b -> messages.get(b ? "common.yes" : "common.no");
            case Number n when Table.isDecimal(n) -> decimal.format(n);
            case Number n -> integer.format(n);
            default -> cell.toString();
        };
    }
}

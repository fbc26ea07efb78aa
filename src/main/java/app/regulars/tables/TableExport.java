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
        AtomicFile.write(file, out -> {
            switch (format) {
                case CSV -> csv(table, out);
                case XLSX -> xlsx(table, out);
                case PDF -> pdf(table, out);
            }
            return null;
        });
        LOG.info("Exported {} rows of \"{}\" as {} to {}", table.rows().size(), table.title(), format, file);
    }

    /** CSV: the header line, then one line per row; dates ISO, numbers plain, cells a spreadsheet would run as formulas defused. */
    public void csv(Table table, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(table.headers());
        for (List<Object> row : table.rows()) {
            List<String> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                cells.add(csvCell(cell));
            }
            csv.writeRecord(cells);
        }
        csv.flush();
        writer.flush();
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
        Workbook wb = new Workbook(out, "Regulars", "1.0");
        Worksheet ws = wb.newWorksheet(sheetName(table.title()));
        ws.value(0, 0, table.title());
        ws.style(0, 0).bold().fontSize(14).set();
        if (!table.subtitle().isBlank()) {
            ws.value(1, 0, table.subtitle());
        }
        int head = 3;
        int[] widths = new int[table.columns().size()];
        for (int c = 0; c < table.columns().size(); c++) {
            ws.value(head, c, table.columns().get(c).header());
            ws.style(head, c).bold().fillColor("E8EAED").set();
            widths[c] = displayWidth(table.columns().get(c).header());
        }
        int r = head + 1;
        for (List<Object> row : table.rows()) {
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
                widths[c] = Math.max(widths[c], displayWidth(csvCell(cell)));
            }
            r++;
        }
        for (int c = 0; c < widths.length; c++) {
            ws.width(c, Math.min(60, Math.max(8, widths[c] + 2)));
        }
        ws.freezePane(0, head + 1);
        wb.finish();
    }

    private static String sheetName(String title) {
        String clean = title.replaceAll("[\\[\\]:*?/\\\\]", " ").trim();
        if (clean.isEmpty()) {
            clean = "Sheet1";
        }
        return clean.length() > 31 ? clean.substring(0, 31) : clean;
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

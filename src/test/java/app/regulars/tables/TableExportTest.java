package app.regulars.tables;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.Screenshots;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableExportTest {
    @TempDir
    Path dir;

    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    /** A follow-up list of {@code n} rows with Chinese names, money, dates and times. */
    static Table followUps(int n) {
        List<List<Object>> rows = new ArrayList<>();
        String[] names = {"王小明", "曾晓燕", "Alice Smith", "欧阳娜娜"};
        for (int i = 0; i < n; i++) {
            rows.add(List.of(LocalDateTime.of(2026, 11, 23, 9, 0).plusMinutes(30L * i), names[i % names.length],
                    "回访：新到的明前龙井，问问上次的白茶喝得怎么样 " + i, new BigDecimal("1288.50").add(BigDecimal.valueOf(i)),
                    LocalDate.of(2026, 12, 1)));
        }
        return new Table("今日回访", "2026年11月23日 · 全部负责人",
                List.of(Table.Column.text("时间", 1.3), Table.Column.text("客户", 1.2), Table.Column.text("事项", 3),
                        Table.Column.number("消费", 1), Table.Column.text("截止", 1.1)),
                rows, true);
    }

    @Test
    void csvKeepsChineseTypedValuesAndDefusesFormulas() throws IOException {
        Table t = new Table("List", "", List.of(Table.Column.text("name", 1), Table.Column.number("amount", 1), Table.Column.text("when", 1)),
                List.of(List.of("王小明", new BigDecimal("12.50"), LocalDate.of(2027, 2, 6)),
                        List.of("=HYPERLINK(\"x\")", new BigDecimal("-3.00"), LocalDateTime.of(2026, 1, 2, 3, 4))), false);
        Path file = dir.resolve("list.csv");
        new TableExport(ZH).write(t, TableExport.Format.CSV, file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "name,amount,when\r\n王小明,12.50,2027-02-06\r\n\"'=HYPERLINK(\"\"x\"\")\",-3.00,2026-01-02 03:04\r\n");
    }

    @Test
    void excelHasTitleHeaderAndTypedCells() throws IOException {
        Path file = dir.resolve("list.xlsx");
        new TableExport(ZH).write(followUps(3), TableExport.Format.XLSX, file);
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<Row> rows;
            try (Stream<Row> s = wb.getFirstSheet().openStream()) {
                rows = s.toList();
            }
            assertThat(wb.getFirstSheet().getName()).isEqualTo("今日回访");
            assertThat(rows.get(0).getCellText(0)).isEqualTo("今日回访");
            Row header = rows.stream().filter(r -> "时间".equals(r.getCellText(0))).findFirst().orElseThrow();
            int headerIndex = rows.indexOf(header);
            Row first = rows.get(headerIndex + 1);
            assertThat(first.getCellText(1)).isEqualTo("王小明");
            assertThat(first.getCellAsNumber(3)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1288.50"));
            assertThat(first.getCellAsDate(0)).contains(LocalDateTime.of(2026, 11, 23, 9, 0));
            assertThat(rows).hasSize(headerIndex + 4);
        }
    }

    @Test
    void pdfEmbedsChineseNamesPagesAndPeriod() throws IOException {
        Path file = dir.resolve("list.pdf");
        new TableExport(ZH, TableLayout.Paper.A4).write(followUps(80), TableExport.Format.PDF, file);
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("今日回访", "2026年11月23日", "王小明", "曾晓燕", "欧阳娜娜", "Alice Smith",
                    "第 1 页，共 " + pages + " 页", "第 " + pages + " 页，共 " + pages + " 页", "1,288.50");
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.1f));
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            Files.createDirectories(Screenshots.directory());
            ImageIO.write(image, "png", Screenshots.directory().resolve("export-list-pdf-zh.png").toFile());
        }
    }

    @Test
    void letterPaperForTheUnitedStates() throws IOException {
        Path file = dir.resolve("letter.pdf");
        new TableExport(new Messages(Locale.ENGLISH), TableLayout.Paper.LETTER).write(followUps(2), TableExport.Format.PDF, file);
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getHeight()).isEqualTo(792f);
            assertThat(new PDFTextStripper().getText(doc)).contains("Page 1 of 1", "王小明");
        }
    }

    @Test
    void aFailedExportLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.csv");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(UserException.class);
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** {@code n} rows streamed one at a time, each made as it is asked for (never held as a list). */
    private static TableExport.Rows streamed(int n) {
        return row -> {
            for (int i = 0; i < n; i++) {
                row.accept(java.util.Arrays.asList("C" + i, i % 7 == 0 ? "王小明的一个很长很长的名字" : "Li", new BigDecimal(i).movePointLeft(2),
                        LocalDate.of(2026, 1, 1).plusDays(i % 300)));
            }
        };
    }

    private static Table head() {
        return new Table("Purchases", "", List.of(Table.Column.text("Code", 1), Table.Column.text("Customer", 1),
                Table.Column.number("Amount", 1), Table.Column.text("Date", 1)), List.of(), false);
    }

    @Test
    void aStreamedCsvHasEveryRowInOrder() throws IOException {
        Path file = dir.resolve("many.csv");
        long written = new TableExport(ZH).write(head(), streamed(2500), TableExport.Format.CSV, file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(2500);
        assertThat(lines).hasSize(2501);
        assertThat(lines.get(0)).isEqualTo("\uFEFFCode,Customer,Amount,Date");
        assertThat(lines.get(1)).isEqualTo("C0,王小明的一个很长很长的名字,0.00,2026-01-01");
        assertThat(lines.get(2500)).isEqualTo("C2499,王小明的一个很长很长的名字,24.99,2026-04-10");
    }

    @Test
    void aStreamedWorkbookSizesItsColumnsAndGoesOnInAFurtherSheet() throws IOException {
        Path file = dir.resolve("many.xlsx");
        long written;
        try (var out = Files.newOutputStream(file)) {
            written = new TableExport(ZH).xlsx(head(), streamed(2500), out, 2000);
        }
        assertThat(written).isEqualTo(2500);
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<org.dhatim.fastexcel.reader.Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets).extracting(org.dhatim.fastexcel.reader.Sheet::getName).containsExactly("Purchases", "Purchases (2)");
            List<Row> first;
            List<Row> second;
            try (Stream<Row> a = sheets.get(0).openStream(); Stream<Row> b = sheets.get(1).openStream()) {
                first = a.toList();
                second = b.toList();
            }
            // title, header at row 4, then the rows: 2,000 on the first sheet, the other 500 under the header again
            assertThat(first.get(0).getCellText(0)).isEqualTo("Purchases");
            assertThat(first.stream().filter(r -> "Code".equals(r.getCellText(0))).count()).isEqualTo(1);
            assertThat(first.stream().filter(r -> r.getCellText(0).matches("C\\d+")).count()).isEqualTo(2000);
            assertThat(first.get(first.size() - 1).getCellText(0)).isEqualTo("C1999");
            assertThat(second.stream().filter(r -> "Code".equals(r.getCellText(0))).count()).isEqualTo(1);
            assertThat(second.stream().filter(r -> r.getCellText(0).matches("C\\d+")).map(r -> r.getCellText(0)).toList())
                    .hasSize(500).startsWith("C2000").endsWith("C2499");
            Row c7 = first.stream().filter(r -> "C7".equals(r.getCellText(0))).findFirst().orElseThrow();
            assertThat(c7.getCellAsNumber(2)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.07"));
            assertThat(c7.getCellText(1)).isEqualTo("王小明的一个很长很长的名字");
        }
        // The widths come from the first rows: the long Chinese name's column is wider than the code's.
        String sheetXml;
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            sheetXml = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sheetXml).containsPattern("<col min=\"2\" max=\"2\" width=\"(2[6-9]|3\\d)(\\.0+)?\"");
        assertThat(sheetXml).contains("<pane ");
    }

    @Test
    void aWorkbookThatGoesOnInFurtherSheetsIsReadBackAsOneListTheirRowsNamingTheirSheet() throws IOException {
        Path file = dir.resolve("many.xlsx");
        try (var out = Files.newOutputStream(file)) {
            new TableExport(ZH).xlsx(head(), streamed(2500), out, 1000);
        }
        RowFile source = RowFile.open(file);
        assertThat(source.sheets()).containsExactly("Purchases", "Purchases (2)", "Purchases (3)");
        List<RowReader.Row> rows = new ArrayList<>();
        try (RowReader in = source.rows()) {
            assertThat(in.header()).containsExactly("Code", "Customer", "Amount", "Date");
            for (RowReader.Row r = in.next(); r != null; r = in.next()) {
                rows.add(r);
            }
        }
        assertThat(rows).extracting(r -> r.cells().get(0)).hasSize(2500).startsWith("C0", "C1").endsWith("C2499");
        assertThat(rows.get(2001).cells()).containsExactly("C2001", "Li", "20.01", "2026-07-21");
        // the title, the header at row 4 and the first row at row 5 of each sheet
        assertThat(rows.get(0).place()).isEqualTo(new RejectedRow.Place(RejectedRow.Unit.ROW, 5));
        assertThat(rows.get(2001).place()).isEqualTo(new RejectedRow.Place(RejectedRow.Unit.ROW, 6, "Purchases (3)"));
        assertThat(rows.get(2001).place().text(new Messages(Locale.ENGLISH))).isEqualTo("row 6 of sheet “Purchases (3)”");
        assertThat(rows.get(2001).place().text(ZH)).isEqualTo("工作表“Purchases (3)”第 6 行");
        // the second sheet alone, chosen by name, is a list of its own, its rows as Excel numbers them
        try (RowReader in = RowFile.open(file, "Purchases (2)", RowFile.TABLES).rows()) {
            RowReader.Row first = in.next();
            assertThat(first.cells().get(0)).isEqualTo("C1000");
            assertThat(first.place()).isEqualTo(new RejectedRow.Place(RejectedRow.Unit.ROW, 5));
        }
    }

    @Test
    void onlySheetsNamedAsTheExportNamesThemWithTheSameHeaderGoOnWithTheList() throws IOException {
        assertThat(RowFile.continuations(List.of("Customers", "Purchases", "Purchases (2)", "Purchases (3)", "Notes"), 1)).containsExactly(2, 3);
        assertThat(RowFile.continuations(List.of("Customers", "Purchases", "Purchases (2)"), 0)).isEmpty();
        assertThat(RowFile.continuations(List.of("Purchases", "Purchases (3)"), 0)).as("a sheet missing in between").isEmpty();
        // a title cut to Excel's 31 characters to make room for the number
        String title = "Purchases of the spring festival"; // 32
        assertThat(RowFile.continuations(List.of(title.substring(0, 31), "Purchases of the spring fes (2)"), 0)).containsExactly(1);

        // "List (2)" here is another list: its header is not the first sheet's, and it is not read
        Path file = dir.resolve("two.xlsx");
        try (var out = Files.newOutputStream(file)) {
            org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
            var a = wb.newWorksheet("List");
            a.value(0, 0, "Code");
            a.value(0, 1, "Amount");
            a.value(1, 0, "C1");
            a.value(1, 1, 12);
            var b = wb.newWorksheet("List (2)");
            b.value(0, 0, "Name");
            b.value(0, 1, "Phone");
            b.value(1, 0, "王小明");
            b.value(1, 1, "13800138000");
            wb.finish();
        }
        try (RowReader in = RowFile.open(file).rows()) {
            RowReader.Row only = in.next();
            assertThat(only.cells()).containsExactly("C1", "12");
            assertThat(in.next()).isNull();
        }
    }

    @Test
    void aListTooLongForAPdfIsRefusedInTheUsersLanguageAndLeavesNothing() {
        Path file = dir.resolve("long.pdf");
        assertThatThrownBy(() -> new TableExport(ZH).write(head(), streamed(TableExport.PDF_ROWS + 1), TableExport.Format.PDF, file))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.localizedMessage(ZH)).contains("10,000", "CSV", "Excel"));
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void unknownFormatIsAClearMessage() {
        assertThatThrownBy(() -> TableExport.Format.parse("docx"))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.localizedMessage(ZH)).contains("docx", "xlsx"));
    }

    @Test
    void longTextWrapsBetweenChineseCharactersAndAtSpaces() {
        TableLayout layout = new TableLayout((s, size) -> s.length() * size, TableLayout.Paper.A4);
        assertThat(layout.wrap("王小明喜欢龙井", 10, 35)).containsExactly("王小明", "喜欢龙", "井");
        assertThat(layout.wrap("tea and cake", 1, 8)).containsExactly("tea and", "cake");
        assertThat(layout.wrap("a\nb", 1, 8)).containsExactly("a", "b");
    }
}

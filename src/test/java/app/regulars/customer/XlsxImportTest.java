package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.Purchase;
import app.regulars.membership.PurchaseCsvImporter;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.testing.TestStores;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Excel workbooks (.xlsx) through the customer and purchase imports: cells as Excel stores them, sheets, and files that are not what they say. */
class XlsxImportTest {
    @TempDir
    Path dir;
    AppContext ctx;
    final Messages en = new Messages(Locale.ENGLISH);

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    interface Sheets {
        void fill(Workbook wb) throws IOException;
    }

    Path workbook(String name, Sheets sheets) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            Workbook wb = new Workbook(out, "Test", "1.0");
            sheets.fill(wb);
            wb.finish();
        }
        return f;
    }

    static void row(Worksheet ws, int r, Object... cells) {
        for (int c = 0; c < cells.length; c++) {
            switch (cells[c]) {
                case null -> { }
                case String s -> ws.value(r, c, s);
                case Number n -> ws.value(r, c, n);
                case LocalDateTime t -> {
                    ws.value(r, c, t);
                    ws.style(r, c).format("yyyy-mm-dd hh:mm").set();
                }
                case LocalDate d -> {
                    ws.value(r, c, d);
                    ws.style(r, c).format("yyyy/m/d").set(); // as Chinese Excel shows a date
                }
                case Boolean b -> ws.value(r, c, b);
                default -> throw new IllegalArgumentException(cells[c].toString());
            }
        }
    }

    ImportReport importCustomers(Path file, String sheet) {
        return new CustomerCsvImporter(ctx.customers(), ConsentSource.IMPORT, en).importFile(file, sheet, Progress.NONE, () -> false);
    }

    String message(Runnable r) {
        try {
            r.run();
        } catch (UserException e) {
            return e.localizedMessage(en);
        }
        throw new AssertionError("no message");
    }

    @Test
    void cellsAreReadAsExcelStoresThem() throws IOException {
        Path f = workbook("customers.xlsx", wb -> {
            Worksheet ws = wb.newWorksheet("会员");
            row(ws, 0, "会员卡号", "姓名", "手机", "生日", "同意日期", "加入日期", "来源", "备注", "营销同意");
            row(ws, 1, 123, "王小明", 13812345678L, LocalDate.of(1990, 5, 12), LocalDate.of(2024, 3, 1),
                    LocalDateTime.of(2023, 6, 1, 9, 30), 12.0, "=not a formula", true);
            ws.style(1, 0).format("000000").set(); // a card number Excel keeps as 123 and shows as 000123
            row(ws, 3, "A002", "李芳", "139 8765 4321", "05-12", null, null, 0.1 + 0.2, "'quoted", false);
        });

        ImportReport r = importCustomers(f, null);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.rowsRead()).isEqualTo(2); // the blank row 3 skipped
        Customer wang = ctx.customers().byCode("000123").orElseThrow();
        assertThat(wang.phones()).containsExactly("+8613812345678"); // a phone stored as a number keeps its digits
        assertThat(wang.birthday()).isEqualTo(Birthday.solar(LocalDate.of(1990, 5, 12))); // a date cell is a date
        assertThat(wang.consent()).isEqualTo(new Consent(true, LocalDate.of(2024, 3, 1), java.util.Set.of()));
        assertThat(wang.createdAt()).isEqualTo(LocalDateTime.of(2023, 6, 1, 9, 30));
        assertThat(wang.source()).isEqualTo("12"); // not "12.0"
        assertThat(wang.notes()).isEqualTo("=not a formula"); // a text cell is text: nothing to take away
        Customer li = ctx.customers().byCode("A002").orElseThrow();
        assertThat(li.source()).isEqualTo("0.3"); // 15 significant digits, as Excel shows it
        assertThat(li.notes()).isEqualTo("'quoted");
        assertThat(li.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 5, 12, false));
    }

    @Test
    void aChosenSheetByNameOrNumberAndARejectedRowByItsExcelRowNumber() throws IOException {
        Path f = workbook("two.xlsx", wb -> {
            row(wb.newWorksheet("Notes"), 0, "nothing to import here");
            Worksheet ws = wb.newWorksheet("Customers");
            row(ws, 1, "name", "phone"); // the header on Excel's row 2, under an empty first row
            row(ws, 2, "Ann", "13812345678");
            row(ws, 4, "Bob", "12345");
        });

        ImportReport r = importCustomers(f, "customers");
        assertThat(r.imported()).isZero();
        assertThat(r.rejected()).singleElement().satisfies(row -> {
            assertThat(row.unit()).isEqualTo(RejectedRow.Unit.ROW);
            assertThat(row.place().text(en)).isEqualTo("row 5");
        });
        assertThat(importCustomers(f, "2").rejected()).hasSize(1);
        assertThat(message(() -> importCustomers(f, "Sheet9")))
                .isEqualTo("The workbook " + f + " has no sheet \"Sheet9\". Its sheets: Notes, Customers.");
        // the first sheet has no name column
        assertThat(message(() -> importCustomers(f, null))).contains("has no name column");
    }

    @Test
    void aTitleOfOneCellAboveTheHeaderIsPassedOverButAOneColumnSheetKeepsItsFirstRowAsHeader() throws IOException {
        Path titled = workbook("titled.xlsx", wb -> {
            Worksheet ws = wb.newWorksheet("Customers");
            row(ws, 0, "Customers of the tea shop");
            row(ws, 1, "as of 2026-11-23");
            row(ws, 3, "name", "phone");
            row(ws, 4, "Ann", "13812345678");
        });
        ImportReport r = importCustomers(titled, null);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.ignoredColumns()).isEmpty();
        assertThat(r.added()).isEqualTo(1);
        assertThat(ctx.customers().search("Ann", null, false, app.regulars.customer.CustomerSort.NAME, true)).hasSize(1);

        Path oneColumn = workbook("names.xlsx", wb -> {
            Worksheet ws = wb.newWorksheet("Names");
            row(ws, 0, "name");
            row(ws, 1, "Bob");
            row(ws, 2, "Cai");
            row(ws, 3, "Dan");
            row(ws, 4, "Eve");
        });
        r = importCustomers(oneColumn, null);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.added()).isEqualTo(4);
    }

    @Test
    void purchasesFromASheetWithDateCellsAndAmountsAsNumbers() throws IOException {
        ctx.customers().save(Customer.builder().code("P001").name("Ann").phones("13812345678").build());
        Path f = workbook("purchases.xlsx", wb -> {
            Worksheet ws = wb.newWorksheet("till");
            row(ws, 0, "code", "date", "amount", "note");
            row(ws, 1, "P001", LocalDateTime.of(2026, 11, 20, 15, 45), 88.5, "green tea");
            row(ws, 2, "P001", LocalDate.of(2026, 11, 21), 120, null);
        });

        ImportReport r = new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(f, null);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.imported()).isEqualTo(2);
        long id = ctx.customers().byCode("P001").orElseThrow().id();
        assertThat(ctx.membership().purchases(id, 10)).extracting(Purchase::purchasedAt, Purchase::amount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(LocalDateTime.of(2026, 11, 20, 15, 45), new BigDecimal("88.50")),
                        org.assertj.core.groups.Tuple.tuple(LocalDateTime.of(2026, 11, 21, 12, 0), new BigDecimal("120.00")));
    }

    static Path fixture(String name) {
        try {
            return Path.of(XlsxImportTest.class.getResource("/workbooks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPasswordProtectedWorkbookAndAnOldXlsGetTheirOwnMessages() throws IOException {
        Path locked = dir.resolve("locked.xlsx");
        Files.copy(fixture("password-protected.xlsx"), locked);
        Path old = dir.resolve("old.xlsx"); // an .xls renamed
        Files.copy(fixture("excel-97.xls"), old);

        assertThat(message(() -> importCustomers(locked, null))).startsWith("The file " + locked + " is protected with a password");
        assertThat(message(() -> importCustomers(old, null))).startsWith("The file " + old + " is an old Excel 97-2003 workbook (.xls)");
        assertThat(message(() -> importCustomers(fixture("excel-97.xls"), null))).contains("old Excel 97-2003 workbook");
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void aCutADamagedAndAFakeWorkbookAreRefusedWithAMessageNotAStackTrace() throws IOException {
        Path good = workbook("good.xlsx", wb -> {
            Worksheet ws = wb.newWorksheet("s");
            row(ws, 0, "name", "phone");
            for (int i = 1; i <= 2000; i++) {
                row(ws, i, "Customer " + i, "138" + String.format("%08d", i));
            }
        });
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));
        byte[] damaged = bytes.clone();
        for (int i = 200; i < damaged.length - 2000; i += 97) {
            damaged[i] ^= 0x5A; // the compressed data garbled, the central directory intact
        }
        Path broken = Files.write(dir.resolve("broken.xlsx"), damaged);
        Path text = Files.writeString(dir.resolve("renamed.xlsx"), "name,phone\nAnn,13812345678\n");
        Path zip = dir.resolve("photos.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("photo.jpg"));
            out.write(new byte[] {1, 2, 3});
        }

        for (Path f : List.of(cut, broken, zip)) {
            assertThat(message(() -> importCustomers(f, null))).as(f.toString())
                    .isEqualTo("The file " + f + " cannot be read as an Excel workbook: it is damaged or incomplete (perhaps cut off "
                            + "while copying). Open it in Excel to check it, save it again, and import it again.");
        }
        assertThat(message(() -> importCustomers(text, null))).startsWith("The file " + text + " is named as an Excel workbook (.xlsx), but it is not one");
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void aSheetOptionForACsvFileAndAVcardForPurchasesAreRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("c.csv"), "name\nAnn\n");
        assertThat(message(() -> importCustomers(csv, "2"))).contains("is not an Excel workbook, so it has no sheets");
        Path vcf = VcardImportTest.fixture("v4.vcf");
        assertThat(message(() -> new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(vcf, null)))
                .contains("is a vCard file: it holds contacts");
    }
}

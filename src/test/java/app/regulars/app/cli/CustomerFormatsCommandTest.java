package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of issue 16 items 4, 5 and 9: imports from .xlsx and .vcf, {@code export customers --format --include-archived}. */
class CustomerFormatsCommandTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), locale, out, err, args);
    }

    int run(String... args) {
        return run(Locale.ENGLISH, args);
    }

    void customers() {
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(CustomerFormatsCommandTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exportCustomersTakesItsFormatFromTheOptionElseFromTheExtension() throws IOException {
        customers();
        Path xlsx = dir.resolve("book.xlsx");
        assertThat(run("export", "customers", "--out", xlsx.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("3 customers exported to " + xlsx.toAbsolutePath() + ".");
        assertThat(Files.readAllBytes(xlsx)).startsWith('P', 'K', 3, 4);

        Path vcf = dir.resolve("contacts.vcf");
        assertThat(run("export", "customers", "--out", vcf.toString(), "--include-archived")).isZero();
        assertThat(Files.readString(vcf)).startsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n").contains("FN:张伟", "X-REGULARS-ARCHIVED:yes");

        Path named = dir.resolve("named.csv");
        assertThat(run("export", "customers", "--out", named.toString(), "--format", "VCARD")).isZero();
        assertThat(Files.readString(named)).startsWith("BEGIN:VCARD");

        Path csv = dir.resolve("all.csv");
        assertThat(run("export", "customers", "-o", csv.toString(), "--include-archived")).isZero();
        assertThat(Files.readString(csv)).contains(",archived,created\r\n", "张伟");

        assertThat(run("export", "customers", "--out", dir.resolve("x.pdf").toString(), "--format", "pdf")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("\"pdf\" is not a format customers are exported in: use csv, xlsx or vcf.");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void importCustomersFromAVcardPrintsItsWarningsByCard() {
        assertThat(run("import", "customers", resource("/vcards/android-2.1.vcf").toString())).isZero();
        assertThat(err.toString().strip()).isEqualTo("Warning: card 2: phones: The phone \"ask reception\" is not a number Regulars can read "
                + "(a word, or a number without its country code), so it was kept in the notes.");
        assertThat(out.toString().strip()).isEqualTo("Rows: 3 added, 0 updated, 0 skipped (already there), 0 rejected.");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "find", "李芳")).isZero();
    }

    @Test
    void importOfAnEncryptedWorkbookIsAMessageInTheUsersLanguageNotAStackTrace() {
        Path locked = resource("/workbooks/password-protected.xlsx");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "customers", locked.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("文件 " + locked + " 设置了密码").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aWorkbookOfCustomersAlreadyThereUpdatesThemWithOnDuplicateUpdateAndIsSkippedTheSecondTime() throws IOException {
        customers();
        Path book = dir.resolve("members.xlsx");
        try (OutputStream o = Files.newOutputStream(book)) {
            Workbook wb = new Workbook(o, "Test", "1.0");
            wb.newWorksheet("Notes").value(0, 0, "the members are on the next sheet");
            Worksheet ws = wb.newWorksheet("Members");
            String[] header = {"name", "phone", "email", "company", "notes"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            ws.value(1, 0, "王小明 (till)");
            ws.value(1, 1, 13812345678L); // a phone typed as a number: 王小明's
            ws.value(1, 3, "西湖茶社");
            ws.value(2, 0, "Alice S.");
            ws.value(2, 2, "ALICE@EXAMPLE.ORG"); // Alice's email in another case
            ws.value(2, 4, "Likes oolong");
            ws.value(3, 0, "李雷");
            ws.value(3, 1, "139 0000 1111");
            wb.finish();
        }
        assertThat(run("import", "customers", book.toString(), "--sheet", "Members", "--on-duplicate", "update")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 1 added, 2 updated, 0 skipped (already there), 0 rejected.");
        assertThat(run("import", "customers", book.toString(), "--sheet", "2")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 0 added, 0 updated, 3 skipped (already there), 0 rejected.");
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            var wang = ctx.customers().byCode("000001").orElseThrow();
            assertThat(wang.name()).isEqualTo("王小明"); // filled in: the name was there
            assertThat(wang.company()).isEqualTo("西湖茶社");
            long[] alice = ctx.customers().search("alice@example.org", null, false, app.regulars.customer.CustomerSort.NAME, true);
            assertThat(alice).hasSize(1);
            assertThat(ctx.customers().get(alice[0]).orElseThrow().notes()).isEqualTo("Likes oolong");
            assertThat(ctx.customers().search("李雷", null, false, app.regulars.customer.CustomerSort.NAME, true)).hasSize(1);
        }
    }

    @Test
    void purchasesAndResponsesFromAChosenSheet() throws IOException {
        customers();
        Path book = dir.resolve("till.xlsx");
        try (OutputStream o = Files.newOutputStream(book)) {
            Workbook wb = new Workbook(o, "Test", "1.0");
            Worksheet notes = wb.newWorksheet("Notes");
            notes.value(0, 0, "see the other sheets");
            Worksheet till = wb.newWorksheet("Till");
            till.value(0, 0, "code");
            till.value(0, 1, "date");
            till.value(0, 2, "amount");
            till.value(1, 0, "000001");
            till.value(1, 1, LocalDate.of(2026, 11, 20));
            till.style(1, 1).format("yyyy-mm-dd").set();
            till.value(1, 2, 88.5);
            Worksheet answers = wb.newWorksheet("NPS");
            answers.value(0, 0, "code");
            answers.value(0, 1, "date");
            answers.value(0, 2, "q1");
            answers.value(1, 0, "000002");
            answers.value(1, 1, LocalDate.of(2026, 11, 2));
            answers.style(1, 1).format("yyyy/m/d").set();
            answers.value(1, 2, 9);
            answers.value(2, 1, LocalDate.of(2026, 11, 3));
            answers.style(2, 1).format("yyyy/m/d").set();
            answers.value(2, 2, 12);
            wb.finish();
        }
        assertThat(run("import", "purchases", book.toString(), "--sheet", "Till")).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 purchase imported.");

        // a score out of the scale on Excel's row 3: refused by its row
        assertThat(run("import", "responses", "--survey", "NPS", "--sheet", "3", book.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("row 3: ");
        assertThat(run("import", "purchases", book.toString(), "--sheet", "Till")).isZero(); // purchases may repeat
    }
}

package app.regulars.customer;

import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowProblem;
import app.regulars.tables.TextFiles;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerCsvImporterTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dir;
    AppContext ctx;
    CustomerCsvImporter importer;
    final Messages en = new Messages(Locale.ENGLISH);

    @BeforeEach
    void open() {
        ctx = app.regulars.testing.TestStores.open(dir.resolve("data"), CLOCK, Locale.SIMPLIFIED_CHINESE);
        importer = new CustomerCsvImporter(ctx.customers());
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    Path write(String text, Charset charset) throws IOException {
        Path f = dir.resolve("in-" + System.nanoTime() + ".csv");
        Files.write(f, text.getBytes(charset));
        return f;
    }

    ImportReport importText(String text) throws IOException {
        return importer.importFile(write(text, StandardCharsets.UTF_8), Progress.NONE, () -> false);
    }

    Customer byCode(String code) {
        return ctx.customers().byCode(code).orElseThrow();
    }

    List<Long> lines(ImportReport r) {
        return r.rejected().stream().map(RejectedRow::line).toList();
    }

    @Test
    void importsGbkFileWithChineseHeaders() throws IOException {
        String csv = """
                会员卡号,姓名,手机,性别,生日,标签,备注,营销同意,退订
                A001,王小明,138 1234 5678，13912345678,男,农历1990-08-15,常客、绿茶,喜欢安静的位置,是,短信;微信
                A002,李芳,+86 139-8765-4321,女,05-12,,,否,
                """;
        ImportReport r = importer.importFile(write(csv, Charset.forName("GBK")), Progress.NONE, () -> false);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.charset()).isEqualTo(TextFiles.GB18030);
        Customer wang = byCode("A001");
        assertThat(wang.name()).isEqualTo("王小明");
        assertThat(wang.phones()).containsExactly("+8613812345678", "+8613912345678");
        assertThat(wang.gender()).isEqualTo(Gender.MALE);
        assertThat(wang.birthday()).isEqualTo(Birthday.lunar(1990, 8, 15, false));
        assertThat(wang.tags()).containsExactlyInAnyOrder("常客", "绿茶");
        assertThat(wang.notes()).isEqualTo("喜欢安静的位置");
        assertThat(wang.consent().marketing()).isTrue();
        assertThat(wang.consent().date()).isEqualTo(LocalDate.of(2025, 6, 1));
        assertThat(wang.consent().optOuts()).containsExactlyInAnyOrder(MarketingChannel.SMS, MarketingChannel.WECHAT);
        Customer li = byCode("A002");
        assertThat(li.birthday()).isEqualTo(new Birthday(Birthday.Kind.SOLAR, null, 5, 12, false));
        assertThat(li.consent().marketing()).isFalse();
    }

    @Test
    void importsUtf8FileWithEnglishHeadersInAnyCase() throws IOException {
        String csv = """
                Name,Mobile,E-mail,WeChat,Gender,Birthday,Company,Job Title,Source,Tags,Preferences,Marketing Consent,Consent Date,Opt-outs,Favourite colour
                Alice Chen,13812345678,alice@example.com,alice_c,f,1990-05-12,Acme,Buyer,walk-in,vip|tea,window seat,yes,2024-03-01,email
                Bob,13912345678,,,m,lunar:leap:04-10,,,,,,no,,
                """;
        ImportReport r = importText(csv);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.ignoredColumns()).containsExactly("Favourite colour");
        long[] ids = ctx.customers().search("Alice", null, false, app.regulars.customer.CustomerSort.NAME, true);
        Customer alice = ctx.customers().get(ids[0]).orElseThrow();
        assertThat(alice.code()).isNotBlank();
        assertThat(alice.email()).isEqualTo("alice@example.com");
        assertThat(alice.wechat()).isEqualTo("alice_c");
        assertThat(alice.gender()).isEqualTo(Gender.FEMALE);
        assertThat(alice.birthday()).isEqualTo(Birthday.solar(LocalDate.of(1990, 5, 12)));
        assertThat(alice.company()).isEqualTo("Acme");
        assertThat(alice.jobTitle()).isEqualTo("Buyer");
        assertThat(alice.source()).isEqualTo("walk-in");
        assertThat(alice.tags()).containsExactlyInAnyOrder("vip", "tea");
        assertThat(alice.preferences()).isEqualTo("window seat");
        assertThat(alice.consent().date()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(alice.consent().optOuts()).containsExactly(MarketingChannel.EMAIL);
        long[] bob = ctx.customers().search("Bob", null, false, app.regulars.customer.CustomerSort.NAME, true);
        assertThat(ctx.customers().get(bob[0]).orElseThrow().birthday()).isEqualTo(Birthday.lunar(null, 4, 10, true));
    }

    @Test
    void importsUtf8FileWithBom() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.write(f, ("\uFEFF姓名,电话\n张三,13812345678\n").getBytes(StandardCharsets.UTF_8));
        ImportReport r = importer.importFile(f, Progress.NONE, () -> false);
        assertThat(r.imported()).isEqualTo(1);
        assertThat(ctx.customers().countActive()).isEqualTo(1);
    }

    @Test
    void rejectsThreeBadRowsWithTheirLineNumbersAndStoresNothing() throws IOException {
        String csv = """
                name,phone,email,notes
                Good One,13812345678,,
                ,13812345679,,no name
                Good Two,13912345678,,"a note
                over two lines"
                Bad Phone,12345,,
                Good Three,,,
                Bad Mail,,not-an-email,
                """;
        ImportReport r = importText(csv);

        assertThat(r.rowsRead()).isEqualTo(6);
        assertThat(r.imported()).isZero();
        assertThat(lines(r)).containsExactly(3L, 6L, 8L);
        assertThat(r.rejected().get(0).reason(en)).isEqualTo("name: A name is required.");
        assertThat(r.rejected().get(1).reason(en)).isEqualTo("phone: \"12345\" is not a valid phone number.");
        assertThat(r.rejected().get(2).reason(en)).isEqualTo("email: \"not-an-email\" is not a valid email address.");
        assertThat(ctx.customers().countAll()).isZero();
    }

    /** Adding every row (--on-duplicate add): a card number is one customer's, so a repeated or taken one is refused. */
    ImportReport importAddingEveryRow(String text) throws IOException {
        return new CustomerCsvImporter(ctx.customers(), ConsentSource.IMPORT, OnDuplicate.ADD)
                .importFile(write(text, StandardCharsets.UTF_8), Progress.NONE, () -> false);
    }

    @Test
    void rejectsACodeUsedTwiceInTheFile() throws IOException {
        ImportReport r = importAddingEveryRow("code,name\nC1,A\nC2,B\nC1,C\n");
        assertThat(lines(r)).containsExactly(4L);
        assertThat(r.rejected().getFirst().reason(en)).isEqualTo("code: The code C1 is already used on line 2 of the file.");
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void rejectsACodeThatAlreadyExistsInTheStore() throws IOException {
        ctx.customers().save(Customer.builder().code("C1").name("Existing").build());
        ImportReport r = importAddingEveryRow("code,name\nC1,New\nC2,Other\n");
        assertThat(lines(r)).containsExactly(2L);
        assertThat(r.rejected().getFirst().reason(en)).isEqualTo("code: The code C1 already belongs to another customer.");
        assertThat(ctx.customers().countAll()).isEqualTo(1);
    }

    @Test
    void rejectsAnOversizeField() throws IOException {
        ImportReport r = importText("name,company\n" + "x".repeat(101) + ",ok\nFine," + "c".repeat(201) + "\n");
        assertThat(lines(r)).containsExactly(2L, 3L);
        assertThat(r.rejected().get(0).reason(en)).isEqualTo("name: At most 100 characters.");
        assertThat(r.rejected().get(1).reason(en)).isEqualTo("company: At most 200 characters.");
    }

    @Test
    void listsEveryProblemOfARowAndUnreadableValues() throws IOException {
        ImportReport r = importText("姓名,性别,生日,邮箱,同意日期,退订\n王五,unknown,1990-02-30,x@,2024-13-01,fax\n");
        assertThat(lines(r)).containsExactly(2L);
        assertThat(r.rejected().getFirst().problems()).extracting(RowProblem::key).containsExactlyInAnyOrder(
                "exchange.row.gender", "exchange.row.birthday", "exchange.row.date", "exchange.row.channel",
                "customer.error.emailInvalid");
        assertThat(r.rejected().getFirst().reason(new Messages(Locale.SIMPLIFIED_CHINESE))).contains("性别：“unknown”不是有效的性别");
    }

    @Test
    void rejectsARowWithTooManyFields() throws IOException {
        ImportReport r = importText("name,phone\nA,13812345678\nB,13912345678,extra\nC,,\n");
        assertThat(lines(r)).containsExactly(3L);
        assertThat(r.rejected().getFirst().reason(en)).isEqualTo("The row has 3 fields, but the header names only 2 columns.");
    }

    @Test
    void rejectsBrokenQuotingAtItsLine() throws IOException {
        ImportReport r = importText("name,phone\nA,13812345678\n\"B\"x,13912345678\nC,\n");
        assertThat(lines(r)).containsExactly(3L);
        assertThat(r.rejected().getFirst().problems().getFirst().key()).isEqualTo("exchange.row.badQuotes");
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void rejectsAQuoteNeverClosed() throws IOException {
        ImportReport r = importText("name,notes\nA,fine\nB,\"open\nC,more\n");
        assertThat(lines(r)).containsExactly(3L);
        assertThat(r.rejected().getFirst().problems().getFirst().key()).isEqualTo("exchange.row.unclosedQuote");
    }

    @Test
    void refusesAFileWithoutANameColumn() throws IOException {
        Path f = write("phone,email\n13812345678,a@b.cn\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importer.importFile(f, Progress.NONE, () -> false))
                .isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).localizedMessage(en)).contains("has no name column"));
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path f = write("", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importer.importFile(f, Progress.NONE, () -> false))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("exchange.error.noHeader");
    }

    @Test
    void refusesBinaryJunkWithAClearMessage() throws IOException {
        Path f = dir.resolve("junk.xlsx");
        byte[] junk = new byte[2048];
        new java.util.Random(7).nextBytes(junk);
        Files.write(f, junk);
        assertThatThrownBy(() -> importer.importFile(f, Progress.NONE, () -> false))
                .isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(((UserException) e).localizedMessage(en)).contains("junk.xlsx"));
        assertThat(ctx.customers().countAll()).isZero();
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() throws IOException {
        StringBuilder csv = new StringBuilder("name\n");
        for (int i = 0; i < 10; i++) {
            csv.append("Customer ").append(i).append('\n');
        }
        List<long[]> updates = new ArrayList<>();
        ImportReport r = importer.importFile(write(csv.toString(), StandardCharsets.UTF_8),
                (done, total) -> updates.add(new long[] {done, total}), () -> false);
        assertThat(r.imported()).isEqualTo(10);
        assertThat(updates.getLast()).containsExactly(20, 20);

        Path again = write(csv.toString(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importer.importFile(again, Progress.NONE, () -> true))
                .isInstanceOf(UserException.class)
                .extracting(e -> ((UserException) e).key()).isEqualTo("common.cancelled");
        assertThat(ctx.customers().countAll()).isEqualTo(10);
    }

    @Test
    void skipsBlankRowsAndKeepsPhysicalLineNumbers() throws IOException {
        ImportReport r = importText("name,phone\n\nA,13812345678\n,\nB,bad\n");
        assertThat(r.rowsRead()).isEqualTo(2);
        assertThat(lines(r)).containsExactly(5L);
        assertThat(Set.copyOf(r.ignoredColumns())).isEmpty();
    }
}

package app.regulars.app.cli;

import app.regulars.testing.Cli;
import app.regulars.app.AppContext;
import app.regulars.followup.ContactChannel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.Contact;
import app.regulars.followup.AutoFollowUps;
import app.regulars.customer.Consent;
import app.regulars.i18n.Messages;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FollowupCommandsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void data() {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
            long wang = ctx.customers().byCode("000001").orElseThrow().id();
            long zeng = ctx.customers().byCode("000002").orElseThrow().id();
            ctx.followUps().schedule(FollowUp.planned(wang, FollowUpKind.VISIT, "送新茶样品", LocalDateTime.of(2026, 11, 24, 10, 0)).withOwner("小李"));
            ctx.followUps().schedule(FollowUp.planned(zeng, FollowUpKind.CHECK_IN, "问问体验", LocalDateTime.of(2026, 11, 25, 15, 0)));
            ctx.followUps().openComplaint(wang, "茶叶受潮", "包装破损", LocalDateTime.of(2026, 11, 22, 16, 0));
            ctx.followUps().logContact(new Contact(null, wang, LocalDateTime.of(2026, 11, 20, 15, 30), ContactChannel.IN_STORE,
                    "买了 250 克龙井", "满意", "新茶到了发微信", null));
            ctx.membership().recordPurchase(wang, LocalDateTime.of(2026, 11, 20, 15, 30), new java.math.BigDecimal("368.00"), "龙井 250 克");
        }
    }

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), locale, out, err, args);
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static void render(Path pdf, String name) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Files.createDirectories(Screenshots.directory());
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 100), "png", Screenshots.directory().resolve(name + ".png").toFile());
        }
    }

    @Test
    void exportsTheFollowUpListAsCsvExcelAndPdfWithChineseNames() throws IOException {
        Path csv = dir.resolve("week.csv");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "csv", "--out", csv.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 follow-ups written"); // the complaint opened on the 22nd is due on the 23rd
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(content).contains("王小明 (000001)").contains("送新茶样品").contains("小李").contains("曾晓燕 (000002)");

        Path visits = dir.resolve("visits.xlsx");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-23", "--to", "2026-11-29", "--kind", "visit",
                "--format", "xlsx", "--out", visits.toString())).isZero();
        assertThat(out.toString()).contains("1 follow-ups written");
        assertThat(Files.size(visits)).isGreaterThan(1000);

        Path pdf = dir.resolve("week.pdf");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "export", "followups", "--from", "2026-11-22", "--to", "2026-11-29", "--format", "pdf",
                "--out", pdf.toString())).isZero();
        String pdfText = text(pdf);
        assertThat(pdfText).contains("回访清单").contains("王小明").contains("曾晓燕").contains("茶叶受潮").contains("已超时");
        render(pdf, "followup-list-pdf-zh");

        // The paper is chosen as for the brief: LETTER is 612 x 792 points, A4 595 x 842.
        Path letter = dir.resolve("week-letter.pdf");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-22", "--to", "2026-11-29", "--format", "pdf",
                "--paper", "letter", "--out", letter.toString())).as(err.toString()).isZero();
        try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
        }
        Path a4 = dir.resolve("week-a4.pdf");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-22", "--to", "2026-11-29", "--format", "pdf",
                "--paper", "A4", "--out", a4.toString())).isZero();
        try (PDDocument doc = Loader.loadPDF(a4.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.28f, org.assertj.core.api.Assertions.within(0.01f));
        }
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-22", "--to", "2026-11-29", "--format", "pdf",
                "--paper", "A5", "--out", a4.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Not a paper size: A5 (use A4 or LETTER).");
    }

    @Test
    void briefIsOnePagePdfWithContactsMembershipAndOpenFollowUps() throws IOException {
        Path pdf = dir.resolve("brief.pdf");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "brief", "000001", "--out", pdf.toString())).as(err.toString()).isZero();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
        String t = text(pdf);
        assertThat(t).contains("王小明").contains("138").contains("杭州市西湖区").contains("买了 250 克龙井")
                .contains("送新茶样品").contains("茶叶受潮").contains("喜欢龙井").contains("每周六下午来").contains("□");
        // The membership part comes from MembershipService.snapshot: tier name in the user's language, money formatted.
        assertThat(t).contains("铜卡").contains("368").contains("368.00").contains("龙井 250 克").contains("积分：368");
        render(pdf, "followup-brief-pdf-zh");
    }

    @Test
    void followUpsGeneratedInEnglishAreExportedAndBriefedInChinese() throws IOException {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "30");
            ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "7");
            long zeng = ctx.customers().byCode("000002").orElseThrow().id();
            long alice = ctx.customers().byCode("000003").orElseThrow().id();
            ctx.customers().save(ctx.customers().get(zeng).orElseThrow().toBuilder()
                    .consent(new Consent(true, TestStores.TODAY, null)).build());
            ctx.followUps().logContact(new Contact(null, alice, LocalDateTime.of(2026, 8, 1, 10, 0), ContactChannel.PHONE, "Called", null, null, null));
            // Generated in English on 2026-11-23 (the command would use today's date): 曾晓燕's birthday
            // (1 December), a New Year greeting for her and 王小明, a check-in for Alice
            assertThat(ctx.autoFollowUps().generate(new Messages(Locale.ENGLISH)).total()).isEqualTo(4);
        }

        // LANG=zh_CN: the list as CSV and PDF, and 曾晓燕's brief
        Path csv = dir.resolve("generated.csv");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "export", "followups", "--from", "2026-11-23", "--to", "2026-12-02",
                "--format", "csv", "--out", csv.toString())).as(err.toString()).isZero();
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(content.lines().filter(l -> l.contains("Alice Smith")).toList()).singleElement().asString().contains(",例行回访,例行回访,");
        assertThat(content).contains("生日问候（12月1日）", "元旦问候")
                .doesNotContain("Routine check-in", "Birthday of", "New Year greeting")
                .contains("送新茶样品", "问问体验"); // typed titles as typed

        Path pdf = dir.resolve("generated.pdf");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "export", "followups", "--from", "2026-11-23", "--to", "2026-12-02",
                "--format", "pdf", "--out", pdf.toString())).as(err.toString()).isZero();
        String pdfText = text(pdf).replace("\n", "");
        assertThat(pdfText).contains("生日问候（12月1日）", "元旦问候", "送新茶样品").doesNotContain("Routine", "Birthday of", "greeting");
        render(pdf, "followup-list-generated-pdf-zh");

        Path brief = dir.resolve("brief-zeng.pdf");
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "brief", "000002", "--out", brief.toString())).as(err.toString()).isZero();
        String briefText = text(brief).replace("\n", "");
        assertThat(briefText).contains("生日 · 生日问候（12月1日）", "节日问候 · 元旦问候", "问问体验").doesNotContain("Birthday of", "greeting");

        // and in English again, in English
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-11-23", "--to", "2026-12-02",
                "--format", "csv", "--out", csv.toString())).isZero();
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("Birthday on 12/1", "New Year greeting", "Routine check-in")
                .doesNotContain("元旦问候");
    }

    @Test
    void generateTwiceCreatesNothingTwice() {
        assertThat(run(Locale.ENGLISH, "followups", "generate")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Created ");
        assertThat(run(Locale.ENGLISH, "followups", "generate")).isZero();
        assertThat(out.toString()).startsWith("Created 0 follow-ups");
    }

    @Test
    void badInputGetsAMessageAndWritesNothing() {
        Path f = dir.resolve("x.csv");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "2026-12-01", "--to", "2026-11-01", "--format", "csv", "--out", f.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("end of the period is before its start");
        assertThat(run(Locale.ENGLISH, "export", "followups", "--from", "1.12.2026", "--to", "2026-11-01", "--format", "csv", "--out", f.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("Not a date: 1.12.2026");
        assertThat(run(Locale.ENGLISH, "brief", "999999", "--out", dir.resolve("b.pdf").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("No customer has the code 999999");
        assertThat(f).doesNotExist();
        assertThat(dir.resolve("b.pdf")).doesNotExist();
    }
}

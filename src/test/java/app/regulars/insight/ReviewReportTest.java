package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;

class ReviewReportTest {
    @TempDir
    Path dir;
    @TempDir
    Path out;

    /** Forty customers over two years, some gone quiet, and two owners' follow-ups in November. */
    void shop() {
        try (AppContext ctx = TestStores.open(dir)) {
            for (int i = 0; i < 40; i++) {
                long id = ctx.customers().save(Customer.builder().name((i % 2 == 0 ? "王" : "Smith ") + i).build()).id();
                LocalDate first = LocalDate.of(2025, 1, 5).plusDays(9L * i);
                int visits = 1 + i % 6;
                for (int v = 0; v < visits; v++) {
                    LocalDate day = first.plusDays(31L * v * (1 + i % 3));
                    if (!day.isAfter(TestStores.TODAY)) {
                        ctx.membership().recordPurchase(id, day.atTime(11, 0), new BigDecimal(20 + 7 * i + v), null);
                    }
                }
                if (i < 6) {
                    LocalDateTime due = LocalDateTime.of(2026, 11, 2 + i, 10, 0);
                    ctx.database().dsl().insertInto(FOLLOW_UP)
                            .set(FOLLOW_UP.CUSTOMER_ID, id).set(FOLLOW_UP.KIND, "CHECK_IN").set(FOLLOW_UP.TITLE, "t")
                            .set(FOLLOW_UP.OWNER, i % 2 == 0 ? "李娜" : "Tom").set(FOLLOW_UP.DUE_AT, due)
                            .set(FOLLOW_UP.STATUS, "DONE").set(FOLLOW_UP.COMPLETED_AT, due.plusDays(i % 3))
                            .set(FOLLOW_UP.CREATED_AT, due).set(FOLLOW_UP.UPDATED_AT, due).execute();
                }
            }
        }
    }

    /** The PDF's text; a copy is left in target/screenshots/ for people to look at. */
    static String text(Path pdf) throws IOException {
        Path keep = app.regulars.testing.Screenshots.directory();
        Files.createDirectories(keep);
        Files.copy(pdf, keep.resolve("insight-" + pdf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void reportWritesAPdfWithEverySectionInEnglishAndInChinese() throws IOException {
        shop();
        Path en = out.resolve("review-en.pdf");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, o, e, "insights", "report", "--period", "2026-11", "--out", en.toString()))
                .as(e.toString()).isZero();
        assertThat(o.toString()).contains("Review of November 2026 written to");
        String english = text(en);
        assertThat(english).contains("Review November 2026", "Key figures against targets", "Customers per segment", "Lifecycle",
                "Revenue by month", "Active customers by month", "Top customers at risk", "Staff figures", "Segment movement",
                "Repurchase rate", "Tom", "李娜");
        assertThat(english).doesNotContain("NaN", "Infinity", "∞", "!insight.");

        Path zh = out.resolve("review-zh.pdf");
        assertThat(Cli.run(dir, Locale.SIMPLIFIED_CHINESE, o, e, "insights", "report", "--period", "2026-Q4", "--out", zh.toString()))
                .as(e.toString()).isZero();
        String chinese = text(zh);
        assertThat(chinese).contains("2026 年第 4 季度复盘", "关键指标与目标", "各分群顾客数", "生命周期", "每月营业额", "每月活跃顾客",
                "重点流失风险顾客", "员工绩效", "分群迁移", "复购率");
        assertThat(chinese).doesNotContain("NaN", "Infinity", "∞", "!insight.");

        Path year = out.resolve("year.pdf");
        assertThat(Cli.run(dir, Locale.ENGLISH, o, e, "insights", "report", "--period", "2026", "--out", year.toString())).isZero();
        assertThat(text(year)).contains("Review 2026");
    }

    @Test
    void anEmptyShopStillGetsAReportWithDashesForMissingFigures() throws IOException {
        try (AppContext ctx = TestStores.open(dir)) {
            ctx.customers().save(Customer.builder().name("A").build());
        }
        Path pdf = out.resolve("empty.pdf");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, o, e, "insights", "report", "--period", "2026-10", "--out", pdf.toString())).as(e.toString()).isZero();
        String text = text(pdf);
        assertThat(text).contains("Review October 2026", "–").doesNotContain("NaN", "Infinity");
    }

    @Test
    void aBadPeriodIsAClearMessageInTheUsersLanguageAndWritesNothing() {
        Path pdf = out.resolve("bad.pdf");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, o, e, "insights", "report", "--period", "2026-13", "--out", pdf.toString())).isEqualTo(1);
        assertThat(e.toString()).contains("Not a period: 2026-13. Write a month (2026-11), a quarter (2026-Q4) or a year (2026).");
        StringWriter zh = new StringWriter();
        assertThat(Cli.run(dir, Locale.SIMPLIFIED_CHINESE, o, zh, "insights", "report", "--period", "十一月", "--out", pdf.toString())).isEqualTo(1);
        assertThat(zh.toString()).contains("不是有效的期间：十一月");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void atRiskAreTheDecliningCustomersMostValuableFirst() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        java.util.function.BiFunction<Long, Object[], CustomerInsight> c = (id, a) -> new CustomerInsight(
                new CustomerMetrics(id, day, day, 100, 1, 1, new BigDecimal((String) a[1]), null, BigDecimal.ZERO), 1, 1, 1,
                Segment.GENERAL_WINBACK, (Lifecycle) a[0], ValueClass.GENERAL, null);
        InsightSnapshot s = new InsightSnapshot(TestStores.TODAY, InsightSettings.DEFAULTS, List.of(
                c.apply(1L, new Object[] {Lifecycle.DECLINING, "10"}), c.apply(2L, new Object[] {Lifecycle.MATURE, "900"}),
                c.apply(3L, new Object[] {Lifecycle.DECLINING, "50"}), c.apply(4L, new Object[] {Lifecycle.CHURNED, "70"}),
                c.apply(5L, new Object[] {Lifecycle.DECLINING, "30"})), 0, null, 0);
        assertThat(ReviewReport.atRisk(s, 2)).extracting(CustomerInsight::customerId).containsExactly(3L, 5L);
        assertThat(new ReviewReport(new Messages(Locale.ENGLISH), app.regulars.tables.TableLayout.Paper.A4)
                .value(Kpi.CHURN_RATE, Double.NaN, java.util.Currency.getInstance("CNY"))).isEqualTo("–");
    }
}

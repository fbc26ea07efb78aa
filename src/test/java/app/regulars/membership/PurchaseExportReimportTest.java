package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file written by {@code export purchases} imports as it is into another store (its columns
 * recognised in English and Chinese, CSV and Excel): the purchases that were not voided, with
 * their customer, time, amount and items; the voided ones left out and counted.
 */
class PurchaseExportReimportTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Path data, Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(data, locale, out, err, args);
    }

    private static Customer find(AppContext ctx, String name) {
        return ctx.customers().get(ctx.customers().search(name, null, false, CustomerSort.NAME, true)[0]).orElseThrow();
    }

    /** Each purchase of the store as code, time, amount, items and voided, oldest first. */
    private static List<String> purchases(AppContext ctx) {
        List<String> rows = new java.util.ArrayList<>();
        ctx.membership().forEachPurchase(r -> rows.add(r.get(0) + " " + r.get(2) + " " + r.get(3) + " " + r.get(5) + " " + r.get(6)));
        return rows;
    }

    /** A store with the known customers and four purchases, one of them voided; returns its purchases. */
    private List<String> storeWithPurchases(Path data) {
        try (AppContext ctx = TestStores.open(data)) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer wang = find(ctx, "王小明");
            Customer alice = find(ctx, "Alice Smith");
            ctx.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(30).atTime(10, 15), new BigDecimal("128.50"), "龙井 半斤");
            ctx.membership().recordPurchase(alice.id(), TestStores.TODAY.minusDays(20).atTime(16, 0), new BigDecimal("36.00"), null);
            Purchase wrong = ctx.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(10).atTime(11, 0), new BigDecimal("900.00"), "tea set");
            ctx.membership().voidPurchase(wrong.id(), "typed twice");
            ctx.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(2).atTime(9, 5), new BigDecimal("60.00"), "Items, with a comma");
            return purchases(ctx);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"en, csv", "zh-CN, csv", "en, xlsx", "zh-CN, xlsx"})
    void anExportOfPurchasesImportsIntoAnotherStoreWithoutItsVoidedOnes(String language, String format) throws IOException {
        Locale locale = Locale.forLanguageTag(language);
        Path from = dir.resolve("from");
        List<String> before = storeWithPurchases(from);
        assertThat(before).hasSize(4);
        Path file = dir.resolve("purchases." + format);
        assertThat(run(from, locale, "export", "purchases", "--format", format, "--out", file.toString())).as(err.toString()).isZero();

        Path to = dir.resolve("to");
        try (AppContext ctx = TestStores.open(to)) {
            TestStores.addKnownCustomers(ctx.customers());
        }
        assertThat(run(to, Locale.ENGLISH, "import", "purchases", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("3 purchases imported.", "1 voided purchase left out.");
        try (AppContext ctx = TestStores.open(to)) {
            List<String> after = purchases(ctx);
            assertThat(after).containsExactlyElementsOf(before.stream().filter(p -> p.endsWith(" false")).toList());
            assertThat(after).anySatisfy(p -> assertThat(p).contains("龙井 半斤"));
        }

        // The same file again adds nothing, into that store and into the one it came from.
        for (Path store : List.of(to, from)) {
            List<String> was;
            try (AppContext ctx = TestStores.open(store)) {
                was = purchases(ctx);
            }
            assertThat(run(store, Locale.ENGLISH, "import", "purchases", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString().lines()).containsExactly("No purchase imported.", "1 voided purchase left out.",
                    "3 purchases already in the store left out (the same customer, amount and time).");
            try (AppContext ctx = TestStores.open(store)) {
                assertThat(purchases(ctx)).containsExactlyElementsOf(was);
            }
        }
    }

    /**
     * A row is a purchase already here when customer, amount and minute match (the day, when the
     * file gives only the date); each purchase here stands for one row at most, voided ones too.
     */
    @Test
    void rowsTheStoreAlreadyHasAreLeftOutEachPurchaseHereOnceAndTheImportBeforeStaysTheOneToUndo() throws IOException {
        Path to = dir.resolve("to");
        String wang;
        String alice;
        try (AppContext ctx = TestStores.open(to)) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer w = find(ctx, "王小明");
            wang = w.code();
            alice = find(ctx, "Alice Smith").code();
            ctx.membership().recordPurchase(w.id(), java.time.LocalDateTime.of(2026, 11, 1, 10, 15, 42), new BigDecimal("12.00"), null);
            ctx.membership().recordPurchase(w.id(), java.time.LocalDateTime.of(2026, 11, 2, 17, 30), new BigDecimal("30.00"), null);
            Purchase voided = ctx.membership().recordPurchase(w.id(), java.time.LocalDateTime.of(2026, 11, 4, 9, 0), new BigDecimal("8.00"), null);
            ctx.membership().voidPurchase(voided.id(), "wrong customer");
        }
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "code,date,amount\n" + alice + ",2026-10-01 12:00,5.00\n", StandardCharsets.UTF_8);
        assertThat(run(to, Locale.ENGLISH, "import", "purchases", first.toString())).as(err.toString()).isZero();

        Path file = dir.resolve("till.csv");
        Files.writeString(file, "code,date,amount\n"
                + wang + ",2026-11-01 10:15,12.00\n"   // here (the same minute)
                + wang + ",2026-11-01 10:15,12.00\n"   // a second one: only one is here
                + wang + ",2026-11-02,30.00\n"         // here (the same day; the file gives no time)
                + wang + ",2026-11-03,30.00\n"         // another day
                + wang + ",2026-11-04 09:00,8.00\n"    // here, voided since
                + alice + ",2026-11-01 10:15,12.00\n", // another customer
                StandardCharsets.UTF_8);
        assertThat(run(to, Locale.CHINA, "import", "purchases", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("已导入 3 条消费记录。",
                "3 条消费记录已在店中（同一客户、金额和时间），未重复导入。");
        Path again = dir.resolve("again.csv");
        Files.copy(file, again);
        assertThat(run(to, Locale.ENGLISH, "import", "purchases", again.toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("No purchase imported.",
                "6 purchases already in the store left out (the same customer, amount and time).");
        try (AppContext ctx = TestStores.open(to)) {
            assertThat(purchases(ctx)).containsExactlyInAnyOrder(
                    alice + " 2026-10-01T12:00 5.00 null false",
                    wang + " 2026-11-01T10:15:42 12.00 null false",
                    wang + " 2026-11-01T10:15 12.00 null false",
                    alice + " 2026-11-01T10:15 12.00 null false",
                    wang + " 2026-11-02T17:30 30.00 null false",
                    wang + " 2026-11-03T12:00 30.00 null false",
                    wang + " 2026-11-04T09:00 8.00 null true");
        }
        // A cancel while the rows are matched with the purchases here stores nothing.
        try (AppContext ctx = TestStores.open(to)) {
            List<String> was = purchases(ctx);
            Path more = dir.resolve("more.csv");
            Files.writeString(more, "code,date,amount\n" + wang + ",2026-11-01 10:15,12.00\n" + wang + ",2026-11-05,9.00\n", StandardCharsets.UTF_8);
            int[] asked = {0};
            boolean[] storing = {false};
            var importer = new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones());
            var source = app.regulars.tables.RowFile.open(more, null, app.regulars.tables.RowFile.TABLES);
            // the check pass asks once a row (2), the matching pass next, before anything is stored
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.importFile(source, null, app.regulars.tables.Progress.NONE, () -> {
                if (++asked[0] <= 2) {
                    return false;
                }
                storing[0] = ctx.settings().get(MembershipService.IMPORT_PENDING).isPresent();
                return true;
            })).isInstanceOf(app.regulars.i18n.UserException.class).hasMessageContaining("cancelled");
            assertThat(storing[0]).as("the cancel came while the rows were matched, before the storing pass").isFalse();
            assertThat(purchases(ctx)).containsExactlyElementsOf(was);
        }
        // The import that added nothing is not recorded: the one before it is still the last.
        assertThat(run(to, Locale.ENGLISH, "import", "undo")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("till.csv");
    }

    @Test
    void aVoidedCellThatIsNeitherYesNorNoRejectsTheFile() throws IOException {
        Path to = dir.resolve("to");
        String code;
        try (AppContext ctx = TestStores.open(to)) {
            TestStores.addKnownCustomers(ctx.customers());
            code = find(ctx, "王小明").code();
        }
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "会员卡号,顾客,日期,金额,商品 / 备注,已作废\n"
                + code + ",王小明,2026-11-01 10:00,12.00,茶,否\n"
                + code + ",王小明,2026-11-02 10:00,13.00,茶,maybe\n", StandardCharsets.UTF_8);
        assertThat(run(to, Locale.ENGLISH, "import", "purchases", file.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).contains("Warning: The column \"顾客\" is not one Regulars knows; it was ignored.",
                "line 3: 已作废: \u201cmaybe\u201d is neither yes nor no (whether the purchase was voided).");
        try (AppContext ctx = TestStores.open(to)) {
            assertThat(purchases(ctx)).isEmpty();
        }
    }
}

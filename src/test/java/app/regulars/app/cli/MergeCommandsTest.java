package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.customer.Birthday;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code duplicates [--out FILE.csv]} and {@code merge KEEP_CODE OTHER_CODE... --yes} as a user types them (decision 0025). */
class MergeCommandsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String other;
    String third;

    @BeforeEach
    void data() {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer wang = ctx.customers().save(Customer.builder().name("王晓明").phones("138 1234 5678").company("西湖茶社")
                    .birthday(Birthday.solar(LocalDate.of(1988, 9, 26))).build());
            other = wang.code();
            ctx.membership().recordPurchase(wang.id(), LocalDateTime.of(2026, 11, 20, 15, 30), new BigDecimal("368.00"), "龙井 250 克");
            third = ctx.customers().save(Customer.builder().name("Alice Smith").phones("+1 650 253 0001").build()).code();
        }
    }

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), locale, out, err, args);
    }

    @Test
    void duplicatesPrintsThePairsLikeliestFirst() {
        assertThat(run(Locale.ENGLISH, "duplicates")).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                "87\tSame phone · Same pinyin\t000001\t王小明\t138 1234 5678\t" + other + "\t王晓明\t138 1234 5678",
                "50\tSame name\t000003\tAlice Smith\t+1 650-253-0000\t" + third + "\tAlice Smith\t+1 650-253-0001");
        assertThat(err.toString()).contains("2 likely duplicate pairs among 5 customers.");

        assertThat(run(Locale.SIMPLIFIED_CHINESE, "duplicates")).isZero();
        assertThat(out.toString()).startsWith("87\t电话相同 · 拼音相同\t000001\t王小明\t");
        assertThat(err.toString()).contains("在 5 位客户中找到 2 对可能重复的客户。");
    }

    @Test
    void duplicatesWritesACsvFileWithAHeader() throws Exception {
        Path csv = dir.resolve("pairs.csv");
        assertThat(run(Locale.ENGLISH, "duplicates", "--out", csv.toString())).isZero();
        assertThat(out.toString()).contains("Wrote 2 pairs to " + csv.toAbsolutePath());
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<List<String>> rows;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))) {
            rows = reader.stream().map(CsvRecord::getFields).toList();
        }
        assertThat(rows.getFirst()).containsExactly("score", "reasons", "code_1", "name_1", "phones_1", "code_2", "name_2", "phones_2");
        // Cells a spreadsheet would take for a formula (a phone's +) are kept as text, and read back as they were.
        assertThat(rows.get(1).stream().map(app.regulars.tables.SpreadsheetCells::restore).toList())
                .containsExactly("87", "Same phone · Same pinyin", "000001", "王小明", "+8613812345678", other, "王晓明", "+8613812345678");
        assertThat(rows).hasSize(3);
    }

    @Test
    void mergeWithoutYesSaysWhatWouldHappenAndChangesNothing() {
        assertThat(run(Locale.ENGLISH, "merge", "000001", other)).isEqualTo(1);
        assertThat(err.toString()).contains("Would merge 王晓明 (" + other + ") into 王小明 (000001).",
                "Moves to 王小明 (000001): 1 purchase, 1 points entry.",
                "Taken from the others: Company.",
                "王晓明 (" + other + ") will be removed; its card number will find 王小明 (000001).",
                "Nothing was changed: a merge cannot be undone, run it again with --yes to merge.");
        assertThat(out.toString()).isEmpty();
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            assertThat(ctx.customers().byCode(other).orElseThrow().name()).isEqualTo("王晓明");
            assertThat(ctx.customers().countAll()).isEqualTo(6);
        }
    }

    @Test
    void mergeWithYesMergesAndTheOldCardNumberFindsTheKeptCustomer() {
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "merge", "000001", other, "--yes")).isZero();
        assertThat(out.toString()).contains("已将 " + other + " 合并到 王小明（000001）。", "已转到 王小明（000001） 名下：1 笔消费、1 条积分记录。",
                "取自其他客户：公司。");
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            Customer kept = ctx.customers().byCode(other).orElseThrow();
            assertThat(kept.code()).isEqualTo("000001");
            assertThat(kept.company()).isEqualTo("西湖茶社");
            assertThat(ctx.membership().totals(kept.id()).total()).isEqualByComparingTo("368.00");
            assertThat(ctx.customers().countAll()).isEqualTo(5);
        }
        // The old card number finds them from the command line too.
        assertThat(run(Locale.ENGLISH, "find", other)).isZero();
        assertThat(out.toString()).startsWith("000001\t王小明\t");
        // And the pair is gone from the duplicates.
        assertThat(run(Locale.ENGLISH, "duplicates")).isZero();
        assertThat(out.toString()).doesNotContain("王晓明");
    }

    @Test
    void mergeRefusesUnknownCodesAndOneCustomer() {
        assertThat(run(Locale.ENGLISH, "merge", "000001", "999999", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("No customer has the card number 999999.");
        assertThat(run(Locale.ENGLISH, "merge", "000001", "000001", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("Choose at least two different customers to merge.");
        assertThat(run(Locale.ENGLISH, "merge", "000001")).isNotZero(); // OTHER_CODE is required
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            assertThat(ctx.customers().countAll()).isEqualTo(6);
            assertThat(ctx.customers().search("王", null, false, CustomerSort.NAME, true)).hasSize(2);
        }
    }
}

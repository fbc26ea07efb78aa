package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.tables.ImportReport;
import app.regulars.testing.FailingInsert;
import app.regulars.testing.TestStores;
import org.jooq.Record4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large purchase files: stored a slice at a time, their points, running 12-month totals and
 * tiers right at the end, and nothing of them left when a later slice fails.
 */
class PurchaseBulkImportTest {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @TempDir
    Path dir;

    /** 3,000 sample customers with codes P0001..., and the ids of each code. */
    private Map<String, Long> customers(AppContext ctx) {
        CustomerService service = ctx.customers();
        List<Customer> sample = new ArrayList<>();
        int i = 0;
        for (Customer c : new SampleShop(8, TestStores.TODAY).customers(3_000)) {
            sample.add(service.normalize(c.toBuilder().code(String.format(Locale.ROOT, "P%04d", ++i)).build()));
        }
        service.insertAll(sample, app.regulars.customer.ConsentSource.SAMPLE, n -> { }, () -> false);
        Map<String, Long> ids = new HashMap<>();
        for (int k = 1; k <= 3_000; k++) {
            String code = String.format(Locale.ROOT, "P%04d", k);
            ids.put(code, service.byCode(code).orElseThrow().id());
        }
        return ids;
    }

    /** {@code n} of the sample shop's purchases of these customers, in date order as a till exports them. */
    private Path purchaseFile(Map<String, Long> ids, int n, int failAt) throws IOException {
        SampleShop shop = new SampleShop(8, TestStores.TODAY);
        List<String[]> rows = new ArrayList<>();
        List<String> codes = ids.keySet().stream().sorted().toList();
        for (int round = 0; rows.size() < n; round++) {
            for (String code : codes) {
                for (PurchaseLine l : shop.purchases(List.of(ids.get(code) + round * 10_000L))) {
                    rows.add(new String[] {AT.format(l.at()), code, l.amount().toPlainString(), l.note() == null ? "" : l.note()});
                }
            }
        }
        List<String[]> file = new ArrayList<>(rows.subList(0, n));
        file.sort(Comparator.comparing((String[] r) -> r[0]));
        if (failAt >= 0) {
            file.get(failAt)[3] = FailingInsert.MARK;
        }
        Path f = dir.resolve("purchases-" + System.nanoTime() + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("date,code,amount,note\n");
            for (String[] r : file) {
                w.write(String.join(",", r) + "\n");
            }
        }
        return f;
    }

    private static PurchaseCsvImporter importer(AppContext ctx) {
        return new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones());
    }

    /** Every membership row: tier, points and spend of the last 12 months. */
    private static Map<Long, List<Object>> memberships(AppContext ctx) {
        Map<Long, List<Object>> out = new HashMap<>();
        for (Record4<Long, Long, Long, BigDecimal> r : ctx.database().dsl()
                .select(CUSTOMER_MEMBERSHIP.CUSTOMER_ID, CUSTOMER_MEMBERSHIP.TIER_ID, CUSTOMER_MEMBERSHIP.POINTS_12M, CUSTOMER_MEMBERSHIP.SPEND_12M)
                .from(CUSTOMER_MEMBERSHIP).fetch()) {
            out.put(r.value1(), List.of(r.value2(), r.value3(), r.value4().setScale(2, RoundingMode.UNNECESSARY)));
        }
        return out;
    }

    @Test
    void twentyThousandPurchasesEarnTheirPointsAndKeepTotalsAndTiersRight() throws IOException {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            Map<String, Long> ids = customers(ctx);
            Path file = purchaseFile(ids, 20_000, -1);
            ImportReport r = importer(ctx).importFile(file);

            assertThat(r.succeeded()).isTrue();
            assertThat(r.imported()).isEqualTo(20_000);
            assertThat(ctx.database().dsl().fetchCount(PURCHASE)).isEqualTo(20_000);
            assertThat(ctx.database().dsl().fetchCount(POINT_ENTRY, POINT_ENTRY.KIND.eq(PointKind.EARNED.name()))).isEqualTo(20_000);
            assertThat(ctx.settings().get(MembershipService.IMPORT_PENDING)).isEmpty();

            // Each customer's balance is the sum of their purchases' points (one point a unit in every default tier).
            List<Long> buyers = ctx.database().dsl().selectDistinct(PURCHASE.CUSTOMER_ID).from(PURCHASE)
                    .orderBy(PURCHASE.CUSTOMER_ID).fetch(PURCHASE.CUSTOMER_ID);
            for (long id : List.of(buyers.getFirst(), buyers.get(buyers.size() / 2), buyers.getLast())) {
                int expected = ctx.membership().purchases(id, 100_000).stream()
                        .mapToInt(p -> p.amount().setScale(0, RoundingMode.FLOOR).intValueExact()).sum();
                assertThat(ctx.membership().balance(id)).as("customer %d", id).isEqualTo(expected).isPositive();
            }
            // The running totals and tiers are what counting every purchase again gives.
            Map<Long, List<Object>> imported = memberships(ctx);
            assertThat(imported).hasSize(3_000);
            assertThat(ctx.membership().rebuildAndEvaluate()).as("tier changes on recounting").isZero();
            assertThat(memberships(ctx).equals(imported)).as("every membership row as recounting gives it").isTrue();
            List<TierSummary> tiers = ctx.membership().tierSummary();
            assertThat(tiers.get(0).members()).isLessThan(3_000);
            assertThat(tiers.stream().mapToInt(TierSummary::members).sum()).isEqualTo(3_000);
        }
    }

    @Test
    void aStoreErrorInALaterSliceLeavesNoPurchaseNoPointAndNoTotalOfTheImport() throws Exception {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            Map<String, Long> ids = customers(ctx);
            ctx.membership().alignTotals(); // every customer's membership row, as the start of a day gives them
            ctx.membership().recordPurchase(ids.get("P0007"), TestStores.TODAY.minusDays(3).atTime(15, 0), new BigDecimal("1500.00"), "gift box");
            int purchases = ctx.database().dsl().fetchCount(PURCHASE);
            int points = ctx.database().dsl().fetchCount(POINT_ENTRY);
            int tierChanges = ctx.database().dsl().fetchCount(TIER_CHANGE);
            Map<Long, List<Object>> totals = memberships(ctx);
            Path file = purchaseFile(ids, MembershipService.IMPORT_SLICE + 5_000, MembershipService.IMPORT_SLICE + 2_000);
            ctx.database().dsl().connection(c -> FailingInsert.install(c, "purchase"));

            assertThatThrownBy(() -> importer(ctx).importFile(file)).hasStackTraceContaining("injected store error");
            assertThat(ctx.database().dsl().fetchCount(PURCHASE)).isEqualTo(purchases);
            assertThat(ctx.database().dsl().fetchCount(POINT_ENTRY)).isEqualTo(points);
            assertThat(ctx.database().dsl().fetchCount(TIER_CHANGE)).isEqualTo(tierChanges);
            assertThat(memberships(ctx).equals(totals)).as("every membership row as before the import").isTrue();
            assertThat(ctx.membership().balance(ids.get("P0007"))).isEqualTo(1500);
            assertThat(ctx.settings().get(MembershipService.IMPORT_PENDING)).isEmpty();
        }
    }

    /**
     * An Excel export of more purchases than a sheet holds goes on in "Purchases (2)" and on; the
     * import reads the sheets as one list, all or nothing, and a refused row names its sheet.
     */
    @Test
    void aWorkbookWhoseListGoesOnInFurtherSheetsImportsWholeAndARefusedRowNamesItsSheet() throws Exception {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            Map<String, Long> ids = customers(ctx);
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rows.add(new ArrayList<>(List.of("2026-10-" + (10 + i) + " 09:30", String.format(Locale.ROOT, "P%04d", i + 1), "1" + i + "8", "")));
            }
            rows.get(2).set(2, "12x"); // the last row of the first sheet, row 7
            rows.get(4).set(2, "12x"); // the second row of the second sheet, row 6 there
            Path file = dir.resolve("purchases.xlsx");
            List<String> headers = List.of("Date", "Code", "Amount", "Note");
            app.regulars.tables.LongWorkbooks.write(file, "Purchases", headers, rows, 3);

            ImportReport refused = importer(ctx).importFile(file);

            assertThat(refused.succeeded()).isFalse();
            assertThat(refused.rejected()).as("in the file's order").extracting(r -> r.place().text(new app.regulars.i18n.Messages(Locale.ENGLISH)))
                    .containsExactly("row 7", "row 6 of sheet “Purchases (2)”");
            assertThat(ctx.database().dsl().fetchCount(PURCHASE)).as("all or nothing").isZero();

            rows.get(2).set(2, "128");
            rows.get(4).set(2, "148");
            app.regulars.tables.LongWorkbooks.write(file, "Purchases", headers, rows, 3);
            ImportReport done = importer(ctx).importFile(file);

            assertThat(done.imported()).isEqualTo(7);
            assertThat(ctx.database().dsl().fetchCount(PURCHASE)).isEqualTo(7);
            assertThat(ctx.database().dsl().fetchValue("SELECT amount FROM purchase WHERE customer_id = ?", ids.get("P0007")))
                    .isEqualTo(new BigDecimal("168.00"));
        }
    }

    /** Found by the full-size importer fuzzing: 999,999,999,999 earned more points than an {@code int} holds, and the import died. */
    @Test
    void anAmountThatWouldEarnMorePointsThanAMemberCanHoldIsARejectedRowNamingItsLine() throws Exception {
        try (AppContext ctx = TestStores.open(dir.resolve("data"))) {
            Map<String, Long> ids = customers(ctx);
            Path file = dir.resolve("too-much.csv");
            Files.writeString(file, "code,date,amount,note\nP0002,2026-10-30 09:15,128,绿茶\nP0002,2026/11/02,999999999999,-discount\n");

            ImportReport r = importer(ctx).importFile(file);

            assertThat(r.succeeded()).isFalse();
            assertThat(r.rejected()).singleElement().satisfies(row -> {
                assertThat(row.line()).isEqualTo(3);
                assertThat(row.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("membership.error.tooManyPoints");
                    assertThat(p.column()).isEqualTo("amount");
                });
            });
            assertThat(ctx.database().dsl().fetchCount(PURCHASE)).as("all or nothing").isZero();
            // the counter refuses it too, with the same message
            assertThatThrownBy(() -> ctx.membership().recordPurchase(ids.get("P0002"), TestStores.TODAY.atTime(10, 0), new BigDecimal("999999999999"), null))
                    .isInstanceOfSatisfying(app.regulars.i18n.UserException.class, e -> assertThat(e.key()).isEqualTo("membership.error.tooManyPoints"));
            assertThat(ctx.membership().balance(ids.get("P0002"))).isZero();
        }
    }
}

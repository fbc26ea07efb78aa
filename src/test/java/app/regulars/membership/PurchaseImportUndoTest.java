package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.ImportUndoService;
import app.regulars.i18n.Messages;
import app.regulars.tables.ImportReport;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;
import static org.assertj.core.api.Assertions.assertThat;

/** The undo of an import of purchases (issue 16, item 3): purchases, points, totals and tiers as before it. */
class PurchaseImportUndoTest {
    private static final Messages EN = new Messages(Locale.ENGLISH);

    @TempDir
    Path dir;
    AppContext ctx;
    Customer wang;
    Customer alice;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("data"));
        TestStores.addKnownCustomers(ctx.customers());
        ctx.membership().alignTotals();
        wang = find("王小明");
        alice = find("Alice Smith");
        // a purchase before the import, which must stay
        ctx.membership().recordPurchase(wang.id(), TestStores.TODAY.minusDays(3).atTime(10, 0), new BigDecimal("120.00"), "before");
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private Customer find(String name) {
        return ctx.customers().get(ctx.customers().search(name, null, false, CustomerSort.NAME, true)[0]).orElseThrow();
    }

    private ImportReport importPurchases() throws IOException {
        Path f = dir.resolve("till.csv");
        Files.writeString(f, "code,date,amount,note\n"
                + wang.code() + ",2026-10-01,900,tea set\n"
                + wang.code() + ",2026-11-01 15:30,300,\n"
                + alice.code() + ",2026-11-02,60.5,\n", StandardCharsets.UTF_8);
        return new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(f);
    }

    private ImportUndoService undo() {
        return ctx.services().get(ImportUndoService.class);
    }

    private int count(org.jooq.Table<?> table) {
        return ctx.database().dsl().fetchCount(table);
    }

    @Test
    void undoRemovesThePurchasesWithTheirPointsAndPutsTotalsAndTiersBack() throws IOException {
        Tier before = ctx.membership().tierOf(wang.id());
        int balance = ctx.membership().balance(wang.id());
        BigDecimal spend = ctx.membership().totals(wang.id()).last12Months();
        int purchases = count(PURCHASE);
        int points = count(POINT_ENTRY);
        int tierChanges = count(TIER_CHANGE);
        var memberships = ctx.database().dsl().selectFrom(CUSTOMER_MEMBERSHIP).orderBy(CUSTOMER_MEMBERSHIP.CUSTOMER_ID).fetch();

        assertThat(importPurchases().imported()).isEqualTo(3);
        assertThat(ctx.membership().tierOf(wang.id()).position()).isGreaterThan(before.position()); // 1,320 spent: Silver
        var last = undo().last().orElseThrow();
        assertThat(last.kind()).isEqualTo(app.regulars.customer.ImportRepository.Kind.PURCHASES);
        assertThat(last.added()).isEqualTo(3);

        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.removed()).isEqualTo(3);
        assertThat(outcome.describe(EN)).startsWith("The import of till.csv (")
                .endsWith("is undone: the 3 purchases it added are removed with their points, and totals and tiers are as they were before it.");

        assertThat(count(PURCHASE)).isEqualTo(purchases);
        assertThat(count(POINT_ENTRY)).isEqualTo(points);
        assertThat(count(TIER_CHANGE)).isEqualTo(tierChanges);
        assertThat(ctx.membership().tierOf(wang.id())).isEqualTo(before);
        assertThat(ctx.membership().balance(wang.id())).isEqualTo(balance);
        assertThat(ctx.membership().totals(wang.id()).last12Months()).isEqualByComparingTo(spend);
        assertThat(ctx.database().dsl().selectFrom(CUSTOMER_MEMBERSHIP).orderBy(CUSTOMER_MEMBERSHIP.CUSTOMER_ID).fetch())
                .isEqualTo(memberships);
        assertThat(ctx.membership().purchases(wang.id(), 10)).extracting(Purchase::note).containsExactly("before");
    }

    @Test
    void undoIsRefusedOnceAPointOfItsCustomersIsSpentOrAPurchaseIsAdded() throws IOException {
        importPurchases();
        ctx.membership().recordPurchase(alice.id(), TestStores.TODAY.atTime(16, 0), new BigDecimal("10"), null);
        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).endsWith("Alice Smith (" + alice.code() + ") has a purchase recorded after it.");
        assertThat(ctx.membership().purchases(wang.id(), 10)).hasSize(3);
    }

    @Test
    void aVoidOfAnImportedPurchaseStopsTheUndo() throws IOException {
        importPurchases();
        Purchase tea = ctx.membership().purchases(wang.id(), 10).stream().filter(p -> "tea set".equals(p.note())).findFirst().orElseThrow();
        ctx.membership().voidPurchase(tea.id(), "returned");
        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).contains("王小明 (" + wang.code() + ") has a change of points recorded after it.");
    }

    @Test
    void aCustomerImportBeforeIsNoLongerTheLastImport() throws IOException {
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, "name,phone\n李雷,139 0000 1111\n", StandardCharsets.UTF_8);
        new app.regulars.customer.CustomerCsvImporter(ctx.customers()).importFile(customers, app.regulars.tables.Progress.NONE, () -> false);
        importPurchases();
        assertThat(undo().undoLast().done()).isTrue();
        assertThat(undo().last().orElseThrow().kind()).isEqualTo(app.regulars.customer.ImportRepository.Kind.PURCHASES);
        assertThat(ctx.customers().search("李雷", null, false, CustomerSort.NAME, true)).hasSize(1); // its import is forgotten
        assertThat(List.of(undo().last().orElseThrow().undone())).containsExactly(true);
    }

    @Test
    void aMergeOfACustomerWithImportedPurchasesStopsTheUndo() throws IOException {
        importPurchases();
        // Alice, with an imported purchase, is merged into a customer who was there before: her purchase is now theirs.
        Customer keeper = ctx.customers().save(Customer.builder().name("Alice Smith (shop)").build());
        app.regulars.customer.MergeService merges = ctx.services().get(app.regulars.customer.MergeService.class);
        merges.merge(merges.plan(keeper.id(), List.of(alice.id())), app.regulars.customer.MergeRecord.Source.WINDOW, EN);
        int purchases = count(PURCHASE);

        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).endsWith("Alice Smith (shop) (" + keeper.code() + ") has a merge recorded after it.");
        assertThat(count(PURCHASE)).isEqualTo(purchases);
    }
}

package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histories that break naive formulas: none, one customer, everyone on one day, zero
 * amounts, voided and future purchases. A clear state in words, never NaN or Infinity.
 */
class InsightBadInputTest {
    @TempDir
    Path dir;

    static final LocalDate D = TestStores.TODAY;

    InsightSnapshot snapshot(AppContext ctx) {
        return ctx.services().get(InsightService.class).snapshot(D, InsightSettings.DEFAULTS);
    }

    static void buy(AppContext ctx, long customer, LocalDate day, String amount) {
        ctx.membership().recordPurchase(customer, day.atTime(10, 0), new BigDecimal(amount), null);
    }

    static void assertFinite(InsightSnapshot s) {
        for (CustomerInsight c : s.customers()) {
            if (c.prediction() != null) {
                assertThat(List.of(c.prediction().pAlive(), c.prediction().expectedPurchases(), c.prediction().expectedSpend(),
                        c.prediction().clv())).allMatch(Double::isFinite);
            }
            assertThat(c.r()).isBetween(1, 5);
            assertThat(c.metrics().meanRepeatSpend()).isFinite();
        }
    }

    @Test
    void noPurchasesAtAllIsNotEnoughHistoryAndEveryCustomerAProspect() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            InsightSnapshot s = snapshot(ctx);
            assertThat(s.customers()).isEmpty();
            assertThat(s.prospects()).isEqualTo(3); // the archived one left out
            assertThat(s.model()).isInstanceOf(CustomerModel.NotEnoughHistory.class);
            assertThat(ModelText.describe(s.model(), new Messages(Locale.ENGLISH)))
                    .isEqualTo("Not enough history yet: no customer has bought on more than one day; at least 50 are needed. "
                            + "Stages and value classes follow the rules alone.");
            assertThat(ModelText.describe(s.model(), new Messages(Locale.SIMPLIFIED_CHINESE))).startsWith("历史数据还不够：有重复购买的顾客 0 位");
            KpiReport r = ctx.services().get(InsightService.class).kpis(Period.month(2026, 11), D, InsightSettings.DEFAULTS, 12);
            assertThat(r.months()).hasSize(12).allSatisfy(m -> assertThat(m.values().values()).allMatch(Double::isFinite));
        }
    }

    @Test
    void oneCustomerEveryoneOnOneDayZeroAmountsVoidedAndFuturePurchases() {
        try (AppContext ctx = TestStores.open(dir)) {
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(ctx.customers().save(Customer.builder().name("Customer " + i).build()).id());
            }
            for (long id : ids) {
                buy(ctx, id, D.minusDays(10), "0.00"); // everyone on one day, nothing spent
            }
            var voided = ctx.membership().recordPurchase(ids.get(0), D.minusDays(3).atTime(9, 0), new BigDecimal("50.00"), null);
            ctx.membership().voidPurchase(voided.id(), "mistake");
            buy(ctx, ids.get(1), D.plusDays(5), "20.00"); // a purchase dated in the future
            InsightSnapshot s = snapshot(ctx);
            assertThat(s.customers()).hasSize(60).allSatisfy(c -> {
                assertThat(c.metrics().frequency()).isEqualTo(1);
                assertThat(c.metrics().monetary()).isEqualByComparingTo("0");
                assertThat(c.lifecycle()).isEqualTo(Lifecycle.NEW);
                assertThat(c.segment()).isEqualTo(Segment.GENERAL_WINBACK); // all alike: nobody above the mean
            });
            assertThat(s.model()).isInstanceOf(CustomerModel.NotEnoughHistory.class);
            assertFinite(s);

            // Fifty-five of them come back on two more days, still spending nothing.
            for (long id : ids.subList(0, 55)) {
                buy(ctx, id, D.minusDays(6), "0.00");
                buy(ctx, id, D.minusDays(2), "0.00");
            }
            InsightSnapshot again = snapshot(ctx);
            assertThat(again.model()).as("repeaters, but none with a positive spend")
                    .isInstanceOfSatisfying(CustomerModel.NotEnoughHistory.class,
                            t -> assertThat(t.shortfall()).isEqualTo(CustomerModel.Shortfall.REPEAT_CUSTOMERS_WITH_SPEND));
            assertFinite(again);
        }
    }

    @Test
    void theCommandLineWritesNoNaNForAThinHistory() throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            long one = ctx.customers().save(Customer.builder().name("Only one").build()).id();
            buy(ctx, one, D.minusDays(40), "12.00");
            buy(ctx, one, D.minusDays(1), "8.00");
        }
        Path csv = dir.resolveSibling(dir.getFileName() + "-thin.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, out, err, "insights", "customers", "--out", csv.toString())).isZero();
        assertThat(err.toString()).contains("Not enough history yet: 1 customer has bought on more than one day");
        String text = Files.readString(csv);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(text.lines().toList().get(1)).endsWith(",,,,"); // the model's columns empty
        out = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, out, err, "insights", "kpis")).isZero();
        assertThat(out.toString()).doesNotContain("NaN").doesNotContain("Infinity");
    }
}

package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KpiTest {
    @TempDir
    Path dir;
    AppContext ctx;
    InsightService insights;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        insights = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    long customer(String name) {
        return ctx.customers().save(Customer.builder().name(name).build()).id();
    }

    void buy(long customer, String day, String amount) {
        ctx.membership().recordPurchase(customer, LocalDate.parse(day).atTime(12, 0), new BigDecimal(amount), null);
    }

    @Test
    void keyFiguresAreKeptUntilTheDataChanges() {
        long a = customer("甲");
        buy(a, "2026-11-02", "50.00");
        KpiReport first = insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12);
        assertThat(insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12)).isSameAs(first);
        assertThat(insights.kpis(Period.month(2026, 10), TestStores.TODAY, InsightSettings.DEFAULTS, 12)).isNotSameAs(first);
        assertThat(insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12)).as("still kept").isSameAs(first);
        buy(a, "2026-11-03", "20.00");
        KpiReport after = insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12);
        assertThat(after).isNotSameAs(first);
        assertThat(after.current().get(Kpi.REVENUE)).isEqualTo(70.0);
    }

    @Test
    void aFollowUpReadsOnlyTheFiguresOfFollowUpsAndSurveysAgainAndLeavesTheSnapshotCurrent() {
        long a = customer("甲");
        buy(a, "2026-11-02", "50.00");
        InsightSnapshot snapshot = insights.snapshot(TestStores.TODAY, InsightSettings.DEFAULTS);
        KpiReport first = insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12);
        assertThat(first.current().get(Kpi.FOLLOWUPS_ON_TIME)).as("nothing due yet").isNull();

        ctx.followUps().schedule(app.regulars.followup.FollowUp.planned(a, app.regulars.followup.FollowUpKind.VISIT, "送新茶样品",
                LocalDate.of(2026, 11, 20).atTime(10, 0)));
        assertThat(insights.stale()).as("a follow-up changes nothing the snapshot is made of").isFalse();
        assertThat(insights.snapshot(TestStores.TODAY, InsightSettings.DEFAULTS)).isSameAs(snapshot);
        KpiReport after = insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12);
        assertThat(after.current().get(Kpi.FOLLOWUPS_ON_TIME)).as("one due, not done").isZero();
        assertThat(after.current().get(Kpi.REVENUE)).isEqualTo(50.0);
        assertThat(after.months()).as("the purchases' figures kept, not read again").isSameAs(first.months());

        buy(a, "2026-11-03", "20.00");
        assertThat(insights.stale()).isTrue();
        assertThat(insights.snapshot(TestStores.TODAY, InsightSettings.DEFAULTS)).isNotSameAs(snapshot);
        KpiReport bought = insights.kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS, 12);
        assertThat(bought.current().get(Kpi.REVENUE)).isEqualTo(70.0);
        assertThat(bought.current().get(Kpi.FOLLOWUPS_ON_TIME)).isZero();
        assertThat(bought.months()).isNotSameAs(first.months());
    }

    @Test
    void purchaseFiguresFollowTheirFormulas() {
        long a = customer("A");
        long b = customer("B");
        long c = customer("C");
        long d = customer("D");
        // September: A, B and C buy. October: A twice on two days and once more the same day, D for the first time.
        buy(a, "2026-09-03", "10.00");
        buy(b, "2026-09-10", "20.00");
        buy(c, "2026-09-20", "30.00");
        buy(a, "2026-10-02", "40.00");
        buy(a, "2026-10-02", "20.00");
        buy(a, "2026-10-20", "60.00");
        buy(d, "2026-10-25", "80.00");

        KpiReport r = insights.kpis(Period.month(2026, 10), TestStores.TODAY, InsightSettings.DEFAULTS);
        KpiValues oct = r.current();
        assertThat(oct.get(Kpi.ACTIVE_CUSTOMERS)).isEqualTo(2.0);
        assertThat(oct.get(Kpi.NEW_CUSTOMERS)).isEqualTo(1.0);
        assertThat(oct.get(Kpi.REPURCHASE_RATE)).isEqualTo(50.0); // A has 2 purchase days of the 2 active
        assertThat(oct.get(Kpi.CHURN_RATE)).isCloseTo(200.0 / 3, within(1e-9)); // B and C of A, B, C
        assertThat(oct.get(Kpi.RETENTION_RATE)).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(oct.get(Kpi.REVENUE)).isEqualTo(200.0);
        assertThat(oct.get(Kpi.AVERAGE_ORDER_VALUE)).isEqualTo(50.0); // 200 over 4 purchases
        assertThat(oct.get(Kpi.AVERAGE_ORDER_VALUE_GROWTH)).isEqualTo(150.0); // from 20
        assertThat(oct.get(Kpi.PURCHASES_PER_CUSTOMER)).isEqualTo(2.0);
        assertThat(r.previous().get(Kpi.NEW_CUSTOMERS)).isEqualTo(3.0);
        assertThat(r.previous().get(Kpi.CHURN_RATE)).as("nobody bought in August").isNull();
        assertThat(r.yearEarlier().get(Kpi.ACTIVE_CUSTOMERS)).isZero();
        assertThat(r.yearEarlier().get(Kpi.REPURCHASE_RATE)).isNull();
        assertThat(r.meets(Kpi.REPURCHASE_RATE)).isTrue();
        assertThat(r.meets(Kpi.CHURN_RATE)).isFalse();
        assertThat(r.meets(Kpi.REVENUE)).isNull();
    }

    @Test
    void anEmptyShopHasNoRatesAndNoNaN() {
        KpiReport r = insights.kpis(Period.year(2026), TestStores.TODAY, InsightSettings.DEFAULTS);
        assertThat(r.current().period().end()).as("this year so far").isEqualTo(TestStores.TODAY);
        assertThat(r.current().values()).containsOnlyKeys(Kpi.ACTIVE_CUSTOMERS, Kpi.NEW_CUSTOMERS, Kpi.REVENUE, Kpi.COMPLAINTS);
        assertThat(r.current().values().values()).allMatch(v -> v == 0.0);
    }

    @Test
    void periodsParseAndStepBack() {
        assertThat(Period.parse("2026-11")).isEqualTo(Period.month(2026, 11));
        assertThat(Period.parse("2026-Q4").previous()).isEqualTo(Period.quarter(2026, 3));
        assertThat(Period.parse("2026").yearEarlier()).isEqualTo(Period.year(2025));
        assertThat(Period.month(2026, 3).previous().end()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(Period.days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10)).previous())
                .isEqualTo(Period.days(LocalDate.of(2026, 10, 22), LocalDate.of(2026, 10, 31)));
        assertThat(Period.parse("2026-Q4").code()).isEqualTo("2026-Q4");
        assertThatThrownBy(() -> Period.parse("2026-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("next month")).isInstanceOf(IllegalArgumentException.class);
    }
}

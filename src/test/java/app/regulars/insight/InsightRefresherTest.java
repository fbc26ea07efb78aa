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

import static org.assertj.core.api.Assertions.assertThat;

/** The results are recomputed once the data changed and went quiet, and asking again then reads nothing. */
class InsightRefresherTest {
    @TempDir
    Path dir;
    AppContext ctx;
    InsightService insights;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        insights = ctx.services().get(InsightService.class);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void recomputesAfterAChangeOnceNoWriteCameForATick() {
        InsightRefresher refresher = new InsightRefresher(insights, () -> InsightSettings.DEFAULTS);
        refresher.tick();
        refresher.tick();
        assertThat(insights.stale()).isFalse();
        KpiReport before = insights.kpis(Period.containing(Period.Kind.MONTH, TestStores.TODAY), TestStores.TODAY,
                InsightSettings.DEFAULTS, InsightsViewModel.TREND_MONTHS);

        long wang = ctx.customers().save(Customer.builder().name("王小明").build()).id();
        ctx.membership().recordPurchase(wang, TestStores.TODAY.atTime(9, 0), new BigDecimal("30.00"), null);
        assertThat(insights.stale()).isTrue();
        refresher.tick(); // the data just changed: wait for a quiet tick
        assertThat(insights.stale()).isTrue();
        refresher.tick();
        assertThat(insights.stale()).isFalse();

        KpiReport after = insights.kpis(Period.containing(Period.Kind.MONTH, TestStores.TODAY), TestStores.TODAY,
                InsightSettings.DEFAULTS, InsightsViewModel.TREND_MONTHS);
        assertThat(after).isNotSameAs(before);
        assertThat(after.current().get(Kpi.REVENUE)).isEqualTo(30.0);
        assertThat(insights.kpis(Period.containing(Period.Kind.MONTH, TestStores.TODAY), TestStores.TODAY,
                InsightSettings.DEFAULTS, InsightsViewModel.TREND_MONTHS)).as("kept until the data changes").isSameAs(after);
        refresher.close();
    }

    @Test
    void theRecomputingGoesToTheLaneGivenOnceAtATime() {
        java.util.List<Runnable> lane = new java.util.ArrayList<>();
        InsightRefresher refresher = new InsightRefresher(insights, () -> InsightSettings.DEFAULTS, lane::add);
        refresher.tick();
        refresher.tick();
        refresher.tick();
        assertThat(lane).as("queued on the lane, not computed on the timer's thread; not twice").hasSize(1);
        assertThat(insights.stale()).isTrue();
        lane.removeFirst().run();
        assertThat(insights.stale()).isFalse();
        refresher.tick();
        assertThat(lane).as("nothing changed since").isEmpty();
        refresher.close();
    }
}

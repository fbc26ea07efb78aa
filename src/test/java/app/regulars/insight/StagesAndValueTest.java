package app.regulars.insight;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class StagesAndValueTest {
    static final LocalDate D = LocalDate.of(2026, 11, 23);
    static final InsightSettings S = InsightSettings.DEFAULTS;

    /** {@code days} purchase days {@code gap} days apart, the last {@code recency} days before D. */
    static CustomerMetrics history(int days, int gap, int recency) {
        LocalDate last = D.minusDays(recency);
        return new CustomerMetrics(1, last.minusDays((long) gap * (days - 1)), last, recency, days, days,
                BigDecimal.valueOf(days * 1000L, 2), days > 1 ? (double) gap : null, BigDecimal.valueOf((days - 1) * 1000L, 2));
    }

    @Test
    void lifecycleFollowsTheDocumentedRulesInOrder() {
        assertThat(Lifecycle.of(null, null, S)).isEqualTo(Lifecycle.PROSPECT);
        assertThat(Lifecycle.of(history(1, 0, 30), null, S)).isEqualTo(Lifecycle.NEW);
        assertThat(Lifecycle.of(history(2, 40, 20), 0.05, S)).as("new beats a low P(alive)").isEqualTo(Lifecycle.NEW);
        assertThat(Lifecycle.of(history(3, 60, 10), 0.05, S)).isEqualTo(Lifecycle.CHURNED);
        assertThat(Lifecycle.of(history(3, 60, 400), null, S)).as("no model: a year without a purchase").isEqualTo(Lifecycle.CHURNED);
        assertThat(Lifecycle.of(history(3, 21, 64), 0.9, S)).as("usually every 21 days, now 64").isEqualTo(Lifecycle.DECLINING);
        assertThat(Lifecycle.of(history(3, 60, 30), 0.3, S)).isEqualTo(Lifecycle.DECLINING);
        assertThat(Lifecycle.of(history(3, 60, 30), 0.9, S)).isEqualTo(Lifecycle.GROWING);
        assertThat(Lifecycle.of(history(6, 30, 20), 0.9, S)).isEqualTo(Lifecycle.MATURE);
    }

    @Test
    void valueClassesSplitTwentyThirtyFiftyAndTiesShareAClass() {
        double[] values = new double[10];
        for (int i = 0; i < 10; i++) {
            values[i] = i + 1; // 1 .. 10
        }
        ValueClass.Ranking r = new ValueClass.Ranking(values, S);
        assertThat(r.of(10)).isEqualTo(ValueClass.CORE);
        assertThat(r.of(9)).isEqualTo(ValueClass.CORE);
        assertThat(r.of(8)).isEqualTo(ValueClass.IMPORTANT);
        assertThat(r.of(6)).isEqualTo(ValueClass.IMPORTANT);
        assertThat(r.of(5)).isEqualTo(ValueClass.GENERAL);
        ValueClass.Ranking same = new ValueClass.Ranking(new double[] {3, 3, 3, 3}, S);
        assertThat(same.of(3)).isEqualTo(ValueClass.CORE);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InsightSettings(0, 52, 100, 0, 90, 5, 2.0, 0.1, 0.5, 365, 20, 30, 0, 0, 5, 40, 90))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFixedRuleClassesByYearlySpendAndAYearAsACustomer() {
        InsightSettings rule = new InsightSettings(0, 52, 100, 0, 90, 5, 2.0, 0.5, 0.1, 365, 20, 30, 5000, 1000, 5, 40, 90);
        assertThat(rule.valueBySpend()).isTrue();
        assertThat(ValueClass.bySpend(6000, 400, rule)).isEqualTo(ValueClass.CORE);
        assertThat(ValueClass.bySpend(6000, 200, rule)).as("a big spender of less than a year").isEqualTo(ValueClass.IMPORTANT);
        assertThat(ValueClass.bySpend(1000, 900, rule)).isEqualTo(ValueClass.IMPORTANT);
        assertThat(ValueClass.bySpend(999.99, 900, rule)).isEqualTo(ValueClass.GENERAL);
        assertThat(InsightSettings.DEFAULTS.valueBySpend()).isFalse();
    }
}

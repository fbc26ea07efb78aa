package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.membership.MembershipService;
import app.regulars.membership.Purchase;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMetricsTest {
    static final LocalDate D = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;
    AppContext ctx;
    InsightService insights;
    MembershipService membership;
    CustomerService customers;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        customers = ctx.customers();
        membership = ctx.membership();
        insights = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    long customer(String name) {
        return customers.save(Customer.builder().name(name).build()).id();
    }

    Purchase buy(long customer, String day, String amount) {
        return membership.recordPurchase(customer, LocalDate.parse(day).atTime(11, 0), new BigDecimal(amount), null);
    }

    Map<Long, CustomerMetrics> metrics(LocalDate asOf) {
        return insights.metrics(asOf, null).stream().collect(Collectors.toMap(CustomerMetrics::customerId, Function.identity()));
    }

    @Test
    void severalPurchasesOnOneDayAreOneVisit() {
        long wang = customer("王小明");
        buy(wang, "2026-10-01", "30.00");
        membership.recordPurchase(wang, LocalDateTime.of(2026, 10, 1, 17, 30), new BigDecimal("20.00"), null);
        buy(wang, "2026-10-15", "50.00");
        buy(wang, "2026-11-12", "100.00");

        CustomerMetrics m = metrics(D).get(wang);
        assertThat(m.frequency()).isEqualTo(3);
        assertThat(m.purchases()).isEqualTo(4);
        assertThat(m.monetary()).isEqualByComparingTo("200.00");
        assertThat(m.averageOrderValue()).isEqualByComparingTo("50.00");
        assertThat(m.firstDay()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(m.lastDay()).isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(m.recencyDays()).isEqualTo(11);
        assertThat(m.usualIntervalDays()).isEqualTo(21.0); // gaps 14 and 28
        assertThat(m.meanRepeatSpend()).isEqualTo(75.0); // the first day's 50 left out
    }

    @Test
    void voidedPurchasesAndThoseAfterTheDateDoNotCount() {
        long wang = customer("王小明");
        long li = customer("李娜");
        buy(wang, "2026-09-01", "10.00");
        membership.voidPurchase(buy(wang, "2026-10-01", "99.00").id(), "typo");
        buy(li, "2026-11-30", "10.00");

        Map<Long, CustomerMetrics> all = metrics(D);
        assertThat(all).containsOnlyKeys(wang);
        assertThat(all.get(wang).frequency()).isEqualTo(1);
        assertThat(all.get(wang).usualIntervalDays()).isNull();
        assertThat(all.get(wang).meanRepeatSpend()).isZero();
        assertThat(metrics(LocalDate.of(2026, 8, 31))).isEmpty();
    }

    @Test
    void aWindowOfMonthsLeavesOlderPurchasesOut() {
        long wang = customer("王小明");
        buy(wang, "2025-01-10", "10.00");
        buy(wang, "2026-10-01", "20.00");
        CustomerMetrics m = insights.metrics(D, 12).getFirst();
        assertThat(m.frequency()).isEqualTo(1);
        assertThat(m.firstDay()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void rfmScoresFollowTheRankFormulaAndTiesShareAScore() {
        // Frequencies 1, 1, 2, 3, 5 over N = 5: strictly worse k = 0, 0, 2, 3, 4 → 1, 1, 3, 4, 5.
        List<CustomerMetrics> five = List.of(history(1, 1, 40), history(2, 1, 40), history(3, 2, 10), history(4, 3, 10), history(5, 5, 1));
        RfmScores scores = new RfmScores(five);
        assertThat(five.stream().map(scores::f).toList()).containsExactly(1, 1, 3, 4, 5);
        // Recency: more days is worse. 40, 40, 10, 10, 1 → k = 0, 0, 2, 2, 4 → 1, 1, 3, 3, 5.
        assertThat(five.stream().map(scores::r).toList()).containsExactly(1, 1, 3, 3, 5);
        assertThat(scores.meanF()).isEqualTo(14 / 5.0);
        // The best on every count is "important value"; the worst "general win-back".
        assertThat(scores.segment(five.get(4))).isEqualTo(Segment.IMPORTANT_VALUE);
        assertThat(scores.segment(five.get(0))).isEqualTo(Segment.GENERAL_WINBACK);
    }

    @Test
    void oneCustomerOrEveryoneAlikeGetsScoreOneAndNoSegmentIsHigh() {
        List<CustomerMetrics> same = List.of(history(1, 2, 5), history(2, 2, 5), history(3, 2, 5));
        RfmScores scores = new RfmScores(same);
        for (CustomerMetrics c : same) {
            assertThat(List.of(scores.r(c), scores.f(c), scores.m(c))).containsOnly(1);
            assertThat(scores.segment(c)).isEqualTo(Segment.GENERAL_WINBACK);
        }
        RfmScores none = new RfmScores(List.of());
        assertThat(none.size()).isZero();
        assertThat(none.meanR()).isZero();
    }

    /** A customer with {@code days} purchase days of 10.00 each, the last {@code recency} days before D. */
    static CustomerMetrics history(long id, int days, int recency) {
        LocalDate last = D.minusDays(recency);
        return new CustomerMetrics(id, last.minusDays(7L * (days - 1)), last, recency, days, days,
                BigDecimal.valueOf(days * 1000L, 2), days > 1 ? 7.0 : null, BigDecimal.valueOf((days - 1) * 1000L, 2));
    }
}

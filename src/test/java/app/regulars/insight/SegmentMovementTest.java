package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentMovementTest {
    @TempDir
    Path dir;

    static CustomerInsight customer(long id, Segment segment) {
        LocalDate day = LocalDate.of(2026, 1, 1);
        CustomerMetrics m = new CustomerMetrics(id, day, day, 10, 1, 1, BigDecimal.TEN, null, BigDecimal.ZERO);
        return new CustomerInsight(m, 3, 3, 3, segment, Lifecycle.GROWING, ValueClass.GENERAL, null);
    }

    static InsightSnapshot snapshot(LocalDate asOf, CustomerInsight... customers) {
        return new InsightSnapshot(asOf, InsightSettings.DEFAULTS, List.of(customers), 0, null, 0);
    }

    @Test
    void countsEachCustomerFromTheirEarlierSegmentToTheirLaterOne() {
        LocalDate from = LocalDate.of(2026, 10, 31);
        LocalDate to = LocalDate.of(2026, 11, 30);
        InsightSnapshot before = snapshot(from, customer(1, Segment.IMPORTANT_VALUE), customer(2, Segment.IMPORTANT_VALUE),
                customer(3, Segment.GENERAL_DEVELOPMENT), customer(4, Segment.GENERAL_WINBACK));
        InsightSnapshot after = snapshot(to, customer(1, Segment.IMPORTANT_VALUE), customer(2, Segment.IMPORTANT_RETENTION),
                customer(3, Segment.GENERAL_VALUE), customer(5, Segment.GENERAL_DEVELOPMENT));

        SegmentMovement m = SegmentMovement.between(before, after);

        assertThat(m.from()).isEqualTo(from);
        assertThat(m.to()).isEqualTo(to);
        assertThat(m.count(Segment.IMPORTANT_VALUE, Segment.IMPORTANT_VALUE)).isEqualTo(1);
        assertThat(m.count(Segment.IMPORTANT_VALUE, Segment.IMPORTANT_RETENTION)).isEqualTo(1);
        assertThat(m.count(Segment.GENERAL_DEVELOPMENT, Segment.GENERAL_VALUE)).isEqualTo(1);
        assertThat(m.moved()).isEqualTo(2);
        assertThat(m.stayed()).isEqualTo(1);
        assertThat(m.arrived()[Segment.GENERAL_DEVELOPMENT.ordinal()]).as("customer 5 had no purchase on the 31st").isEqualTo(1);
        assertThat(m.left()[Segment.GENERAL_WINBACK.ordinal()]).as("customer 4 is gone (archived)").isEqualTo(1);
    }

    @Test
    void theServiceComparesTheEndsOfThePreviousAndThisPeriodAndKeepsThePagesSnapshot() {
        try (AppContext ctx = TestStores.open(dir)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(ctx.customers().save(Customer.builder().name("C" + i).build()).id());
            }
            for (int i = 0; i < 10; i++) {
                buy(ctx, ids.get(i), LocalDate.of(2026, 3 + i % 6, 1 + i), String.valueOf(10 + 10 * i));
                if (i % 3 == 0) {
                    buy(ctx, ids.get(i), LocalDate.of(2026, 9, 1 + i), "15");
                }
            }
            // November: two old customers come back, two new ones arrive.
            buy(ctx, ids.get(1), LocalDate.of(2026, 11, 3), "200");
            buy(ctx, ids.get(2), LocalDate.of(2026, 11, 5), "300");
            buy(ctx, ids.get(10), LocalDate.of(2026, 11, 7), "50");
            buy(ctx, ids.get(11), LocalDate.of(2026, 11, 9), "60");

            InsightService insights = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
            InsightSnapshot today = insights.snapshot(TestStores.TODAY, InsightSettings.DEFAULTS);
            SegmentMovement m = insights.segmentMovement(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS);

            assertThat(m.from()).isEqualTo(LocalDate.of(2026, 10, 31));
            assertThat(m.to()).as("this month so far").isEqualTo(TestStores.TODAY);
            int[] arrived = m.arrived();
            assertThat(java.util.Arrays.stream(arrived).sum()).isEqualTo(2);
            assertThat(java.util.Arrays.stream(m.left()).sum()).isZero();
            assertThat(m.moved() + m.stayed()).isEqualTo(10);
            assertThat(m.count(Segment.GENERAL_WINBACK, Segment.IMPORTANT_DEVELOPMENT)
                    + m.count(Segment.GENERAL_WINBACK, Segment.IMPORTANT_VALUE)
                    + m.count(Segment.GENERAL_RETENTION, Segment.IMPORTANT_VALUE)
                    + m.count(Segment.GENERAL_WINBACK, Segment.GENERAL_DEVELOPMENT)
                    + m.count(Segment.GENERAL_WINBACK, Segment.IMPORTANT_RETENTION)).as("the two who came back moved").isPositive();
            assertThat(m.moved()).isPositive();
            assertThat(insights.snapshot(TestStores.TODAY, InsightSettings.DEFAULTS)).as("the page's snapshot is still kept").isSameAs(today);
        }
    }

    static void buy(AppContext ctx, long customer, LocalDate day, String amount) {
        ctx.membership().recordPurchase(customer, day.atTime(12, 0), new BigDecimal(amount), null);
    }
}

package app.regulars.insight;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The insights held in columns: each row read back is the record the numbers make. */
class InsightTableTest {
    static final LocalDate D = LocalDate.of(2026, 11, 23);

    private static HistoryReader read() {
        HistoryReader reader = new HistoryReader();
        // Customer 30: days 0, 1 and 3 (gaps 1 and 2: a median of 1.5), two purchases on day 1.
        reader.accept(30, D.minusDays(20).atTime(9, 0), new BigDecimal("10.00"));
        reader.accept(7, D.minusDays(19).atTime(9, 0), new BigDecimal("5.50"));
        reader.accept(30, D.minusDays(19).atTime(10, 0), new BigDecimal("20.25"));
        reader.accept(30, LocalDateTime.of(D.minusDays(19), java.time.LocalTime.NOON), new BigDecimal("1.00"));
        reader.accept(30, D.minusDays(17).atTime(9, 0), new BigDecimal("-3.00"));
        // Customer 5_000_000_000: one day, two purchases; customers 1 to 2,000 one purchase each (the hash table grows).
        reader.accept(5_000_000_000L, D.minusDays(2).atTime(9, 0), new BigDecimal("0.01"));
        reader.accept(5_000_000_000L, D.minusDays(2).atTime(18, 0), new BigDecimal("0.02"));
        for (long id = 2_000; id >= 1000; id--) {
            reader.accept(id, D.minusDays(1).atTime(9, 0), new BigDecimal("1.00"));
        }
        return reader;
    }

    @Test
    void theMetricsComeBackAsRecordsInIdOrder() {
        List<CustomerMetrics> all = read().metrics(D);
        assertThat(all).hasSize(1_004);
        assertThat(all.stream().mapToLong(CustomerMetrics::customerId).toArray()).isSorted();
        CustomerMetrics thirty = all.get(1);
        assertThat(thirty).isEqualTo(new CustomerMetrics(30, D.minusDays(20), D.minusDays(17), 17, 3, 4,
                new BigDecimal("28.25"), 1.5, new BigDecimal("18.25")));
        assertThat(all.getFirst()).isEqualTo(new CustomerMetrics(7, D.minusDays(19), D.minusDays(19), 19, 1, 1,
                new BigDecimal("5.50"), null, new BigDecimal("0.00")));
        assertThat(all.getLast()).isEqualTo(new CustomerMetrics(5_000_000_000L, D.minusDays(2), D.minusDays(2), 2, 1, 2,
                new BigDecimal("0.03"), null, new BigDecimal("0.00")));
        assertThatThrownBy(() -> all.get(1_004)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aFilteredTableKeepsTheRowsAskedFor() {
        MetricsTable table = read().table(D).filter(id -> id < 1000 || id > 1999);
        assertThat(table.size()).isEqualTo(4);
        assertThat(table.indexOf(30)).isEqualTo(1);
        assertThat(table.indexOf(1500)).isNegative();
        assertThat(table.get(2)).isEqualTo(read().table(D).get(read().table(D).indexOf(2000)));
        assertThat(table.monetaryCents(1)).isEqualTo(2825);
    }

    @Test
    void rowsReadBackAsTheInsightsSetAndAnyIdIsFound() {
        MetricsTable metrics = read().table(D);
        InsightTable table = new InsightTable(metrics);
        Prediction p = new Prediction(0.25, 1.5, 12.5, 18.75);
        for (int i = 0; i < table.size(); i++) {
            table.setPrediction(i, i % 2 == 0 ? p : null);
            table.setScores(i, 1 + i % 5, 5, 3, Segment.values()[i % Segment.values().length], Lifecycle.values()[i % 6],
                    ValueClass.values()[i % 3]);
        }
        CustomerInsight thirty = table.find(30);
        assertThat(thirty).isEqualTo(new CustomerInsight(metrics.get(1), 2, 5, 3, Segment.values()[1], Lifecycle.values()[1],
                ValueClass.values()[1], null));
        assertThat(table.find(7).prediction()).isEqualTo(p);
        assertThat(table.find(7).customerId()).isEqualTo(7);
        assertThat(table.clv(0)).isEqualTo(18.75);
        assertThat(table.clv(1)).isNaN();
        assertThat(table.find(31)).isNull();
        assertThat(table.get(table.size() - 1).customerId()).isEqualTo(5_000_000_000L);

        InsightSnapshot snapshot = new InsightSnapshot(D, InsightSettings.DEFAULTS, table, 0, null, 0);
        assertThat(snapshot.of(1234)).isEqualTo(table.get(metrics.indexOf(1234)));
        assertThat(snapshot.has(1234)).isTrue();
        assertThat(snapshot.has(999)).isFalse();
        InsightSnapshot listed = new InsightSnapshot(D, InsightSettings.DEFAULTS, List.of(thirty), 0, null, 0);
        assertThat(listed.of(30)).isSameAs(thirty);
        assertThat(listed.has(7)).isFalse();

        // The counts and the class test read the columns; the same customers as records give the same.
        InsightSnapshot records = new InsightSnapshot(D, InsightSettings.DEFAULTS, List.copyOf(table), 3, null, 0);
        assertThat(snapshot.segmentCounts()).isEqualTo(records.segmentCounts());
        assertThat(snapshot.lifecycleCounts()).isEqualTo(new InsightSnapshot(D, InsightSettings.DEFAULTS, List.copyOf(table), 0, null, 0).lifecycleCounts());
        assertThat(records.lifecycleCounts().get(Lifecycle.PROSPECT)).isEqualTo(3 + snapshot.lifecycleCounts().get(Lifecycle.PROSPECT));
        assertThat(snapshot.recencyByFrequency()).isDeepEqualTo(records.recencyByFrequency());
        assertThat(snapshot.segmentCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_004);
        assertThat(snapshot.recencyByFrequency()[0][4]).as("R 1, F 5: every fifth row").isEqualTo(201);
        for (long id : new long[] {7, 30, 1234, 1999, 5_000_000_000L, 31}) {
            for (Lifecycle stage : Lifecycle.values()) {
                assertThat(snapshot.is(id, (l, v) -> l == stage)).as("customer %d %s", id, stage)
                        .isEqualTo(records.is(id, (l, v) -> l == stage)).isEqualTo(snapshot.of(id) != null && snapshot.of(id).lifecycle() == stage);
            }
        }
    }
}

package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A range of due times ending at a midnight holds the same follow-ups as {@code due_at < t}, to the
 * microsecond, and on H2 stops at its end instead of reading every follow-up due at that midnight.
 */
class TimeRangeTest {
    @TempDir
    Path dir;

    @Test
    void aRangeEndingAtMidnightHoldsTheSameRowsAndReadsNoneOfTheNextDays() {
        try (AppContext context = TestStores.open(dir)) {
            long customer = context.customers().save(Customer.builder().name("Customer").build()).id();
            LocalDateTime midnight = TestStores.TODAY.atStartOfDay();
            List<LocalDateTime> dues = List.of(midnight.minusDays(1), midnight.minusNanos(1_000), midnight.minusNanos(2_000),
                    midnight, midnight, midnight.plusNanos(1_000));
            context.database().write(cfg -> {
                var insert = cfg.dsl().insertInto(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID, FOLLOW_UP.KIND, FOLLOW_UP.TITLE, FOLLOW_UP.DUE_AT,
                        FOLLOW_UP.ALL_DAY, FOLLOW_UP.STATUS, FOLLOW_UP.CREATED_AT, FOLLOW_UP.UPDATED_AT);
                for (LocalDateTime due : dues) {
                    insert = insert.values(customer, "CHECK_IN", "Check-in", due, false, "PLANNED", midnight, midnight);
                }
                for (int i = 0; i < 200; i++) { // the next day's check-ins, all at its start
                    insert = insert.values(customer, "CHECK_IN", "Check-in " + i, midnight, true, "PLANNED", midnight, midnight);
                }
                return insert.execute();
            });
            DSLContext dsl = context.database().dsl();
            LocalDateTime from = midnight.minusDays(1);
            assertThat(dsl.fetchCount(FOLLOW_UP, TimeRange.within(FOLLOW_UP.DUE_AT, from, midnight)))
                    .isEqualTo(dsl.fetchCount(FOLLOW_UP, FOLLOW_UP.DUE_AT.ge(from).and(FOLLOW_UP.DUE_AT.lt(midnight))))
                    .isEqualTo(3);
            assertThat(dsl.fetchCount(FOLLOW_UP, TimeRange.before(FOLLOW_UP.DUE_AT, midnight.plusNanos(1_000))))
                    .isEqualTo(dsl.fetchCount(FOLLOW_UP, FOLLOW_UP.DUE_AT.lt(midnight.plusNanos(1_000))))
                    .isEqualTo(205);
            if (!TestStores.onPostgres()) {
                // H2 counts the index entries it read: the three of the range and the one after its end
                String sql = dsl.select(FOLLOW_UP.ID).from(FOLLOW_UP).where(TimeRange.within(FOLLOW_UP.DUE_AT, from, midnight))
                        .getSQL(org.jooq.conf.ParamType.INLINED);
                Record plan = dsl.fetchOne("EXPLAIN ANALYZE " + sql);
                assertThat(plan.get(0, String.class)).as("with due_at < midnight H2 read the 202 due at midnight too").contains("scanCount: 4 ");
            }
        }
    }
}

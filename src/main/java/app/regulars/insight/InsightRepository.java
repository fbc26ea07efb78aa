package app.regulars.insight;

import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record3;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static app.regulars.store.jooq.Tables.PURCHASE;

/**
 * Reads the purchase history back for the insights. The purchases are streamed in time order
 * from the covering index {@code ix_purchase_at (purchased_at, customer_id, voided, points,
 * amount)}: no table rows are read and a million purchases never sit in memory at once.
 */
public final class InsightRepository {
    /** Receives one purchase at a time, oldest first. */
    @FunctionalInterface
    public interface PurchaseSink {
        void accept(long customerId, LocalDateTime at, BigDecimal amount);
    }

    /**
     * Every purchase that is not voided, on or after {@code from} (null: all history) and on or
     * before the day {@code asOf}, in time order.
     */
    public void forEachPurchase(DSLContext dsl, LocalDate from, LocalDate asOf, PurchaseSink sink) {
        var condition = PURCHASE.VOIDED.isFalse().and(PURCHASE.PURCHASED_AT.lt(asOf.plusDays(1).atStartOfDay()));
        if (from != null) {
            condition = condition.and(PURCHASE.PURCHASED_AT.ge(from.atStartOfDay()));
        }
        try (Cursor<Record3<LocalDateTime, Long, BigDecimal>> rows = dsl
                .select(PURCHASE.PURCHASED_AT, PURCHASE.CUSTOMER_ID, PURCHASE.AMOUNT)
                .from(PURCHASE)
                .where(condition)
                .orderBy(PURCHASE.PURCHASED_AT)
                .fetchSize(5000)
                .fetchLazy()) {
            for (Record3<LocalDateTime, Long, BigDecimal> r : rows) {
                sink.accept(r.value2(), r.value1(), r.value3());
            }
        }
    }

}

package app.regulars.membership;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.regulars.store.jooq.Tables.COUPON;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;

/**
 * The SQL of {@link MembershipActivity}: where purchases, points and coupons stand, and the
 * customers with one of them since (decision 0024).
 */
final class MembershipActivityRepository {
    /** The highest purchase, point entry and coupon ids, as {@code p,e,c}. */
    String mark(DSLContext dsl) {
        return max(dsl, PURCHASE.ID, PURCHASE) + "," + max(dsl, POINT_ENTRY.ID, POINT_ENTRY) + "," + max(dsl, COUPON.ID, COUPON);
    }

    private static long max(DSLContext dsl, org.jooq.Field<Long> id, org.jooq.Table<?> table) {
        Long v = dsl.select(DSL.max(id)).from(table).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    /**
     * Of {@code ids}, the customers with a purchase, a change of points a person made (a reward,
     * an adjustment, a purchase voided or lowered: not points earned, which come with a purchase,
     * nor points expired, which the program does) or a coupon issued by hand or used, after the
     * mark (null: ever); each with its message key.
     */
    Map<Long, String> since(DSLContext dsl, String mark, Collection<Long> ids) {
        long[] m = {0, 0, 0};
        if (mark != null) {
            String[] parts = mark.split(",");
            for (int i = 0; i < 3 && i < parts.length; i++) {
                m[i] = Long.parseLong(parts[i].strip());
            }
        }
        Map<Long, String> out = new LinkedHashMap<>();
        dsl.selectDistinct(PURCHASE.CUSTOMER_ID).from(PURCHASE).where(PURCHASE.CUSTOMER_ID.in(ids)).and(PURCHASE.ID.gt(m[0]))
                .fetch(PURCHASE.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.purchase"));
        dsl.selectDistinct(POINT_ENTRY.CUSTOMER_ID).from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.in(ids)).and(POINT_ENTRY.ID.gt(m[1]))
                .and(POINT_ENTRY.KIND.in(List.of(PointKind.REDEEMED.name(), PointKind.ADJUSTED.name(), PointKind.REVERSED.name())))
                .fetch(POINT_ENTRY.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.points"));
        Condition byHandOrUsed = COUPON.BIRTHDAY_YEAR.isNull().or(COUPON.REDEEMED_AT.isNotNull());
        dsl.selectDistinct(COUPON.CUSTOMER_ID).from(COUPON).where(COUPON.CUSTOMER_ID.in(ids)).and(COUPON.ID.gt(m[2])).and(byHandOrUsed)
                .fetch(COUPON.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.coupon"));
        return out;
    }
}

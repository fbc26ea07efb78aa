package app.regulars.membership;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.regulars.store.jooq.Tables.COUPON;
import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;

/**
 * Membership's SQL for the undo of an import (decision 0024): where purchases, points and coupons
 * stand and the customers with one of them since ({@link MembershipActivity}); the customers, voids
 * and tier changes of an import of purchases, and its undo ({@link PurchaseImportUndo}).
 */
final class MembershipImportRepository {
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
     * an adjustment, a purchase voided, lowered or raised: not points a new purchase earned, which
     * the purchase stands for, nor points expired, which the program does) or a coupon issued by
     * hand or used, after the mark (null: ever); each with its message key.
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
        // points a person changed: not those a new purchase earned (the purchase counts), nor those expired
        dsl.selectDistinct(POINT_ENTRY.CUSTOMER_ID).from(POINT_ENTRY).where(POINT_ENTRY.CUSTOMER_ID.in(ids)).and(POINT_ENTRY.ID.gt(m[1]))
                .and(POINT_ENTRY.KIND.in(List.of(PointKind.REDEEMED.name(), PointKind.ADJUSTED.name(), PointKind.REVERSED.name()))
                        .or(POINT_ENTRY.KIND.eq(PointKind.EARNED.name()).and(POINT_ENTRY.PURCHASE_ID.le(m[0])))) // an older purchase raised
                .fetch(POINT_ENTRY.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.points"));
        Condition byHandOrUsed = COUPON.BIRTHDAY_YEAR.isNull().or(COUPON.REDEEMED_AT.isNotNull());
        dsl.selectDistinct(COUPON.CUSTOMER_ID).from(COUPON).where(COUPON.CUSTOMER_ID.in(ids)).and(COUPON.ID.gt(m[2])).and(byHandOrUsed)
                .fetch(COUPON.CUSTOMER_ID).forEach(id -> out.putIfAbsent(id, "import.undo.record.coupon"));
        return out;
    }

    // ---- an import of purchases ----

    /** The customers with a purchase among ids {@code (after, upTo]}. */
    List<Long> customersOfPurchases(DSLContext dsl, long after, long upTo) {
        return dsl.selectDistinct(PURCHASE.CUSTOMER_ID).from(PURCHASE).where(PURCHASE.ID.gt(after)).and(PURCHASE.ID.le(upTo))
                .fetch(PURCHASE.CUSTOMER_ID);
    }

    /** The customer of the first purchase among ids {@code (after, upTo]} that was voided since, if any. */
    java.util.Optional<Long> voidedAmong(DSLContext dsl, long after, long upTo) {
        return dsl.select(PURCHASE.CUSTOMER_ID).from(PURCHASE).where(PURCHASE.ID.gt(after)).and(PURCHASE.ID.le(upTo))
                .and(PURCHASE.VOIDED.isTrue()).orderBy(PURCHASE.ID).limit(1).fetchOptional(PURCHASE.CUSTOMER_ID);
    }

    /** The first of these customers whose tier changed after tier change {@code after}, if any. */
    java.util.Optional<Long> tierChangedAfter(DSLContext dsl, long after, Collection<Long> ids) {
        return dsl.select(TIER_CHANGE.CUSTOMER_ID).from(TIER_CHANGE).where(TIER_CHANGE.ID.gt(after)).and(TIER_CHANGE.CUSTOMER_ID.in(ids))
                .orderBy(TIER_CHANGE.ID).limit(1).fetchOptional(TIER_CHANGE.CUSTOMER_ID);
    }

    /** The highest tier change id (0 for none). */
    long maxTierChange(DSLContext dsl) {
        return max(dsl, TIER_CHANGE.ID, TIER_CHANGE);
    }

    /**
     * Undoes an import of purchases (ids {@code (after, upTo]}) in the caller's transaction: its
     * purchases come off the running 12-month totals (those still in the window, the window moved
     * to today first), the customers it moved to another tier (its tier changes
     * {@code (tierFrom, tierTo]}) go back to the tier before, since the change before it (or since
     * they became customers), and those tier changes go; then its purchases and the points they
     * earned are deleted. Returns how many purchases.
     */
    int undoPurchases(DSLContext dsl, TierRepository tiers, LocalDateTime now, long after, long upTo, long tierFrom, long tierTo) {
        tiers.alignAndEnsure(dsl, now);
        LocalDateTime window = TierRepository.storedWindow(dsl, false);
        TierRepository.addSums(dsl, PURCHASE.ID.gt(after).and(PURCHASE.ID.le(upTo)).and(PURCHASE.PURCHASED_AT.ge(window)), -1);
        var c = TIER_CHANGE.as("c");
        var p = TIER_CHANGE.as("p");
        var m = CUSTOMER_MEMBERSHIP;
        Condition imported = c.CUSTOMER_ID.eq(m.CUSTOMER_ID).and(c.ID.gt(tierFrom)).and(c.ID.le(tierTo));
        dsl.update(m)
                .set(m.TIER_ID, DSL.field(DSL.select(c.FROM_TIER_ID).from(c).where(imported)))
                .set(m.TIER_SINCE, DSL.coalesce(
                        DSL.field(DSL.select(DSL.max(p.CHANGED_AT)).from(p).where(p.CUSTOMER_ID.eq(m.CUSTOMER_ID)).and(p.ID.le(tierFrom))),
                        DSL.field(DSL.select(CUSTOMER.CREATED_AT).from(CUSTOMER).where(CUSTOMER.ID.eq(m.CUSTOMER_ID)))))
                .where(DSL.exists(DSL.selectOne().from(c).where(imported).and(c.FROM_TIER_ID.isNotNull())))
                .execute();
        dsl.deleteFrom(TIER_CHANGE).where(TIER_CHANGE.ID.gt(tierFrom)).and(TIER_CHANGE.ID.le(tierTo)).execute();
        dsl.deleteFrom(POINT_ENTRY).where(POINT_ENTRY.PURCHASE_ID.gt(after)).and(POINT_ENTRY.PURCHASE_ID.le(upTo)).execute();
        return dsl.deleteFrom(PURCHASE).where(PURCHASE.ID.gt(after)).and(PURCHASE.ID.le(upTo)).execute();
    }
}

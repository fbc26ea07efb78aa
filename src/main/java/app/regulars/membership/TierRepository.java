package app.regulars.membership;

import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;

/**
 * Places customers in tiers, set-based: one statement ensures every customer has a
 * membership row, one INSERT ... SELECT aggregates each customer's 12-month points or spend,
 * picks the highest tier whose threshold it reaches and writes a history row for each
 * customer whose tier changes, and one UPDATE moves those customers. The same statements
 * serve one customer (after a purchase) and everyone ("tiers evaluate").
 */
public final class TierRepository {
    private final MembershipSettings settings;

    public TierRepository(MembershipSettings settings) {
        this.settings = settings;
    }

    /** The first moment counted in "the last 12 months" on {@code today}. */
    public LocalDateTime windowStart(LocalDate today) {
        return today.minusYears(1).plusDays(1).atStartOfDay();
    }

    /**
     * Re-evaluates one customer ({@code customerId}) or all (null); returns how many changed
     * tier. The purchases of the window are grouped once (the driving table of the join), so
     * the cost is one pass over the window's purchases plus a primary-key lookup per
     * customer who bought; customers without purchases in the window are checked only when
     * they are above the lowest tier.
     */
    public int evaluate(DSLContext dsl, Long customerId, LocalDateTime now, TierChangeReason reason) {
        TierRule rule = settings.rule();
        LocalDateTime from = windowStart(now.toLocalDate());
        long lowest = dsl.select(MEMBER_TIER.ID).from(MEMBER_TIER).orderBy(MEMBER_TIER.POSITION).limit(1).fetchOne(MEMBER_TIER.ID);
        String oneC = customerId == null ? "" : " AND c.id = " + customerId;
        String oneP = customerId == null ? "" : " AND p.customer_id = " + customerId;
        String oneM = customerId == null ? "" : " AND m.customer_id = " + customerId;
        dsl.execute("INSERT INTO customer_membership (customer_id, tier_id, tier_since) SELECT c.id, ?, ? FROM customer c"
                + " WHERE NOT EXISTS (SELECT 1 FROM customer_membership x WHERE x.customer_id = c.id)" + oneC, lowest, now);
        Long maxId = dsl.select(org.jooq.impl.DSL.max(TIER_CHANGE.ID)).from(TIER_CHANGE).fetchOne(0, Long.class);
        long after = maxId == null ? 0 : maxId;
        String measure = rule == TierRule.POINTS_12_MONTHS ? "p.points" : "p.amount";
        int changed = dsl.execute("INSERT INTO tier_change (customer_id, from_tier_id, to_tier_id, from_name, to_name, changed_at, reason, basis)"
                + " SELECT m.customer_id, m.tier_id, nt.id, ot.name, nt.name, ?, ?, s.basis"
                + " FROM (SELECT p.customer_id, SUM(" + measure + ") AS basis FROM purchase p"
                + "       WHERE p.voided = FALSE AND p.purchased_at >= ?" + oneP + " GROUP BY p.customer_id) s"
                + " JOIN customer_membership m ON m.customer_id = s.customer_id"
                + " JOIN member_tier ot ON ot.id = m.tier_id"
                + " JOIN member_tier nt ON nt.position = (SELECT MAX(t.position) FROM member_tier t WHERE t.threshold <= s.basis)"
                + " WHERE nt.id <> m.tier_id", now, reason.name(), from);
        changed += dsl.execute("INSERT INTO tier_change (customer_id, from_tier_id, to_tier_id, from_name, to_name, changed_at, reason, basis)"
                + " SELECT m.customer_id, m.tier_id, lt.id, ot.name, lt.name, ?, ?, 0"
                + " FROM customer_membership m JOIN member_tier ot ON ot.id = m.tier_id JOIN member_tier lt ON lt.id = ?"
                + " WHERE m.tier_id <> ?" + oneM
                + " AND NOT EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = m.customer_id AND p.voided = FALSE AND p.purchased_at >= ?)",
                now, reason.name(), lowest, lowest, from);
        if (changed > 0) {
            dsl.execute("MERGE INTO customer_membership m USING (SELECT customer_id, to_tier_id FROM tier_change WHERE id > ?) c"
                    + " ON m.customer_id = c.customer_id WHEN MATCHED THEN UPDATE SET m.tier_id = c.to_tier_id, m.tier_since = ?", after, now);
        }
        return changed;
    }

    /** A customer's upgrades and downgrades, newest first. */
    public List<TierChange> history(DSLContext dsl, long customerId) {
        var from = MEMBER_TIER.as("f");
        var to = MEMBER_TIER.as("t");
        return dsl.select(TIER_CHANGE.CHANGED_AT, TIER_CHANGE.FROM_NAME, TIER_CHANGE.TO_NAME, from.POSITION, to.POSITION,
                        TIER_CHANGE.REASON, TIER_CHANGE.BASIS, from.NAME_KEY, to.NAME_KEY)
                .from(TIER_CHANGE)
                .leftJoin(from).on(from.ID.eq(TIER_CHANGE.FROM_TIER_ID))
                .leftJoin(to).on(to.ID.eq(TIER_CHANGE.TO_TIER_ID))
                .where(TIER_CHANGE.CUSTOMER_ID.eq(customerId))
                .orderBy(TIER_CHANGE.CHANGED_AT.desc(), TIER_CHANGE.ID.desc())
                .fetch(r -> new TierChange(r.value1(), r.value2(), r.value3(),
                        r.value4() == null || r.value5() == null || r.value5() > r.value4(),
                        TierChangeReason.valueOf(r.value6()), r.value7() == null ? BigDecimal.ZERO : r.value7()));
    }
}

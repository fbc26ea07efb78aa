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

    /** The SQL expression of one customer's basis (alias m = customer_membership). */
    public String basisSql(TierRule rule) {
        String measure = rule == TierRule.POINTS_12_MONTHS ? "p.points" : "p.amount";
        return "COALESCE((SELECT SUM(" + measure + ") FROM purchase p WHERE p.customer_id = m.customer_id"
                + " AND p.voided = FALSE AND p.purchased_at >= ?), 0)";
    }

    /** Re-evaluates one customer ({@code customerId}) or all (null); returns how many changed tier. */
    public int evaluate(DSLContext dsl, Long customerId, LocalDateTime now, TierChangeReason reason) {
        TierRule rule = settings.rule();
        LocalDateTime from = windowStart(now.toLocalDate());
        long lowest = dsl.select(MEMBER_TIER.ID).from(MEMBER_TIER).orderBy(MEMBER_TIER.POSITION).limit(1).fetchOne(MEMBER_TIER.ID);
        String one = customerId == null ? "" : " AND c.id = " + customerId;
        dsl.execute("INSERT INTO customer_membership (customer_id, tier_id, tier_since) SELECT c.id, ?, ? FROM customer c"
                + " WHERE NOT EXISTS (SELECT 1 FROM customer_membership x WHERE x.customer_id = c.id)" + one, lowest, now);
        Long maxId = dsl.select(org.jooq.impl.DSL.max(TIER_CHANGE.ID)).from(TIER_CHANGE).fetchOne(0, Long.class);
        long after = maxId == null ? 0 : maxId;
        String only = customerId == null ? "" : " WHERE m.customer_id = " + customerId;
        int changed = dsl.execute("INSERT INTO tier_change (customer_id, from_tier_id, to_tier_id, from_name, to_name, changed_at, reason, basis)"
                + " SELECT b.customer_id, b.tier_id, nt.id, ot.name, nt.name, ?, ?, b.basis"
                + " FROM (SELECT m.customer_id, m.tier_id, " + basisSql(rule) + " AS basis FROM customer_membership m" + only + ") b"
                + " JOIN member_tier ot ON ot.id = b.tier_id"
                + " JOIN member_tier nt ON nt.position = (SELECT MAX(t.position) FROM member_tier t WHERE t.threshold <= b.basis)"
                + " WHERE nt.id <> b.tier_id", now, reason.name(), from);
        if (changed > 0) {
            dsl.execute("UPDATE customer_membership m SET tier_since = ?, tier_id = (SELECT tc.to_tier_id FROM tier_change tc"
                    + " WHERE tc.customer_id = m.customer_id AND tc.id > ?)"
                    + " WHERE m.customer_id IN (SELECT tc2.customer_id FROM tier_change tc2 WHERE tc2.id > ?)", now, after, after);
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

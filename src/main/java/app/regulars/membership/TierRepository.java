package app.regulars.membership;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.MEMBERSHIP_WINDOW;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.TIER_CHANGE;

/**
 * Places customers in tiers from running totals (decision 0006). Each membership row keeps
 * the customer's points and spend of the last 12 months ({@code points_12m}, {@code spend_12m},
 * counted from {@code membership_window.window_from}); every purchase, edit and void recounts
 * its customer in the same transaction, an import adds its purchases' sums, and when the window moves on
 * (a new day) the purchases that left it are subtracted: an indexed {@code purchased_at}
 * range, about a day's purchases. Placing everyone then reads one row per customer instead
 * of grouping every purchase of the year, and writes a history row for each customer whose
 * tier changes. The same statements serve one customer (after a purchase) and everyone.
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

    /** Whether the stored totals already count the window of {@code today} (then {@link #align} has nothing to do). */
    public boolean aligned(DSLContext dsl, LocalDate today) {
        return windowStart(today).equals(storedWindow(dsl, false));
    }

    /**
     * Moves the stored totals to the window of {@code today} and returns its start. Going
     * forward, the purchases between the old and the new start are subtracted; going back (the
     * clock was set back) they are added again. The window row is locked first, so two
     * transactions never move it twice.
     */
    public LocalDateTime align(DSLContext dsl, LocalDate today) {
        LocalDateTime wanted = windowStart(today);
        if (wanted.equals(storedWindow(dsl, false))) {
            return wanted;
        }
        LocalDateTime stored = storedWindow(dsl, true);
        if (!wanted.equals(stored)) {
            boolean forward = wanted.isAfter(stored);
            String sign = forward ? "-" : "+";
            dsl.execute("MERGE INTO customer_membership m USING (SELECT p.customer_id, SUM(p.points) AS pts, SUM(p.amount) AS amt"
                    + "   FROM purchase p WHERE p.voided = FALSE AND p.purchased_at >= ? AND p.purchased_at < ? GROUP BY p.customer_id) d"
                    + " ON m.customer_id = d.customer_id"
                    + " WHEN MATCHED THEN UPDATE SET m.points_12m = m.points_12m " + sign + " d.pts, m.spend_12m = m.spend_12m " + sign + " d.amt",
                    forward ? stored : wanted, forward ? wanted : stored);
            dsl.update(MEMBERSHIP_WINDOW).set(MEMBERSHIP_WINDOW.WINDOW_FROM, wanted).where(MEMBERSHIP_WINDOW.ID.eq(1)).execute();
        }
        return wanted;
    }

    private static LocalDateTime storedWindow(DSLContext dsl, boolean lock) {
        var select = dsl.select(MEMBERSHIP_WINDOW.WINDOW_FROM).from(MEMBERSHIP_WINDOW).where(MEMBERSHIP_WINDOW.ID.eq(1));
        return lock ? select.forUpdate().fetchOne(MEMBERSHIP_WINDOW.WINDOW_FROM) : select.fetchOne(MEMBERSHIP_WINDOW.WINDOW_FROM);
    }

    /**
     * Re-evaluates one customer ({@code customerId}, after a purchase, edit or void: the
     * customer's totals are recounted) or all (null); returns how many changed tier.
     */
    public int evaluate(DSLContext dsl, Long customerId, LocalDateTime now, TierChangeReason reason) {
        LocalDateTime from = align(dsl, now.toLocalDate());
        ensureMembers(dsl, customerId, now);
        if (customerId != null) {
            dsl.execute("UPDATE customer_membership m SET " + recount(customerId) + " WHERE m.customer_id = ?", from, from, customerId);
        }
        return place(dsl, customerId, now, reason);
    }

    /**
     * Re-evaluates everyone after an import prepared by {@link #alignAndEnsure}: adds the
     * purchases after {@code afterPurchaseId} that fall in the window (a primary-key range,
     * grouped) to their customers' totals, then places everyone. (Recounting the touched
     * customers instead took 18 s for 20,000 purchases of 3,000 new customers: H2 planned the
     * correlated sums on the stale row counts of the fresh table.)
     */
    public int evaluateAfterImport(DSLContext dsl, long afterPurchaseId, LocalDateTime now) {
        LocalDateTime from = storedWindow(dsl, false);
        dsl.execute("MERGE INTO customer_membership m USING (SELECT p.customer_id, SUM(p.points) AS pts, SUM(p.amount) AS amt"
                + "   FROM purchase p WHERE p.id > ? AND p.voided = FALSE AND p.purchased_at >= ? GROUP BY p.customer_id) d"
                + " ON m.customer_id = d.customer_id"
                + " WHEN MATCHED THEN UPDATE SET m.points_12m = m.points_12m + d.pts, m.spend_12m = m.spend_12m + d.amt",
                afterPurchaseId, from);
        return place(dsl, null, now, TierChangeReason.PURCHASE);
    }

    /**
     * Recounts every customer's totals from all purchases (one grouping of the whole table,
     * seconds at a million purchases), then places everyone: for a store whose purchases were
     * changed outside the program.
     */
    public int rebuild(DSLContext dsl, LocalDateTime now, TierChangeReason reason) {
        LocalDateTime from = windowStart(now.toLocalDate());
        storedWindow(dsl, true);
        dsl.update(MEMBERSHIP_WINDOW).set(MEMBERSHIP_WINDOW.WINDOW_FROM, from).where(MEMBERSHIP_WINDOW.ID.eq(1)).execute();
        ensureMembers(dsl, null, now);
        dsl.execute("UPDATE customer_membership SET points_12m = 0, spend_12m = 0 WHERE points_12m <> 0 OR spend_12m <> 0");
        dsl.execute("MERGE INTO customer_membership m USING (SELECT p.customer_id, SUM(p.points) AS pts, SUM(p.amount) AS amt"
                + "   FROM purchase p WHERE p.voided = FALSE AND p.purchased_at >= ? GROUP BY p.customer_id) d"
                + " ON m.customer_id = d.customer_id WHEN MATCHED THEN UPDATE SET m.points_12m = d.pts, m.spend_12m = d.amt", from);
        return place(dsl, null, now, reason);
    }

    /** The SET clause that recounts a customer's totals from the window start (two parameters). */
    private static String recount(long customer) {
        return "points_12m = COALESCE((SELECT SUM(p.points) FROM purchase p WHERE p.customer_id = " + customer
                + " AND p.voided = FALSE AND p.purchased_at >= ?), 0),"
                + " spend_12m = COALESCE((SELECT SUM(p.amount) FROM purchase p WHERE p.customer_id = " + customer
                + " AND p.voided = FALSE AND p.purchased_at >= ?), 0)";
    }

    /** Whether every customer has a membership row: each row belongs to a customer (foreign key); H2 counts a table at once. */
    public boolean everyoneHasMembership(DSLContext dsl) {
        return dsl.fetchCount(CUSTOMER_MEMBERSHIP) == dsl.fetchCount(CUSTOMER);
    }

    /**
     * Moves the totals to today's window and gives every customer a membership row: before the
     * member lists are read, and before an import's purchases are inserted (then the totals are
     * right for all purchases so far and {@link #evaluateAfterImport} only adds the new ones).
     */
    public void alignAndEnsure(DSLContext dsl, LocalDateTime now) {
        align(dsl, now.toLocalDate());
        ensureMembers(dsl, null, now);
    }

    /**
     * Gives customers without a membership row one in the lowest tier, with zero totals. That
     * is right: a customer's purchases are only written by {@link MembershipService}, which
     * makes the row first (imports: {@link #alignAndEnsure}) or recounts the customer after
     * ({@link #evaluate} with an id); V005 counted the purchases made before it. (Counting
     * each new row's purchases here would be a correlated sum per customer, which H2 may plan
     * as a scan of the window's purchases per customer.)
     */
    private void ensureMembers(DSLContext dsl, Long customerId, LocalDateTime now) {
        if (customerId == null && everyoneHasMembership(dsl)) {
            return;
        }
        long lowest = dsl.select(MEMBER_TIER.ID).from(MEMBER_TIER).orderBy(MEMBER_TIER.POSITION).limit(1).fetchOne(MEMBER_TIER.ID);
        String one = customerId == null ? "" : " AND c.id = " + customerId;
        dsl.execute("INSERT INTO customer_membership (customer_id, tier_id, tier_since, points_12m, spend_12m)"
                + " SELECT c.id, ?, ?, 0, 0 FROM customer c"
                + " WHERE NOT EXISTS (SELECT 1 FROM customer_membership x WHERE x.customer_id = c.id)" + one, lowest, now);
    }

    /**
     * Writes a history row for every customer (or the one) whose totals put them in another
     * tier, then moves them. The tier of a basis is a CASE over the (few) thresholds, so this
     * is one pass over the membership rows. (An index on (tier_id, basis) would let it read
     * only those who move, but every change of a total would then also rewrite an index
     * entry: moving the window a month took twice as long with it. Decision 0006.)
     */
    private int place(DSLContext dsl, Long customerId, LocalDateTime now, TierChangeReason reason) {
        String basis = settings.rule() == TierRule.POINTS_12_MONTHS ? "m.points_12m" : "m.spend_12m";
        List<Record2<Long, BigDecimal>> tiers = dsl.select(MEMBER_TIER.ID, MEMBER_TIER.THRESHOLD).from(MEMBER_TIER)
                .orderBy(MEMBER_TIER.POSITION.desc()).fetch();
        StringBuilder tierOf = new StringBuilder("CASE");
        for (int i = 0; i < tiers.size() - 1; i++) {
            tierOf.append(" WHEN ").append(basis).append(" >= ").append(tiers.get(i).value2().toPlainString())
                    .append(" THEN ").append(tiers.get(i).value1().longValue());
        }
        tierOf.append(" ELSE ").append(tiers.get(tiers.size() - 1).value1().longValue()).append(" END");
        Long maxId = dsl.select(DSL.max(TIER_CHANGE.ID)).from(TIER_CHANGE).fetchOne(0, Long.class);
        long after = maxId == null ? 0 : maxId;
        int changed = dsl.execute("INSERT INTO tier_change (customer_id, from_tier_id, to_tier_id, from_name, to_name, changed_at, reason, basis)"
                + " SELECT m.customer_id, m.tier_id, nt.id, ot.name, nt.name, ?, ?, " + basis
                + " FROM customer_membership m"
                + " JOIN member_tier ot ON ot.id = m.tier_id"
                + " JOIN member_tier nt ON nt.id = " + tierOf
                + " WHERE m.tier_id <> " + tierOf + (customerId == null ? "" : " AND m.customer_id = " + customerId),
                now, reason.name());
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

package app.regulars.membership;

import app.regulars.store.jooq.tables.CustomerMembership;
import app.regulars.store.jooq.tables.MemberTier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.MEMBERSHIP_WINDOW;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.PURCHASE;
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
            Condition between = PURCHASE.PURCHASED_AT.ge(forward ? stored : wanted).and(PURCHASE.PURCHASED_AT.lt(forward ? wanted : stored));
            addSums(dsl, between, forward ? -1 : 1);
            dsl.update(MEMBERSHIP_WINDOW).set(MEMBERSHIP_WINDOW.WINDOW_FROM, wanted).where(MEMBERSHIP_WINDOW.ID.eq(1)).execute();
        }
        return wanted;
    }

    static LocalDateTime storedWindow(DSLContext dsl, boolean lock) {
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
            dsl.update(CUSTOMER_MEMBERSHIP)
                    .set(CUSTOMER_MEMBERSHIP.POINTS_12M, windowSum(PURCHASE.POINTS, customerId, from).coerce(SQLDataType.BIGINT))
                    .set(CUSTOMER_MEMBERSHIP.SPEND_12M, windowSum(PURCHASE.AMOUNT, customerId, from))
                    .where(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(customerId))
                    .execute();
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
        addSums(dsl, PURCHASE.ID.gt(afterPurchaseId).and(PURCHASE.PURCHASED_AT.ge(from)), 1);
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
        dsl.update(CUSTOMER_MEMBERSHIP).set(CUSTOMER_MEMBERSHIP.POINTS_12M, 0L).set(CUSTOMER_MEMBERSHIP.SPEND_12M, BigDecimal.ZERO)
                .where(CUSTOMER_MEMBERSHIP.POINTS_12M.ne(0L).or(CUSTOMER_MEMBERSHIP.SPEND_12M.ne(BigDecimal.ZERO)))
                .execute();
        addSums(dsl, PURCHASE.PURCHASED_AT.ge(from), 0);
        return place(dsl, null, now, reason);
    }

    /**
     * Adds ({@code sign} 1), subtracts (-1) or sets (0) each customer's sums of the unvoided
     * purchases that meet {@code purchases}: one grouping, merged into the membership rows.
     */
    static void addSums(DSLContext dsl, Condition purchases, int sign) {
        Field<BigDecimal> pointsSum = DSL.sum(PURCHASE.POINTS).as("pts");
        Field<BigDecimal> amountSum = DSL.sum(PURCHASE.AMOUNT).as("amt");
        Table<?> d = dsl.select(PURCHASE.CUSTOMER_ID, pointsSum, amountSum).from(PURCHASE)
                .where(purchases.and(PURCHASE.VOIDED.isFalse()))
                .groupBy(PURCHASE.CUSTOMER_ID)
                .asTable("d");
        Field<Long> pts = d.field(pointsSum).coerce(SQLDataType.BIGINT);
        Field<BigDecimal> amt = d.field(amountSum);
        CustomerMembership m = CUSTOMER_MEMBERSHIP;
        dsl.mergeInto(m).using(d).on(m.CUSTOMER_ID.eq(d.field(PURCHASE.CUSTOMER_ID)))
                .whenMatchedThenUpdate()
                .set(m.POINTS_12M, sign == 0 ? pts : sign > 0 ? m.POINTS_12M.plus(pts) : m.POINTS_12M.minus(pts))
                .set(m.SPEND_12M, sign == 0 ? amt : sign > 0 ? m.SPEND_12M.plus(amt) : m.SPEND_12M.minus(amt))
                .execute();
    }

    /** A customer's sum of {@code measure} over the unvoided purchases from {@code from}, 0 without any. */
    private static Field<BigDecimal> windowSum(Field<? extends Number> measure, long customerId, LocalDateTime from) {
        return DSL.coalesce(DSL.field(DSL.select(DSL.sum(measure)).from(PURCHASE)
                .where(PURCHASE.CUSTOMER_ID.eq(customerId).and(PURCHASE.VOIDED.isFalse()).and(PURCHASE.PURCHASED_AT.ge(from)))),
                DSL.inline(BigDecimal.ZERO));
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
        CustomerMembership x = CUSTOMER_MEMBERSHIP.as("x");
        dsl.insertInto(CUSTOMER_MEMBERSHIP, CUSTOMER_MEMBERSHIP.CUSTOMER_ID, CUSTOMER_MEMBERSHIP.TIER_ID, CUSTOMER_MEMBERSHIP.TIER_SINCE,
                        CUSTOMER_MEMBERSHIP.POINTS_12M, CUSTOMER_MEMBERSHIP.SPEND_12M)
                .select(dsl.select(CUSTOMER.ID, DSL.val(lowest), DSL.val(now), DSL.inline(0L), DSL.inline(BigDecimal.ZERO))
                        .from(CUSTOMER)
                        .where(DSL.notExists(DSL.selectOne().from(x).where(x.CUSTOMER_ID.eq(CUSTOMER.ID))))
                        .and(customerId == null ? DSL.noCondition() : CUSTOMER.ID.eq(customerId)))
                .execute();
    }

    /**
     * Writes a history row for every customer (or the one) whose totals put them in another
     * tier, then moves them. The tier of a basis is a CASE over the (few) thresholds, so this
     * is one pass over the membership rows. (An index on (tier_id, basis) would let it read
     * only those who move, but every change of a total would then also rewrite an index
     * entry: moving the window a month took twice as long with it. Decision 0006.)
     */
    private int place(DSLContext dsl, Long customerId, LocalDateTime now, TierChangeReason reason) {
        CustomerMembership m = CUSTOMER_MEMBERSHIP;
        Field<BigDecimal> basis = settings.rule() == TierRule.POINTS_12_MONTHS ? m.POINTS_12M.coerce(SQLDataType.DECIMAL) : m.SPEND_12M;
        List<Record2<Long, BigDecimal>> tiers = dsl.select(MEMBER_TIER.ID, MEMBER_TIER.THRESHOLD).from(MEMBER_TIER)
                .orderBy(MEMBER_TIER.POSITION.desc()).fetch();
        // Thresholds and ids inlined: the CASE is part of the join condition, a constant to H2.
        Field<Long> tierOf = DSL.inline(tiers.getLast().value1());
        if (tiers.size() > 1) {
            var when = DSL.when(basis.ge(DSL.inline(tiers.getFirst().value2())), DSL.inline(tiers.getFirst().value1()));
            for (int i = 1; i < tiers.size() - 1; i++) {
                when = when.when(basis.ge(DSL.inline(tiers.get(i).value2())), DSL.inline(tiers.get(i).value1()));
            }
            tierOf = when.otherwise(tierOf);
        }
        Long maxId = dsl.select(DSL.max(TIER_CHANGE.ID)).from(TIER_CHANGE).fetchOne(0, Long.class);
        long after = maxId == null ? 0 : maxId;
        MemberTier ot = MEMBER_TIER.as("ot");
        MemberTier nt = MEMBER_TIER.as("nt");
        int changed = dsl.insertInto(TIER_CHANGE, TIER_CHANGE.CUSTOMER_ID, TIER_CHANGE.FROM_TIER_ID, TIER_CHANGE.TO_TIER_ID,
                        TIER_CHANGE.FROM_NAME, TIER_CHANGE.TO_NAME, TIER_CHANGE.CHANGED_AT, TIER_CHANGE.REASON, TIER_CHANGE.BASIS)
                .select(dsl.select(m.CUSTOMER_ID, m.TIER_ID, nt.ID, ot.NAME, nt.NAME, DSL.val(now), DSL.val(reason.name()), basis)
                        .from(m)
                        .join(ot).on(ot.ID.eq(m.TIER_ID))
                        .join(nt).on(nt.ID.eq(tierOf))
                        .where(m.TIER_ID.ne(tierOf))
                        .and(customerId == null ? DSL.noCondition() : m.CUSTOMER_ID.eq(customerId)))
                .execute();
        if (changed > 0) {
            Table<?> c = dsl.select(TIER_CHANGE.CUSTOMER_ID, TIER_CHANGE.TO_TIER_ID).from(TIER_CHANGE).where(TIER_CHANGE.ID.gt(after)).asTable("c");
            dsl.mergeInto(m).using(c).on(m.CUSTOMER_ID.eq(c.field(TIER_CHANGE.CUSTOMER_ID)))
                    .whenMatchedThenUpdate()
                    .set(m.TIER_ID, c.field(TIER_CHANGE.TO_TIER_ID))
                    .set(m.TIER_SINCE, now)
                    .execute();
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

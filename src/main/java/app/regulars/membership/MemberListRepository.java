package app.regulars.membership;

import app.regulars.store.jooq.tables.MemberTier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.CUSTOMER_MEMBERSHIP;
import static app.regulars.store.jooq.Tables.MEMBER_TIER;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;

/**
 * The member tiers view's lists, from the running 12-month totals of {@link TierRepository}
 * (the caller aligns them to today first), in SQL and capped: members and spend per tier,
 * who is within 10 % of the next tier, who will drop when older purchases leave the 12-month
 * window within 30 days, whose points expire within 30 days.
 */
public final class MemberListRepository {
    /**
     * Constants and limits are inlined ({@link DSL#inline}), as the hand-written statements had
     * them, so H2 plans the same statements as before (benchmark: {@code TierBenchmark}).
     */
    private static final BigDecimal NINETY_PERCENT = new BigDecimal("0.9");

    private final MembershipRepository membership = new MembershipRepository();

    /**
     * Members (active customers) and their spend of the last 12 months per tier, from the
     * running totals (the caller gives every customer a membership row first).
     */
    public List<TierSummary> summary(DSLContext dsl) {
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, BigDecimal> spend = new HashMap<>();
        dsl.select(CUSTOMER_MEMBERSHIP.TIER_ID, DSL.count(), DSL.sum(CUSTOMER_MEMBERSHIP.SPEND_12M))
                .from(CUSTOMER_MEMBERSHIP)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_MEMBERSHIP.CUSTOMER_ID))
                .where(CUSTOMER.ARCHIVED.isFalse())
                .groupBy(CUSTOMER_MEMBERSHIP.TIER_ID)
                .forEach(r -> {
                    counts.put(r.value1(), r.value2());
                    spend.put(r.value1(), r.value3());
                });
        List<TierSummary> out = new ArrayList<>();
        for (Tier t : membership.tiers(dsl)) {
            out.add(new TierSummary(t, counts.getOrDefault(t.id(), 0), spend.getOrDefault(t.id(), BigDecimal.ZERO).setScale(2)));
        }
        return out;
    }

    /** The running total the rule counts, read as a decimal (points are whole numbers). */
    private static Field<BigDecimal> basis(TierRule rule) {
        return rule == TierRule.POINTS_12_MONTHS ? CUSTOMER_MEMBERSHIP.POINTS_12M.coerce(SQLDataType.DECIMAL) : CUSTOMER_MEMBERSHIP.SPEND_12M;
    }

    /** What one purchase adds to that total. */
    private static Field<? extends Number> measure(TierRule rule) {
        return rule == TierRule.POINTS_12_MONTHS ? PURCHASE.POINTS : PURCHASE.AMOUNT;
    }

    /**
     * Customers whose basis (running total) is at least 90 % of the next tier's threshold,
     * closest first.
     */
    public List<MemberRow> closeToNext(DSLContext dsl, TierRule rule, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        Field<BigDecimal> basis = basis(rule);
        MemberTier ct = MEMBER_TIER.as("ct");
        MemberTier nt = MEMBER_TIER.as("nt");
        return dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER_MEMBERSHIP.TIER_ID, basis, nt.THRESHOLD)
                .from(ct)
                .join(nt).on(nt.POSITION.eq(ct.POSITION.plus(DSL.inline(1))))
                .join(CUSTOMER_MEMBERSHIP).on(CUSTOMER_MEMBERSHIP.TIER_ID.eq(ct.ID)
                        .and(basis.ge(nt.THRESHOLD.mul(DSL.inline(NINETY_PERCENT)))).and(basis.lt(nt.THRESHOLD)))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_MEMBERSHIP.CUSTOMER_ID).and(CUSTOMER.ARCHIVED.isFalse()))
                .orderBy(nt.THRESHOLD.minus(basis), CUSTOMER.SORT_NAME)
                .limit(DSL.inline(limit))
                .fetch(r -> new MemberRow(r.value1(), r.value2(), r.value3(), tierOrLowest(tiers, r.value4()),
                        r.value5(), r.value6(), 0, null));
    }

    /**
     * Customers above the lowest tier whose basis, once the purchases from {@code from} (the
     * window's start) to 30 days later have left the window, falls below their tier's
     * threshold: who drops in the next 30 days unless they buy again. Driven by those
     * purchases (an indexed {@code purchased_at} range): a placed customer without any cannot
     * drop. The LEFT JOINs keep H2 from reordering the joins: inner joins let it start from the
     * 100,000 customers and group their purchases one by one (4.1 s instead of 0.4 s).
     */
    public List<MemberRow> aboutToDrop(DSLContext dsl, TierRule rule, LocalDateTime from, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        Table<?> d = dsl.select(PURCHASE.CUSTOMER_ID, DSL.sum(measure(rule)).as("leaving"))
                .from(PURCHASE)
                .where(PURCHASE.VOIDED.isFalse().and(PURCHASE.PURCHASED_AT.ge(from)).and(PURCHASE.PURCHASED_AT.lt(from.plusDays(30))))
                .groupBy(PURCHASE.CUSTOMER_ID)
                .asTable("d");
        Field<Long> leavingCustomer = d.field(PURCHASE.CUSTOMER_ID);
        Field<BigDecimal> left = basis(rule).minus(d.field("leaving", BigDecimal.class));
        MemberTier ct = MEMBER_TIER.as("ct");
        return dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER_MEMBERSHIP.TIER_ID, left.as("basis"), ct.THRESHOLD)
                .from(d)
                .leftJoin(CUSTOMER_MEMBERSHIP).on(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(leavingCustomer))
                .leftJoin(ct).on(ct.ID.eq(CUSTOMER_MEMBERSHIP.TIER_ID))
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_MEMBERSHIP.CUSTOMER_ID))
                .where(ct.POSITION.gt(DSL.inline(0)).and(CUSTOMER.ARCHIVED.isFalse()).and(left.lt(ct.THRESHOLD)))
                .orderBy(ct.POSITION.desc(), CUSTOMER.SORT_NAME)
                .limit(DSL.inline(limit))
                .fetch(r -> new MemberRow(r.value1(), r.value2(), r.value3(), tierOrLowest(tiers, r.value4()),
                        r.value5(), r.value6(), 0, null));
    }

    /** Customers with points expiring from {@code today} to 30 days later, soonest first. */
    public List<MemberRow> expiring(DSLContext dsl, LocalDate today, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        Field<Integer> points = DSL.sum(POINT_ENTRY.REMAINING).cast(SQLDataType.INTEGER).as("pts");
        Field<LocalDate> firstDay = DSL.min(POINT_ENTRY.EXPIRES_ON).as("first_day");
        Table<?> e = dsl.select(POINT_ENTRY.CUSTOMER_ID, points, firstDay)
                .from(POINT_ENTRY)
                .where(POINT_ENTRY.REMAINING.gt(DSL.inline(0)).and(POINT_ENTRY.EXPIRES_ON.between(today, today.plusDays(30))))
                .groupBy(POINT_ENTRY.CUSTOMER_ID)
                .asTable("e");
        Field<LocalDate> first = e.field(firstDay);
        return dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER_MEMBERSHIP.TIER_ID, e.field(points), first)
                .from(e)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(e.field(POINT_ENTRY.CUSTOMER_ID))) // LEFT: the lots drive (see aboutToDrop)
                .leftJoin(CUSTOMER_MEMBERSHIP).on(CUSTOMER_MEMBERSHIP.CUSTOMER_ID.eq(CUSTOMER.ID))
                .where(CUSTOMER.ARCHIVED.isFalse())
                .orderBy(first, CUSTOMER.SORT_NAME)
                .limit(DSL.inline(limit))
                .fetch(r -> new MemberRow(r.value1(), r.value2(), r.value3(), tierOrLowest(tiers, r.value4()),
                        null, null, r.value5(), r.value6()));
    }

    private Map<Long, Tier> tierMap(DSLContext dsl) {
        Map<Long, Tier> m = new LinkedHashMap<>();
        membership.tiers(dsl).forEach(t -> m.put(t.id(), t));
        return m;
    }

    private static Tier tierOrLowest(Map<Long, Tier> tiers, Long id) {
        Tier t = id == null ? null : tiers.get(id);
        return t != null ? t : tiers.values().iterator().next();
    }
}

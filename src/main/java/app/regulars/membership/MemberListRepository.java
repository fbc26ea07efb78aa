package app.regulars.membership;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The member tiers view's lists, from the running 12-month totals of {@link TierRepository}
 * (the caller aligns them to today first), in SQL and capped: members and spend per tier,
 * who is within 10 % of the next tier, who will drop when older purchases leave the 12-month
 * window within 30 days, whose points expire within 30 days.
 */
public final class MemberListRepository {
    private final MembershipRepository membership = new MembershipRepository();

    /**
     * Members (active customers) and their spend of the last 12 months per tier, from the
     * running totals (the caller gives every customer a membership row first).
     */
    public List<TierSummary> summary(DSLContext dsl) {
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, BigDecimal> spend = new HashMap<>();
        dsl.fetch("SELECT m.tier_id, COUNT(*), SUM(m.spend_12m) FROM customer_membership m"
                + " JOIN customer c ON c.id = m.customer_id WHERE c.archived = FALSE GROUP BY m.tier_id")
                .forEach(r -> {
                    counts.put(r.get(0, Long.class), r.get(1, Integer.class));
                    spend.put(r.get(0, Long.class), r.get(2, BigDecimal.class));
                });
        List<TierSummary> out = new ArrayList<>();
        for (Tier t : membership.tiers(dsl)) {
            out.add(new TierSummary(t, counts.getOrDefault(t.id(), 0), spend.getOrDefault(t.id(), BigDecimal.ZERO).setScale(2)));
        }
        return out;
    }

    private static String basis(TierRule rule) {
        return rule == TierRule.POINTS_12_MONTHS ? "m.points_12m" : "m.spend_12m";
    }

    private static String measure(TierRule rule) {
        return rule == TierRule.POINTS_12_MONTHS ? "p.points" : "p.amount";
    }

    /**
     * Customers whose basis (running total) is at least 90 % of the next tier's threshold,
     * closest first.
     */
    public List<MemberRow> closeToNext(DSLContext dsl, TierRule rule, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        String basis = basis(rule);
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, " + basis + ", nt.threshold"
                        + " FROM member_tier ct"
                        + " JOIN member_tier nt ON nt.position = ct.position + 1"
                        + " JOIN customer_membership m ON m.tier_id = ct.id AND " + basis + " >= nt.threshold * 0.9 AND " + basis + " < nt.threshold"
                        + " JOIN customer c ON c.id = m.customer_id AND c.archived = FALSE"
                        + " ORDER BY nt.threshold - " + basis + ", c.sort_name LIMIT " + limit)
                .map(r -> row(r, tiers, 0, null));
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
        String left = basis(rule) + " - d.leaving";
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, " + left + " AS basis, ct.threshold"
                        + " FROM (SELECT p.customer_id, SUM(" + measure(rule) + ") AS leaving FROM purchase p"
                        + "       WHERE p.voided = FALSE AND p.purchased_at >= ? AND p.purchased_at < ? GROUP BY p.customer_id) d"
                        + " LEFT JOIN customer_membership m ON m.customer_id = d.customer_id"
                        + " LEFT JOIN member_tier ct ON ct.id = m.tier_id"
                        + " LEFT JOIN customer c ON c.id = m.customer_id"
                        + " WHERE ct.position > 0 AND c.archived = FALSE AND " + left + " < ct.threshold"
                        + " ORDER BY ct.position DESC, c.sort_name LIMIT " + limit, from, from.plusDays(30))
                .map(r -> row(r, tiers, 0, null));
    }

    /** Customers with points expiring from {@code today} to 30 days later, soonest first. */
    public List<MemberRow> expiring(DSLContext dsl, LocalDate today, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, e.pts, e.first_day"
                        + " FROM (SELECT customer_id, CAST(SUM(remaining) AS INT) AS pts, MIN(expires_on) AS first_day FROM point_entry"
                        + "       WHERE remaining > 0 AND expires_on BETWEEN ? AND ? GROUP BY customer_id) e"
                        + " LEFT JOIN customer c ON c.id = e.customer_id" // LEFT: the lots drive (see aboutToDrop)
                        + " LEFT JOIN customer_membership m ON m.customer_id = c.id"
                        + " WHERE c.archived = FALSE"
                        + " ORDER BY e.first_day, c.sort_name LIMIT " + limit, today, today.plusDays(30))
                .map(r -> new MemberRow(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                        tierOrLowest(tiers, r.get(3, Long.class)), null, null, r.get(4, Integer.class), r.get(5, LocalDate.class)));
    }

    private Map<Long, Tier> tierMap(DSLContext dsl) {
        Map<Long, Tier> m = new java.util.LinkedHashMap<>();
        membership.tiers(dsl).forEach(t -> m.put(t.id(), t));
        return m;
    }

    private static Tier tierOrLowest(Map<Long, Tier> tiers, Long id) {
        Tier t = id == null ? null : tiers.get(id);
        return t != null ? t : tiers.values().iterator().next();
    }

    private static MemberRow row(Record r, Map<Long, Tier> tiers, int points, LocalDate date) {
        return new MemberRow(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class), tierOrLowest(tiers, r.get(3, Long.class)),
                r.get(4, BigDecimal.class), r.get(5, BigDecimal.class), points, date);
    }
}

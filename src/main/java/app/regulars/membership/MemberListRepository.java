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
 * The member tiers view's lists, aggregated in SQL and capped: members and spend per tier,
 * who is within 10 % of the next tier, who will drop when older purchases leave the 12-month
 * window within 30 days, whose points expire within 30 days.
 */
public final class MemberListRepository {
    private final MembershipRepository membership = new MembershipRepository();

    public List<TierSummary> summary(DSLContext dsl, LocalDateTime from) {
        Map<Long, Integer> counts = new HashMap<>();
        dsl.fetch("SELECT m.tier_id, COUNT(*) FROM customer_membership m JOIN customer c ON c.id = m.customer_id"
                + " WHERE c.archived = FALSE GROUP BY m.tier_id").forEach(r -> counts.put(r.get(0, Long.class), r.get(1, Integer.class)));
        Map<Long, BigDecimal> spend = new HashMap<>();
        dsl.fetch("SELECT m.tier_id, SUM(p.amount) FROM purchase p JOIN customer_membership m ON m.customer_id = p.customer_id"
                + " WHERE p.voided = FALSE AND p.purchased_at >= ? GROUP BY m.tier_id", from)
                .forEach(r -> spend.put(r.get(0, Long.class), r.get(1, BigDecimal.class)));
        List<TierSummary> out = new ArrayList<>();
        for (Tier t : membership.tiers(dsl)) {
            out.add(new TierSummary(t, counts.getOrDefault(t.id(), 0), spend.getOrDefault(t.id(), BigDecimal.ZERO).setScale(2)));
        }
        return out;
    }

    private static String measure(TierRule rule) {
        return rule == TierRule.POINTS_12_MONTHS ? "p.points" : "p.amount";
    }

    /** Customers whose basis is at least 90 % of the next tier's threshold, closest first. */
    public List<MemberRow> closeToNext(DSLContext dsl, TierRule rule, LocalDateTime from, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, s.basis, nt.threshold"
                        + " FROM (SELECT p.customer_id, SUM(" + measure(rule) + ") AS basis FROM purchase p"
                        + "       WHERE p.voided = FALSE AND p.purchased_at >= ? GROUP BY p.customer_id) s"
                        + " JOIN customer_membership m ON m.customer_id = s.customer_id"
                        + " JOIN customer c ON c.id = m.customer_id AND c.archived = FALSE"
                        + " JOIN member_tier ct ON ct.id = m.tier_id"
                        + " JOIN member_tier nt ON nt.position = (SELECT MIN(t.position) FROM member_tier t WHERE t.position > ct.position)"
                        + " WHERE s.basis >= nt.threshold * 0.9 AND s.basis < nt.threshold"
                        + " ORDER BY nt.threshold - s.basis, c.sort_name LIMIT " + limit, from)
                .map(r -> row(r, tiers, 0, null));
    }

    /**
     * Customers above the lowest tier whose basis, counted from {@code from} plus 30 days (the
     * window 30 days from now), falls below their tier's threshold.
     */
    public List<MemberRow> aboutToDrop(DSLContext dsl, TierRule rule, LocalDateTime from, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, COALESCE((SELECT SUM(" + measure(rule) + ") FROM purchase p"
                        + "   WHERE p.customer_id = m.customer_id AND p.voided = FALSE AND p.purchased_at >= ?), 0) AS basis, ct.threshold"
                        + " FROM customer_membership m"
                        + " JOIN member_tier ct ON ct.id = m.tier_id AND ct.position > (SELECT MIN(position) FROM member_tier)"
                        + " JOIN customer c ON c.id = m.customer_id AND c.archived = FALSE"
                        + " WHERE COALESCE((SELECT SUM(" + measure(rule) + ") FROM purchase p"
                        + "   WHERE p.customer_id = m.customer_id AND p.voided = FALSE AND p.purchased_at >= ?), 0) < ct.threshold"
                        + " ORDER BY ct.position DESC, c.sort_name LIMIT " + limit, from.plusDays(30), from.plusDays(30))
                .map(r -> row(r, tiers, 0, null));
    }

    /** Customers with points expiring from {@code today} to 30 days later, soonest first. */
    public List<MemberRow> expiring(DSLContext dsl, LocalDate today, int limit) {
        Map<Long, Tier> tiers = tierMap(dsl);
        return dsl.fetch("SELECT c.id, c.code, c.name, m.tier_id, e.pts, e.first_day"
                        + " FROM (SELECT customer_id, CAST(SUM(remaining) AS INT) AS pts, MIN(expires_on) AS first_day FROM point_entry"
                        + "       WHERE remaining > 0 AND expires_on BETWEEN ? AND ? GROUP BY customer_id) e"
                        + " JOIN customer c ON c.id = e.customer_id AND c.archived = FALSE"
                        + " LEFT JOIN customer_membership m ON m.customer_id = c.id"
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

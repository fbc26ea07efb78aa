package app.regulars.insight;

import app.regulars.customer.CustomerRepository;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpStatus;
import app.regulars.store.TimeRange;
import app.regulars.survey.SurveyKind;
import org.jooq.Cursor;
import org.jooq.exception.DataAccessException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.SURVEY;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;

/**
 * Reads the purchase history back for the insights. The purchases are streamed in time order
 * from the covering index {@code ix_purchase_at (purchased_at, customer_id, voided, points,
 * amount)}: no table rows are read and a million purchases never sit in memory at once.
 */
public final class InsightRepository {
    /**
     * The tables that the history's reads look at ({@link #forEachPurchase}, {@link
     * #archivedCustomers}, {@link #activeCustomers}, {@link #activeCustomerIds}): a write that
     * changes none of them leaves what was computed from them current ({@code Database.writeCount(tables)}).
     */
    static final org.jooq.Table<?>[] HISTORY = {PURCHASE, CUSTOMER};

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
        forEachPurchase(dsl, from, asOf, app.regulars.store.Database.ROWS_PER_READ, sink);
    }

    /** The same, in windows of about {@code window} purchases. */
    void forEachPurchase(DSLContext dsl, LocalDate from, LocalDate asOf, int window, PurchaseSink sink) {
        LocalDateTime before = asOf.plusDays(1).atStartOfDay();
        org.jooq.Condition lower = from == null ? DSL.noCondition() : PURCHASE.PURCHASED_AT.ge(from.atStartOfDay());
        // In windows of time of about `window` purchases, each sorted alone: one query over
        // a million purchases had H2 write its sorted result to a temporary store and read it back
        // (decision 0053).
        while (true) {
            LocalDateTime end = app.regulars.membership.MembershipRepository.windowEnd(dsl, lower, window);
            var condition = lower.and(PURCHASE.VOIDED.isFalse()).and(PURCHASE.PURCHASED_AT.lt(before));
            if (end != null) {
                condition = condition.and(PURCHASE.PURCHASED_AT.le(end));
            }
            // Read through the JDBC result set, not jOOQ records: a million Record3s cost about a
            // quarter of the read's CPU time (0.96-1.36 s against 0.71-0.98 s for 1,000,000 rows).
            try (ResultSet rows = dsl
                    .select(PURCHASE.PURCHASED_AT, PURCHASE.CUSTOMER_ID, PURCHASE.AMOUNT)
                    .from(PURCHASE)
                    .where(condition)
                    .orderBy(PURCHASE.PURCHASED_AT)
                    .fetchSize(5000)
                    .fetchResultSet()) {
                while (rows.next()) {
                    sink.accept(rows.getLong(2), rows.getObject(1, LocalDateTime.class), rows.getBigDecimal(3));
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading the purchases", e);
            }
            if (end == null || !end.isBefore(before)) {
                return;
            }
            lower = PURCHASE.PURCHASED_AT.gt(end);
        }
    }

    /** Scored answers in a range of days: how many, and how many of them at least {@code top} or at most {@code bottom}. */
    public record Scores(int scored, int top, int bottom) {
    }

    /**
     * The headline scores given to surveys of {@code kind} ({@code NPS}: 0–10, {@code CSAT}: 1–5)
     * from {@code from} to {@code to}: how many, how many at least {@code top}, at most {@code bottom}.
     */
    public Scores scores(DSLContext dsl, SurveyKind kind, LocalDate from, LocalDate to, int top, int bottom) {
        Field<Integer> score = SURVEY_RESPONSE.SCORE;
        var r = dsl.select(DSL.count(score), DSL.count().filterWhere(score.ge(top)), DSL.count().filterWhere(score.le(bottom)))
                .from(SURVEY_RESPONSE).join(SURVEY).on(SURVEY.ID.eq(SURVEY_RESPONSE.SURVEY_ID))
                .where(SURVEY.KIND.eq(kind.name()).and(SURVEY_RESPONSE.ANSWERED_ON.between(from, to)).and(score.isNotNull()))
                .fetchOne();
        return new Scores(r.value1(), r.value2(), r.value3());
    }

    /** Complaints opened in a range of days, and how many of them were done within their 24 hours. */
    public record Complaints(int opened, int resolvedInTime) {
    }

    public Complaints complaints(DSLContext dsl, LocalDate from, LocalDate to) {
        int opened = 0;
        int inTime = 0;
        for (var r : complaintsByOwner(dsl, from.atStartOfDay(), to.plusDays(1).atStartOfDay()).fetch()) {
            opened += r.value2();
            inTime += r.value3();
        }
        return new Complaints(opened, inTime);
    }

    /** Follow-ups due in a range of days (cancelled ones left out), and how many were done by the end of their due day. */
    public record FollowUpsDue(int due, int doneInTime) {
    }

    public FollowUpsDue followUpsDue(DSLContext dsl, LocalDate from, LocalDate to) {
        int due = 0;
        int inTime = 0;
        try (Cursor<Record4<String, LocalDateTime, String, LocalDateTime>> rows = dueByOwner(dsl, from.atStartOfDay(), to.plusDays(1).atStartOfDay())
                .fetchSize(5000).fetchLazy()) {
            for (var r : rows) {
                due++;
                if (doneInTime(r.value3(), r.value2(), r.value4())) {
                    inTime++;
                }
            }
        }
        return new FollowUpsDue(due, inTime);
    }

    /** A follow-up is done on time when it is done before the day after its due day. */
    private static boolean doneInTime(String status, LocalDateTime due, LocalDateTime completed) {
        return FollowUpStatus.DONE.name().equals(status) && completed != null && completed.isBefore(due.toLocalDate().plusDays(1).atStartOfDay());
    }

    /** The archived customers: the insights about customers leave them out (their purchases still count in the figures). */
    public Set<Long> archivedCustomers(DSLContext dsl) {
        return new HashSet<>(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ARCHIVED.isTrue()).fetch(CUSTOMER.ID));
    }

    /** How many customers are not archived. */
    public int activeCustomers(DSLContext dsl) {
        return dsl.fetchCount(CUSTOMER, CUSTOMER.ARCHIVED.isFalse());
    }

    /**
     * The ids of every customer who is not archived, in order (for look-ups by binary search). Read
     * by code in pages ({@link #forEachActiveCustomer}) from an index that holds them, and sorted
     * here. In id order H2 walked the rows (at 100,000 customers 213 MB of garbage against 21 MB);
     * in one query it wrote the 100,000 ids to a temporary store and read them back.
     */
    public long[] activeCustomerIds(DSLContext dsl) {
        java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
        forEachActiveCustomer(dsl, (id, code, name) -> ids.add(id));
        long[] sorted = ids.build().toArray();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The query of {@link #forEachActiveCustomer}: the first {@code limit} active customers after
     * the code {@code after} (null: from the first). The code, the name and the archived flag are
     * in {@code ix_customer_code_name} (V019), so H2 reads the index alone, not every customer's row.
     * Ordered by the code and the name (the same order: codes are unique) so that H2 takes that
     * index rather than the code's unique one, which sorts as well but leads to the rows.
     */
    static org.jooq.SelectLimitPercentStep<Record3<Long, String, String>> activeCustomersByCode(DSLContext dsl, String after, int limit) {
        return dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME).from(CUSTOMER)
                .where(CustomerRepository.notArchived().and(after == null ? DSL.noCondition() : CUSTOMER.CODE.gt(after)))
                .orderBy(CUSTOMER.CODE, CUSTOMER.NAME).limit(limit);
    }

    /** Receives customers one at a time. */
    @FunctionalInterface
    public interface CustomerSink {
        void accept(long id, String code, String name);
    }

    /**
     * Every customer who is not archived, by code; {@link app.regulars.store.Database#ROWS_PER_READ}
     * a query (one query for all had H2 write the 100,000 rows to a temporary store and read them back).
     */
    public void forEachActiveCustomer(DSLContext dsl, CustomerSink sink) {
        forEachActiveCustomer(dsl, app.regulars.store.Database.ROWS_PER_READ, sink);
    }

    /** The same, {@code page} customers a query. */
    void forEachActiveCustomer(DSLContext dsl, int page, CustomerSink sink) {
        String after = null;
        while (true) {
            int read = 0;
            // Through the JDBC result set, as forEachPurchase: a jOOQ record per customer was a fifth of the walk's garbage.
            try (ResultSet rows = activeCustomersByCode(dsl, after, page).fetchSize(page).fetchResultSet()) {
                while (rows.next()) {
                    after = rows.getString(2);
                    read++;
                    sink.accept(rows.getLong(1), after, rows.getString(3));
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading the active customers", e);
            }
            if (read < page) {
                return;
            }
        }
    }

    /**
     * One owner's follow-ups in a range of days (owner as written on the follow-ups, "" for
     * those without one): follow-ups due in the range (cancelled ones left out) and how many
     * were done by the end of their due day; complaints opened in the range and how many were
     * done by their {@code resolve_by} (24 hours after opening); and how many customers the
     * owner followed up (see {@link #followedUp}).
     */
    public record OwnerFollowUps(String owner, int due, int doneInTime, int complaints, int resolvedInTime, int customersFollowedUp) {
    }

    /** The follow-up figures of every owner with a follow-up due, a complaint opened or one done in the range. */
    public Map<String, OwnerFollowUps> ownerFollowUps(DSLContext dsl, LocalDate from, LocalDate to) {
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        Map<String, int[]> counts = new TreeMap<>();
        // Due and done on time: the same rule as followUpsDue (doneInTime), folded in Java as there.
        try (Cursor<Record4<String, LocalDateTime, String, LocalDateTime>> rows = dueByOwner(dsl, start, end).fetchSize(5000).fetchLazy()) {
            for (var r : rows) {
                int[] c = counts.computeIfAbsent(owner(r.value1()), k -> new int[5]);
                c[0]++;
                if (doneInTime(r.value3(), r.value2(), r.value4())) {
                    c[1]++;
                }
            }
        }
        for (var r : complaintsByOwner(dsl, start, end).fetch()) {
            int[] c = counts.computeIfAbsent(owner(r.value1()), k -> new int[5]);
            c[2] += r.value2();
            c[3] += r.value3();
        }
        for (var r : followedUpByOwner(dsl, from, to).fetch()) {
            counts.computeIfAbsent(owner(r.value1()), k -> new int[5])[4] += r.value2();
        }
        Map<String, OwnerFollowUps> out = new TreeMap<>();
        counts.forEach((owner, c) -> out.put(owner, new OwnerFollowUps(owner, c[0], c[1], c[2], c[3], c[4])));
        return out;
    }

    /*
     * The three reads of ownerFollowUps (the first two also of followUpsDue and complaints, summed
     * over the owners). V020's indexes serve them (decision 0052): H2 answers the
     * first and the last from an index alone and finds the complaints through theirs, instead of
     * reading some 50,000 follow-ups' rows after a 100,000-customer shop's day's jobs.
     */

    /** The owner, due time, status and completion of the follow-ups due from {@code start} to before {@code end}, cancelled ones left out. */
    static org.jooq.SelectConditionStep<Record4<String, LocalDateTime, String, LocalDateTime>> dueByOwner(DSLContext dsl, LocalDateTime start, LocalDateTime end) {
        return dsl.select(FOLLOW_UP.OWNER, FOLLOW_UP.DUE_AT, FOLLOW_UP.STATUS, FOLLOW_UP.COMPLETED_AT).from(FOLLOW_UP)
                .where(TimeRange.within(FOLLOW_UP.DUE_AT, start, end)
                        .and(FOLLOW_UP.STATUS.ne(FollowUpStatus.CANCELLED.name())));
    }

    /** Per owner, the complaints opened from {@code start} to before {@code end} and how many were done by their resolve-by time. */
    static org.jooq.SelectHavingStep<Record3<String, Integer, Integer>> complaintsByOwner(DSLContext dsl, LocalDateTime start, LocalDateTime end) {
        return dsl.select(FOLLOW_UP.OWNER, DSL.count(),
                        DSL.count().filterWhere(FOLLOW_UP.STATUS.eq(FollowUpStatus.DONE.name()).and(FOLLOW_UP.COMPLETED_AT.le(FOLLOW_UP.RESOLVE_BY))))
                .from(FOLLOW_UP)
                .where(FOLLOW_UP.KIND.eq(FollowUpKind.COMPLAINT.name()).and(FOLLOW_UP.OPENED_AT.ge(start)).and(FOLLOW_UP.OPENED_AT.lt(end)))
                .groupBy(FOLLOW_UP.OWNER);
    }

    /** Per owner, how many customers the owner followed up in a range of days (see {@link #followedUp}). */
    static org.jooq.SelectHavingStep<org.jooq.Record2<String, Integer>> followedUpByOwner(DSLContext dsl, LocalDate from, LocalDate to) {
        return dsl.select(FOLLOW_UP.OWNER, DSL.countDistinct(FOLLOW_UP.CUSTOMER_ID)).from(FOLLOW_UP)
                .where(followedUp(from, to)).groupBy(FOLLOW_UP.OWNER);
    }

    /**
     * A customer is followed up by an owner in a range of days when a follow-up of that owner
     * for that customer is done (status DONE) with its {@code completed_at} in the range.
     */
    static org.jooq.Condition followedUp(LocalDate from, LocalDate to) {
        return FOLLOW_UP.STATUS.eq(FollowUpStatus.DONE.name())
                .and(FOLLOW_UP.COMPLETED_AT.ge(from.atStartOfDay())).and(FOLLOW_UP.COMPLETED_AT.lt(to.plusDays(1).atStartOfDay()));
    }

    private static String owner(String owner) {
        return owner == null ? "" : owner.strip();
    }

    /**
     * Per owner ("" for none), the headline scores of surveys of {@code kind} answered from
     * {@code from} to {@code to} by the customers the owner followed up in that range: how
     * many, how many at least {@code top}, at most {@code bottom}. A customer followed up by two
     * owners counts for both.
     */
    public Map<String, Scores> ownerScores(DSLContext dsl, SurveyKind kind, LocalDate from, LocalDate to, int top, int bottom) {
        var followed = dsl.selectDistinct(FOLLOW_UP.OWNER, FOLLOW_UP.CUSTOMER_ID).from(FOLLOW_UP).where(followedUp(from, to)).asTable("followed");
        Field<String> owner = followed.field(FOLLOW_UP.OWNER);
        Field<Long> customer = followed.field(FOLLOW_UP.CUSTOMER_ID);
        Field<Integer> score = SURVEY_RESPONSE.SCORE;
        Map<String, Scores> out = new TreeMap<>();
        for (var r : dsl.select(owner, DSL.count(score), DSL.count().filterWhere(score.ge(top)), DSL.count().filterWhere(score.le(bottom)))
                .from(SURVEY_RESPONSE)
                .join(SURVEY).on(SURVEY.ID.eq(SURVEY_RESPONSE.SURVEY_ID))
                .join(followed).on(customer.eq(SURVEY_RESPONSE.CUSTOMER_ID))
                .where(SURVEY.KIND.eq(kind.name()).and(SURVEY_RESPONSE.ANSWERED_ON.between(from, to)).and(score.isNotNull()))
                .groupBy(owner).fetch()) {
            out.merge(owner(r.value1()), new Scores(r.value2(), r.value3(), r.value4()),
                    (a, b) -> new Scores(a.scored() + b.scored(), a.top() + b.top(), a.bottom() + b.bottom()));
        }
        return out;
    }
}

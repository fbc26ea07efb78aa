package app.regulars.insight;

import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpStatus;
import app.regulars.survey.SurveyKind;
import org.jooq.Cursor;
import org.jooq.exception.DataAccessException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

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
        var condition = PURCHASE.VOIDED.isFalse().and(PURCHASE.PURCHASED_AT.lt(asOf.plusDays(1).atStartOfDay()));
        if (from != null) {
            condition = condition.and(PURCHASE.PURCHASED_AT.ge(from.atStartOfDay()));
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
        var r = dsl.select(DSL.count(), DSL.count().filterWhere(FOLLOW_UP.STATUS.eq(FollowUpStatus.DONE.name()).and(FOLLOW_UP.COMPLETED_AT.le(FOLLOW_UP.RESOLVE_BY))))
                .from(FOLLOW_UP)
                .where(FOLLOW_UP.KIND.eq(FollowUpKind.COMPLAINT.name())
                        .and(FOLLOW_UP.OPENED_AT.ge(from.atStartOfDay())).and(FOLLOW_UP.OPENED_AT.lt(to.plusDays(1).atStartOfDay())))
                .fetchOne();
        return new Complaints(r.value1(), r.value2());
    }

    /** Follow-ups due in a range of days (cancelled ones left out), and how many were done by the end of their due day. */
    public record FollowUpsDue(int due, int doneInTime) {
    }

    public FollowUpsDue followUpsDue(DSLContext dsl, LocalDate from, LocalDate to) {
        int due = 0;
        int inTime = 0;
        try (Cursor<Record3<LocalDateTime, String, LocalDateTime>> rows = dsl
                .select(FOLLOW_UP.DUE_AT, FOLLOW_UP.STATUS, FOLLOW_UP.COMPLETED_AT).from(FOLLOW_UP)
                .where(FOLLOW_UP.DUE_AT.ge(from.atStartOfDay()).and(FOLLOW_UP.DUE_AT.lt(to.plusDays(1).atStartOfDay()))
                        .and(FOLLOW_UP.STATUS.ne(FollowUpStatus.CANCELLED.name())))
                .fetchSize(5000).fetchLazy()) {
            for (var r : rows) {
                due++;
                if (FollowUpStatus.DONE.name().equals(r.value2()) && r.value3() != null
                        && r.value3().isBefore(r.value1().toLocalDate().plusDays(1).atStartOfDay())) {
                    inTime++;
                }
            }
        }
        return new FollowUpsDue(due, inTime);
    }

    /** The archived customers: the insights about customers leave them out (their purchases still count in the figures). */
    public Set<Long> archivedCustomers(DSLContext dsl) {
        return new HashSet<>(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ARCHIVED.isTrue()).fetch(CUSTOMER.ID));
    }

    /** How many customers are not archived. */
    public int activeCustomers(DSLContext dsl) {
        return dsl.fetchCount(CUSTOMER, CUSTOMER.ARCHIVED.isFalse());
    }

    /** Receives customers one at a time. */
    @FunctionalInterface
    public interface CustomerSink {
        void accept(long id, String code, String name);
    }

    /** Every customer who is not archived, by code. */
    public void forEachActiveCustomer(DSLContext dsl, CustomerSink sink) {
        try (Cursor<Record3<Long, String, String>> rows = dsl.select(CUSTOMER.ID, CUSTOMER.CODE, CUSTOMER.NAME).from(CUSTOMER)
                .where(CUSTOMER.ARCHIVED.isFalse()).orderBy(CUSTOMER.CODE).fetchSize(5000).fetchLazy()) {
            for (Record3<Long, String, String> r : rows) {
                sink.accept(r.value1(), r.value2(), r.value3());
            }
        }
    }
}

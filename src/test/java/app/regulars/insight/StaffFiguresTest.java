package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static app.regulars.store.jooq.Tables.SURVEY;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;
import static app.regulars.store.jooq.Tables.SURVEY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

class StaffFiguresTest {
    @TempDir
    Path dir;
    AppContext ctx;
    InsightService insights;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        ctx.surveys().ensureTemplates();
        insights = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    long customer(String name) {
        return ctx.customers().save(Customer.builder().name(name).build()).id();
    }

    /** A follow-up as the calendar leaves it; {@code opened} non-null makes it a complaint due 24 hours later. */
    void followUp(long customer, String owner, String due, String status, String completed, String opened) {
        LocalDateTime openedAt = opened == null ? null : LocalDateTime.parse(opened);
        ctx.database().dsl().insertInto(FOLLOW_UP)
                .set(FOLLOW_UP.CUSTOMER_ID, customer)
                .set(FOLLOW_UP.KIND, opened == null ? "CHECK_IN" : "COMPLAINT")
                .set(FOLLOW_UP.TITLE, "t")
                .set(FOLLOW_UP.OWNER, owner)
                .set(FOLLOW_UP.DUE_AT, openedAt == null ? LocalDateTime.parse(due) : openedAt.plusHours(24))
                .set(FOLLOW_UP.STATUS, status)
                .set(FOLLOW_UP.COMPLETED_AT, completed == null ? null : LocalDateTime.parse(completed))
                .set(FOLLOW_UP.OPENED_AT, openedAt)
                .set(FOLLOW_UP.RESOLVE_BY, openedAt == null ? null : openedAt.plusHours(24))
                .set(FOLLOW_UP.CREATED_AT, LocalDateTime.of(2026, 1, 1, 0, 0))
                .set(FOLLOW_UP.UPDATED_AT, LocalDateTime.of(2026, 1, 1, 0, 0))
                .execute();
    }

    void answer(Long customer, String kind, String day, int score) {
        var dsl = ctx.database().dsl();
        long survey = dsl.select(SURVEY.ID).from(SURVEY).where(SURVEY.KIND.eq(kind)).fetchOne(SURVEY.ID);
        long version = dsl.select(SURVEY_VERSION.ID).from(SURVEY_VERSION).where(SURVEY_VERSION.SURVEY_ID.eq(survey)).fetchOne(SURVEY_VERSION.ID);
        dsl.insertInto(SURVEY_RESPONSE)
                .set(SURVEY_RESPONSE.SURVEY_ID, survey)
                .set(SURVEY_RESPONSE.VERSION_ID, version)
                .set(SURVEY_RESPONSE.CUSTOMER_ID, customer)
                .set(SURVEY_RESPONSE.CHANNEL, "VISIT")
                .set(SURVEY_RESPONSE.ANSWERED_ON, LocalDate.parse(day))
                .set(SURVEY_RESPONSE.SCORE, score)
                .set(SURVEY_RESPONSE.CREATED_AT, LocalDateTime.of(2026, 1, 1, 0, 0))
                .execute();
    }

    @Test
    void eachOwnerGetsTheirFollowUpsComplaintsAndTheScoresOfTheCustomersTheyFollowedUp() {
        long a = customer("A");
        long b = customer("B");
        long c = customer("C");
        // Li: on time, a day late, cancelled, a complaint resolved in 6 hours; and one in October.
        followUp(a, "Li", "2026-11-05T10:00", "DONE", "2026-11-05T18:00", null);
        followUp(b, "Li", "2026-11-06T10:00", "DONE", "2026-11-08T09:00", null);
        followUp(c, "Li", "2026-11-10T10:00", "CANCELLED", null, null);
        followUp(a, "Li", null, "DONE", "2026-11-02T15:00", "2026-11-02T09:00");
        followUp(c, "Li", "2026-10-15T10:00", "DONE", "2026-10-15T11:00", null);
        // Wang: a complaint resolved after 2 days, one due in October done on 1 November, one due after today.
        followUp(c, "Wang", null, "DONE", "2026-11-14T09:00", "2026-11-12T09:00");
        followUp(a, "Wang", "2026-10-30T10:00", "DONE", "2026-11-01T10:00", null);
        followUp(b, "Wang", "2026-11-30T10:00", "PLANNED", null, null);
        // Nobody's: still planned, overdue.
        followUp(b, null, "2026-11-15T10:00", "PLANNED", null, null);

        answer(a, "NPS", "2026-11-10", 10);
        answer(b, "NPS", "2026-11-11", 3);
        answer(c, "CSAT", "2026-11-20", 5);
        answer(a, "CSAT", "2026-10-20", 2); // before the period
        answer(null, "NPS", "2026-11-12", 9); // a walk-in: nobody followed them up

        List<StaffFigures> staff = insights.staffFigures(Period.month(2026, 11), TestStores.TODAY);

        assertThat(staff).extracting(StaffFigures::owner).containsExactly("Li", "Wang", "");
        StaffFigures li = staff.get(0);
        assertThat(li).isEqualTo(new StaffFigures("Li", 3, 2, 1, 1, 2, 0.0, 2, null, 0));
        assertThat(li.onTimeRate()).isEqualTo(200.0 / 3);
        assertThat(li.resolvedRate()).isEqualTo(100.0);
        // Wang followed up A (done on 1 November) and C: A's 10 and C's 5; the follow-up due on the 30th is not due yet.
        assertThat(staff.get(1)).isEqualTo(new StaffFigures("Wang", 1, 0, 1, 0, 2, 100.0, 1, 100.0, 1));
        assertThat(staff.get(1).resolvedRate()).isZero();
        StaffFigures nobody = staff.get(2);
        assertThat(nobody.unassigned()).isTrue();
        assertThat(nobody).isEqualTo(new StaffFigures("", 1, 0, 0, 0, 0, null, 0, null, 0));
        assertThat(nobody.resolvedRate()).isNull();

        assertThat(insights.staffFigures(Period.month(2026, 10), TestStores.TODAY))
                .containsExactly(new StaffFigures("Li", 1, 1, 0, 0, 1, null, 0, null, 0),
                        new StaffFigures("Wang", 1, 0, 0, 0, 0, null, 0, null, 0));
    }

    @Test
    void aShopWithoutFollowUpsHasNoStaffFigures() {
        assertThat(insights.staffFigures(Period.year(2026), TestStores.TODAY)).isEmpty();
    }

    @Test
    void h2CountsThemFromTheirIndexesNotFromTheFollowUpsRows() {
        if (TestStores.onPostgres()) {
            return; // PostgreSQL chooses by its own statistics
        }
        long a = customer("A");
        for (int i = 0; i < 300; i++) {
            followUp(a, i % 2 == 0 ? "Li" : null, "2026-10-%02dT10:00".formatted(1 + i % 28), i % 3 == 0 ? "DONE" : "PLANNED",
                    i % 3 == 0 ? "2026-10-%02dT11:00".formatted(1 + i % 28) : null, i % 50 == 0 ? "2026-10-%02dT09:00".formatted(1 + i % 28) : null);
        }
        var dsl = ctx.database().dsl();
        LocalDateTime start = LocalDateTime.of(2026, 10, 1, 0, 0), end = LocalDateTime.of(2026, 11, 1, 0, 0);
        // without V020 H2 reads every due follow-up's row, walks them all for the complaints, and reads every done one's row
        assertThat(plan(InsightRepository.dueByOwner(dsl, start, end))).containsIgnoringCase("IX_FOLLOW_UP_DUE_FIGURES");
        assertThat(plan(InsightRepository.complaintsByOwner(dsl, start, end))).containsIgnoringCase("IX_FOLLOW_UP_OPENED: KIND = 'COMPLAINT'");
        assertThat(plan(InsightRepository.followedUpByOwner(dsl, start.toLocalDate(), end.toLocalDate().minusDays(1))))
                .containsIgnoringCase("IX_FOLLOW_UP_COMPLETED");
        assertThat(insights.staffFigures(Period.month(2026, 10), TestStores.TODAY)).extracting(StaffFigures::owner, StaffFigures::due, StaffFigures::complaints)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Li", 150, 6), org.assertj.core.groups.Tuple.tuple("", 150, 0));
    }

    private String plan(org.jooq.Select<?> query) {
        return String.valueOf(ctx.database().dsl().fetchValue("EXPLAIN " + query.getSQL(org.jooq.conf.ParamType.INLINED)));
    }
}

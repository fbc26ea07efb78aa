package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.TestStores;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static app.regulars.store.jooq.Tables.FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list beside the calendar: the overdue follow-ups ({@link FollowUp#isOverdue}), oldest first
 * and ties by id, then the rest of today; read in the order of {@code ix_follow_up_status_due (status, all_day, due_at, id, ...)} (V021, V022):
 * many follow-ups share a due time (a day's generated check-ins), so the ties decide which come first.
 */
class OverdueOrderTest {
    static final LocalDateTime NOW = TestStores.TODAY.atTime(10, 0);
    static final String[] STATUSES = {"PLANNED", "DONE", "PLANNED", "CANCELLED", "PLANNED"};

    @TempDir
    static Path dir;
    static AppContext context;
    static final FollowUpRepository repository = new FollowUpRepository();

    @BeforeAll
    static void fill() {
        context = TestStores.open(dir);
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add(context.customers().save(Customer.builder().name("Customer " + i).build()).id());
        }
        context.database().write(cfg -> {
            var insert = cfg.dsl().insertInto(FOLLOW_UP, FOLLOW_UP.CUSTOMER_ID, FOLLOW_UP.KIND, FOLLOW_UP.TITLE, FOLLOW_UP.OWNER,
                    FOLLOW_UP.DUE_AT, FOLLOW_UP.ALL_DAY, FOLLOW_UP.STATUS, FOLLOW_UP.CREATED_AT, FOLLOW_UP.UPDATED_AT);
            for (int n = 0; n < 600; n++) {
                // eight due times, the last two after now: runs of equal due times far longer than the limits below;
                // every fourth all day, due at the start of its day (today's before now, yet not overdue)
                LocalDateTime due = NOW.minusDays(3).plusHours(12L * (n * 7 % 8));
                boolean allDay = n % 4 == 1;
                insert = insert.values(customers.get(n * 13 % customers.size()), n % 3 == 0 ? "VISIT" : "CHECK_IN", "Follow-up " + n,
                        n % 2 == 0 ? "Lin" : "Zhou", allDay ? due.toLocalDate().atStartOfDay() : due, allDay,
                        STATUSES[n % STATUSES.length], NOW, NOW);
            }
            return insert.execute();
        });
    }

    @AfterAll
    static void close() {
        context.close();
    }

    /** Every follow-up, read plainly, and the overdue ones ({@link FollowUp#isOverdue}) matching the filter in (due, id) order. */
    private static List<Long> expected(FollowUpFilter filter) {
        return context.database().dsl().selectFrom(FOLLOW_UP).fetch().stream()
                .filter(r -> r.getStatus().equals("PLANNED") && (r.getAllDay() ? r.getDueAt().toLocalDate().isBefore(NOW.toLocalDate()) : r.getDueAt().isBefore(NOW)))
                .filter(r -> filter.owner() == null || filter.owner().equals(r.getOwner()))
                .filter(r -> filter.kind() == null || filter.kind().name().equals(r.getKind()))
                .sorted(Comparator.comparing((app.regulars.store.jooq.tables.records.FollowUpRecord r) -> r.getDueAt()).thenComparing(r -> r.getId()))
                .map(r -> r.getId()).toList();
    }

    @Test
    void theFirstOverdueOnesAreTheOldestWithTiesInIdOrder() {
        DSLContext dsl = context.database().dsl();
        for (FollowUpFilter filter : List.of(new FollowUpFilter(null, null, null, null), new FollowUpFilter(null, "Lin", null, null),
                new FollowUpFilter(FollowUpKind.VISIT, null, null, null))) {
            List<Long> all = expected(filter);
            assertThat(all).hasSizeGreaterThan(50);
            for (int limit : new int[] {1, 7, 50, all.size(), all.size() + 5}) {
                List<Long> got = repository.overdue(dsl, NOW, filter, limit).stream().map(FollowUp::id).toList();
                assertThat(got).as("%s, at most %d", filter, limit).isEqualTo(all.subList(0, Math.min(limit, all.size())));
            }
        }
    }

    @Test
    void whatIsStillDueTodayIsTheRestOfTheDayAndSomethingIsDueByTonight() {
        DSLContext dsl = context.database().dsl();
        var planned = dsl.selectFrom(FOLLOW_UP).fetch().stream().filter(r -> r.getStatus().equals("PLANNED")).toList();
        List<Long> later = planned.stream()
                .filter(r -> r.getDueAt().toLocalDate().equals(NOW.toLocalDate()) && (r.getAllDay() || !r.getDueAt().isBefore(NOW)))
                .sorted(Comparator.comparing((app.regulars.store.jooq.tables.records.FollowUpRecord r) -> r.getDueAt()).thenComparing(r -> r.getId()))
                .map(r -> r.getId()).toList();
        assertThat(later).hasSizeGreaterThan(20);
        assertThat(repository.dueLaterToday(dsl, NOW, new FollowUpFilter(null, null, null, null), 1000)).extracting(FollowUp::id).isEqualTo(later);
        assertThat(repository.dueLaterToday(dsl, NOW, new FollowUpFilter(null, null, null, null), 7)).extracting(FollowUp::id).isEqualTo(later.subList(0, 7));
        LocalDateTime tonight = NOW.toLocalDate().plusDays(1).atStartOfDay();
        assertThat(repository.anyPlannedBefore(dsl, tonight)).isTrue();
        LocalDateTime first = planned.stream().map(r -> r.getDueAt()).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(repository.anyPlannedBefore(dsl, first)).as("none due before the first").isFalse();
        assertThat(repository.anyPlannedBefore(dsl, first.plusNanos(1_000))).isTrue();
    }

    @Test
    void aFollowUpDueAllDayTodayIsTodaysNotOverdue() {
        DSLContext dsl = context.database().dsl();
        List<FollowUp> listed = repository.overdue(dsl, NOW, new FollowUpFilter(null, null, null, null), 1000);
        List<FollowUp> today = dsl.selectFrom(FOLLOW_UP).where(FOLLOW_UP.ALL_DAY.isTrue()
                        .and(FOLLOW_UP.DUE_AT.eq(NOW.toLocalDate().atStartOfDay())).and(FOLLOW_UP.STATUS.eq("PLANNED")))
                .fetch().map(r -> repository.get(dsl, r.getId()).orElseThrow());
        assertThat(today).as("planned all day today, due at its start, before now").isNotEmpty();
        assertThat(listed).extracting(FollowUp::id).doesNotContainAnyElementsOf(today.stream().map(FollowUp::id).toList());
        assertThat(listed).isNotEmpty().allMatch(f -> f.isOverdue(NOW), "overdue as each entry shows itself");
        assertThat(listed).anyMatch(FollowUp::allDay);
    }

    @Test
    void h2ReadsTheFirstOverdueOnesFromTheIndexInTheirOrder() {
        if (TestStores.onPostgres()) {
            return; // PostgreSQL chooses by its own statistics
        }
        DSLContext dsl = context.database().dsl();
        dsl.execute("ANALYZE");
        Record plan = dsl.fetchOne("EXPLAIN " + FollowUpRepository.overdueIds(dsl, NOW, new FollowUpFilter(null, null, null, null), 5000)
                .getSQL(org.jooq.conf.ParamType.INLINED));
        // with the index on (status, due_at) alone H2 read every overdue one and sorted them; with the
        // all-day ones among the timed ones (status, due_at, id) it read past today's all-day ones to decide
        String text = plan.get(0, String.class);
        assertThat(text.split("IX_FOLLOW_UP_STATUS_DUE", -1)).as(text).hasSize(3); // both parts through the index
        assertThat(text.split("/\\* index sorted \\*/", -1)).as(text).hasSize(3); // each in its order
        assertThat(text).containsIgnoringCase("ALL_DAY = FALSE").containsIgnoringCase("ALL_DAY = TRUE");
    }
}

package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar's view model on a real store with a synchronous runner, no window (today is 2026-11-23). */
class CalendarViewModelTest {
    @TempDir
    Path dir;
    private AppContext context;
    private FollowUpService service;
    private CalendarViewModel vm;
    private long wang;
    private long zeng;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        TestStores.addKnownCustomers(context.customers());
        service = context.followUps();
        wang = context.customers().search("王小明", null, false, CustomerSort.NAME, true)[0];
        zeng = context.customers().search("曾晓燕", null, false, CustomerSort.NAME, true)[0];
        vm = new CalendarViewModel(service, context.customers(), new SyncTaskRunner(), new Messages(java.util.Locale.ENGLISH));
    }

    @AfterEach
    void close() {
        context.close();
    }

    private FollowUp schedule(long customer, String title, LocalDateTime due) {
        return service.schedule(FollowUp.planned(customer, FollowUpKind.CHECK_IN, title, due));
    }

    @Test
    void todaysListHoldsTheOverdueFirstThenWhatIsStillPlannedToday() {
        service.openComplaint(zeng, "Damp tea", null, LocalDateTime.of(2026, 11, 21, 16, 0)); // due 11-22 16:00
        schedule(wang, "Afternoon call", LocalDateTime.of(2026, 11, 23, 15, 0));
        FollowUp done = schedule(wang, "Morning call", LocalDateTime.of(2026, 11, 23, 9, 0));
        service.setStatus(done.id(), FollowUpStatus.DONE);
        schedule(zeng, "Tomorrow", LocalDateTime.of(2026, 11, 24, 9, 0));
        vm.load();
        assertThat(vm.todays()).extracting(FollowUp::title).containsExactly("Damp tea", "Afternoon call");
        // the week still shows today's planned one once, not twice
        vm.modeProperty().set(CalendarViewModel.Mode.WEEK);
        assertThat(vm.todays()).extracting(FollowUp::title).containsExactly("Damp tea", "Afternoon call");
    }

    @Test
    void theListHoldsTheOldestOverdueOnesAndSaysWhenMoreAreDue() {
        int n = CalendarViewModel.TODAY_LISTED;
        LocalDateTime first = LocalDateTime.of(2026, 11, 1, 9, 0);
        java.util.List<FollowUp> made = new java.util.ArrayList<>();
        for (int i = 0; i < n + 2; i++) {
            made.add(schedule(i % 2 == 0 ? wang : zeng, "Call " + i, first.plusMinutes(i)));
        }
        schedule(wang, "Afternoon call", LocalDateTime.of(2026, 11, 23, 15, 0));
        vm.load();
        assertThat(vm.overdue()).extracting(FollowUp::title).hasSize(n).startsWith("Call 0", "Call 1").endsWith("Call " + (n - 1));
        assertThat(vm.moreDueProperty().get()).isTrue();
        assertThat(vm.todays()).extracting(FollowUp::title).hasSize(n).doesNotContain("Afternoon call");

        service.setStatus(made.get(0).id(), FollowUpStatus.DONE);
        service.setStatus(made.get(1).id(), FollowUpStatus.CANCELLED);
        service.setStatus(made.get(2).id(), FollowUpStatus.DONE);
        vm.load();
        assertThat(vm.overdue()).extracting(FollowUp::title).hasSize(n - 1).startsWith("Call 3").endsWith("Call " + (n + 1));
        assertThat(vm.todays()).extracting(FollowUp::title).hasSize(n).endsWith("Afternoon call");
        assertThat(vm.moreDueProperty().get()).as("exactly as many as listed").isFalse();
    }

    @Test
    void theListHoldsEveryOneStillDueTodayNotOnlyTheFourTheMonthShows() {
        LocalDateTime today = TestStores.TODAY.atStartOfDay();
        schedule(zeng, "Earlier today", TestStores.TODAY.atTime(8, 30)); // before now (10:00): overdue
        for (int i = 0; i < 6; i++) {
            schedule(i % 2 == 0 ? wang : zeng, "Later " + i, TestStores.TODAY.atTime(11 + i, 0));
        }
        service.schedule(FollowUp.planned(wang, FollowUpKind.CHECK_IN, "Check-in", today).withDue(today, true));
        schedule(wang, "Yesterday", TestStores.TODAY.minusDays(1).atTime(17, 0));
        vm.load();
        assertThat(vm.on(TestStores.TODAY)).as("the month's own page of the day").hasSize(CalendarViewModel.MONTH_PER_DAY);
        // overdue (oldest first), then the all-day one of today (not overdue before the day ends), then the rest in time order
        assertThat(vm.todays()).extracting(FollowUp::title).containsExactly("Yesterday", "Earlier today", "Check-in",
                "Later 0", "Later 1", "Later 2", "Later 3", "Later 4", "Later 5");
        assertThat(vm.overdue()).extracting(FollowUp::title).containsExactly("Yesterday", "Earlier today");
        assertThat(vm.moreDueProperty().get()).isFalse();
    }

    @Test
    void theWeekAndTheDayReadTheFirstOfEachSlotAndCountEveryOne() {
        LocalDate day = TestStores.TODAY.plusDays(1); // Tuesday of the week of today
        LocalDateTime start = day.atStartOfDay();
        for (int i = 0; i < 12; i++) {
            service.schedule(FollowUp.planned(i % 2 == 0 ? wang : zeng, FollowUpKind.CHECK_IN, "All day " + i, start).withDue(start, true));
        }
        for (int i = 0; i < 5; i++) {
            schedule(wang, "At nine " + i, day.atTime(9, 10 * i));
        }
        schedule(zeng, "Early", day.atTime(6, 30)); // in the first row, with those at 8
        schedule(zeng, "At eight", day.atTime(8, 0));
        schedule(wang, "Late", day.atTime(22, 0)); // in the last row, with those at 20
        vm.modeProperty().set(CalendarViewModel.Mode.WEEK);
        vm.load();
        int perSlot = CalendarViewModel.WEEK_PER_SLOT;
        assertThat(vm.inSlot(day, null)).hasSize(perSlot).extracting(FollowUp::title).containsExactly("All day 0", "All day 1", "All day 2");
        assertThat(vm.countIn(day, null)).isEqualTo(12);
        assertThat(vm.inSlot(day, 9)).hasSize(perSlot);
        assertThat(vm.countIn(day, 9)).isEqualTo(5);
        assertThat(vm.inSlot(day, CalendarViewModel.FIRST_HOUR)).extracting(FollowUp::title).containsExactly("Early", "At eight");
        assertThat(vm.countIn(day, CalendarViewModel.LAST_HOUR)).isEqualTo(1);
        assertThat(vm.countIn(day, 12)).isZero();
        assertThat(vm.items()).as("the first of each slot, not the week's every one").hasSize(perSlot + perSlot + 2 + 1);

        vm.showDay(day);
        assertThat(vm.getMode()).isEqualTo(CalendarViewModel.Mode.DAY);
        assertThat(vm.inSlot(day, null)).hasSize(CalendarViewModel.DAY_PER_SLOT);
        assertThat(vm.countIn(day, null)).isEqualTo(12);
        assertThat(vm.inSlot(day, 9)).hasSize(5);
        assertThat(vm.countIn(day, 9)).isEqualTo(5);
    }

    @Test
    void aDropInTheMonthKeepsTheTimeAndInTheWeekTakesTheHourOrTheAllDayRow() {
        long id = schedule(wang, "Samples", LocalDateTime.of(2026, 11, 24, 10, 30)).id();
        vm.load();
        vm.moveTo(id, LocalDate.of(2026, 11, 26), null);
        assertThat(service.get(id).orElseThrow().dueAt()).isEqualTo(LocalDateTime.of(2026, 11, 26, 10, 30));

        vm.modeProperty().set(CalendarViewModel.Mode.WEEK);
        vm.moveTo(id, LocalDate.of(2026, 11, 27), 15);
        assertThat(service.get(id).orElseThrow().dueAt()).isEqualTo(LocalDateTime.of(2026, 11, 27, 15, 30));
        vm.moveTo(id, LocalDate.of(2026, 11, 27), null);
        FollowUp allDay = service.get(id).orElseThrow();
        assertThat(allDay.dueAt()).isEqualTo(LocalDate.of(2026, 11, 27).atStartOfDay());
        assertThat(allDay.allDay()).isTrue();
        vm.moveTo(id, LocalDate.of(2026, 11, 25), 9);
        FollowUp timed = service.get(id).orElseThrow();
        assertThat(timed.dueAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 9, 0));
        assertThat(timed.allDay()).isFalse();
        assertThat(service.history(id)).hasSize(4);
    }

    @Test
    void aDropOfAFollowUpThatIsNotShownMovesNothing() {
        long id = schedule(wang, "Next month", LocalDateTime.of(2027, 2, 1, 10, 0)).id();
        vm.load();
        vm.moveTo(id, LocalDate.of(2026, 11, 26), null);
        assertThat(service.history(id)).isEmpty();
    }

    @Test
    void slotsPutEarlyAndLateFollowUpsInTheFirstAndLastHourAndAllDayOnesApart() {
        schedule(wang, "Early", LocalDateTime.of(2026, 11, 24, 6, 15));
        schedule(wang, "Ten", LocalDateTime.of(2026, 11, 24, 10, 0));
        schedule(wang, "Late", LocalDateTime.of(2026, 11, 24, 22, 0));
        service.schedule(FollowUp.planned(zeng, FollowUpKind.BIRTHDAY, "Birthday", LocalDate.of(2026, 11, 24).atStartOfDay())
                .withDue(LocalDate.of(2026, 11, 24).atStartOfDay(), true));
        vm.modeProperty().set(CalendarViewModel.Mode.WEEK);
        LocalDate tuesday = LocalDate.of(2026, 11, 24);
        assertThat(vm.inSlot(tuesday, null)).extracting(FollowUp::title).containsExactly("Birthday");
        assertThat(vm.inSlot(tuesday, CalendarViewModel.FIRST_HOUR)).extracting(FollowUp::title).containsExactly("Early");
        assertThat(vm.inSlot(tuesday, 10)).extracting(FollowUp::title).containsExactly("Ten");
        assertThat(vm.inSlot(tuesday, CalendarViewModel.LAST_HOUR)).extracting(FollowUp::title).containsExactly("Late");
        assertThat(vm.on(tuesday)).hasSize(4);
        assertThat(vm.on(tuesday.plusDays(1))).isEmpty();
    }

    @Test
    void theMonthCountsWhatADayHoldsBeyondTheFirstFew() {
        for (int i = 0; i < CalendarViewModel.MONTH_PER_DAY + 2; i++) {
            schedule(wang, "Call " + i, LocalDateTime.of(2026, 11, 25, 9 + i, 0));
        }
        vm.load();
        LocalDate day = LocalDate.of(2026, 11, 25);
        assertThat(vm.on(day)).hasSize(CalendarViewModel.MONTH_PER_DAY);
        assertThat(vm.countOn(day)).isEqualTo(CalendarViewModel.MONTH_PER_DAY + 2);
        assertThat(vm.countOn(day.plusDays(1))).isZero();
    }

    @Test
    void theAgendaHasAHeaderForEachDayBeforeItsFollowUps() {
        schedule(wang, "A", LocalDateTime.of(2026, 11, 23, 15, 0));
        schedule(zeng, "B", LocalDateTime.of(2026, 11, 23, 16, 0));
        schedule(wang, "C", LocalDateTime.of(2026, 11, 25, 9, 0));
        vm.modeProperty().set(CalendarViewModel.Mode.AGENDA);
        assertThat(vm.agendaRows()).containsExactly(
                new CalendarViewModel.AgendaRow(LocalDate.of(2026, 11, 23), null),
                new CalendarViewModel.AgendaRow(LocalDate.of(2026, 11, 23), vm.items().get(0)),
                new CalendarViewModel.AgendaRow(LocalDate.of(2026, 11, 23), vm.items().get(1)),
                new CalendarViewModel.AgendaRow(LocalDate.of(2026, 11, 25), null),
                new CalendarViewModel.AgendaRow(LocalDate.of(2026, 11, 25), vm.items().get(2)));
    }

    @Test
    void moreOpensTheDayOrTheAgendaFromThatDay() {
        LocalDate day = LocalDate.of(2026, 12, 3);
        vm.showDay(day);
        assertThat(vm.getMode()).isEqualTo(CalendarViewModel.Mode.DAY);
        assertThat(vm.start()).isEqualTo(day);
        vm.showAgenda(day.plusDays(1));
        assertThat(vm.getMode()).isEqualTo(CalendarViewModel.Mode.AGENDA);
        assertThat(vm.start()).isEqualTo(day.plusDays(1));
        assertThat(vm.end()).isEqualTo(day.plusDays(1 + CalendarViewModel.AGENDA_DAYS));
    }
}

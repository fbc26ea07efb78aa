package app.regulars.followup;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a dragged follow-up lands, without a window. */
class CalendarDropTest {
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private final FollowUp atTenThirty = new FollowUp(7L, 1, "王小明", "C1", FollowUpKind.VISIT, "Samples", null, null,
            LocalDateTime.of(2026, 11, 24, 10, 30), false, FollowUpStatus.PLANNED, Recurrence.NONE, null, null, null, null, null, true);
    private final FollowUp allDay = atTenThirty.withDue(LocalDate.of(2026, 11, 24).atStartOfDay(), true);

    @Test
    void inTheMonthAFollowUpMovesToTheDayAndKeepsItsTime() {
        assertThat(CalendarDrop.landing(atTenThirty, true, FRIDAY, null))
                .isEqualTo(new CalendarDrop.Landing(FRIDAY.atTime(10, 30), false));
        assertThat(CalendarDrop.landing(allDay, true, FRIDAY, null))
                .isEqualTo(new CalendarDrop.Landing(FRIDAY.atStartOfDay(), true));
    }

    @Test
    void inAWeekOrDayItTakesTheSlotsHourAndKeepsItsMinutes() {
        assertThat(CalendarDrop.landing(atTenThirty, false, FRIDAY, 15))
                .isEqualTo(new CalendarDrop.Landing(FRIDAY.atTime(15, 30), false));
    }

    @Test
    void anAllDayFollowUpDroppedOnAnHourStartsOnTheHour() {
        assertThat(CalendarDrop.landing(allDay, false, FRIDAY, 9))
                .isEqualTo(new CalendarDrop.Landing(FRIDAY.atTime(9, 0), false));
    }

    @Test
    void theAllDayRowMakesItAllDay() {
        assertThat(CalendarDrop.landing(atTenThirty, false, FRIDAY, null))
                .isEqualTo(new CalendarDrop.Landing(FRIDAY.atStartOfDay(), true));
    }

    @Test
    void aDragCarriesTheFollowUpsIdAndNothingElseIsTakenForOne() {
        assertThat(CalendarDrop.idOf(CalendarDrop.payload(42))).isEqualTo(42L);
        assertThat(CalendarDrop.idOf("some text from another program")).isNull();
        assertThat(CalendarDrop.idOf("followup:abc")).isNull();
        assertThat(CalendarDrop.idOf(null)).isNull();
    }

    @Test
    void onlyPlannedFollowUpsCanBeDragged() {
        assertThat(CalendarDrop.canDrag(atTenThirty)).isTrue();
        FollowUp done = new FollowUp(8L, 1, "王小明", "C1", FollowUpKind.VISIT, "Samples", null, null,
                LocalDateTime.of(2026, 11, 24, 10, 30), false, FollowUpStatus.DONE, Recurrence.NONE, null, null, null, null, null, true);
        assertThat(CalendarDrop.canDrag(done)).isFalse();
    }
}

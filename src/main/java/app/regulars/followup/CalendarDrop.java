package app.regulars.followup;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Dragging a follow-up in the calendar, without the UI: what a drag carries, which entries
 * may be dragged, and when a dropped follow-up is due. In the month a follow-up keeps its
 * time and moves to the day; in a week or day it takes the hour of the slot (keeping its
 * minutes), and the all-day row makes it all-day.
 */
public final class CalendarDrop {
    private static final String PREFIX = "followup:";

    private CalendarDrop() {
    }

    /** Where a dropped follow-up lands: its new due time and whether it is all-day. */
    public record Landing(LocalDateTime due, boolean allDay) {
    }

    /** Only planned follow-ups move: a done, missed or cancelled one stays where it happened. */
    public static boolean canDrag(FollowUp f) {
        return f.status() == FollowUpStatus.PLANNED;
    }

    /** The text a drag of follow-up {@code id} carries. */
    public static String payload(long id) {
        return PREFIX + id;
    }

    /** The follow-up a drag carries, or null when the drag is not a follow-up's. */
    public static Long idOf(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(payload.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Where {@code f} lands when dropped on {@code day}: in the month ({@code monthView}) on that
     * day at its own time; in a time grid at {@code hour} (its minutes kept, 0 when it was
     * all-day), or all-day when {@code hour} is null (the all-day row).
     */
    public static Landing landing(FollowUp f, boolean monthView, LocalDate day, Integer hour) {
        if (monthView) {
            return new Landing(day.atTime(f.dueAt().toLocalTime()), f.allDay());
        }
        if (hour == null) {
            return new Landing(day.atStartOfDay(), true);
        }
        LocalTime t = f.allDay() ? LocalTime.of(hour, 0) : LocalTime.of(hour, f.dueAt().getMinute());
        return new Landing(day.atTime(t), false);
    }
}

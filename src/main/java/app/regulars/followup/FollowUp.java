package app.regulars.followup;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A scheduled contact. {@code customerName} is filled when read (for lists), ignored when saved.
 * Complaints carry {@code openedAt} and {@code resolveBy} (24 hours later); see {@link #isLate}.
 * {@code generationKey} is set on automatic follow-ups when read (saving never changes it);
 * {@code titleTyped} is false while the title is the generator's: it is then shown rendered
 * in the language of the moment, see {@link FollowUpTitles#of}. The stored {@code title} is what
 * was last written.
 */
public record FollowUp(Long id, long customerId, String customerName, String customerCode, FollowUpKind kind,
                       String title, String notes, String owner, LocalDateTime dueAt, boolean allDay,
                       FollowUpStatus status, Recurrence recurrence, LocalDate recurUntil,
                       LocalDateTime openedAt, LocalDateTime resolveBy, LocalDateTime completedAt,
                       String generationKey, boolean titleTyped) {

    public FollowUp {
        recurrence = recurrence == null ? Recurrence.NONE : recurrence;
        status = status == null ? FollowUpStatus.PLANNED : status;
    }

    /** A new planned follow-up with no recurrence. */
    public static FollowUp planned(long customerId, FollowUpKind kind, String title, LocalDateTime dueAt) {
        return new FollowUp(null, customerId, null, null, kind, title, null, null, dueAt, false,
                FollowUpStatus.PLANNED, Recurrence.NONE, null, null, null, null, null, true);
    }

    public FollowUp withNotes(String n) {
        return new FollowUp(id, customerId, customerName, customerCode, kind, title, n, owner, dueAt, allDay, status, recurrence, recurUntil, openedAt, resolveBy, completedAt, generationKey, titleTyped);
    }

    public FollowUp withOwner(String o) {
        return new FollowUp(id, customerId, customerName, customerCode, kind, title, notes, o, dueAt, allDay, status, recurrence, recurUntil, openedAt, resolveBy, completedAt, generationKey, titleTyped);
    }

    public FollowUp withDue(LocalDateTime due, boolean day) {
        return new FollowUp(id, customerId, customerName, customerCode, kind, title, notes, owner, due, day, status, recurrence, recurUntil, openedAt, resolveBy, completedAt, generationKey, titleTyped);
    }

    public FollowUp withRecurrence(Recurrence r, LocalDate until) {
        return new FollowUp(id, customerId, customerName, customerCode, kind, title, notes, owner, dueAt, allDay, status, r, until, openedAt, resolveBy, completedAt, generationKey, titleTyped);
    }

    /** The same follow-up with a title typed by a person. */
    public FollowUp withTitle(String t) {
        return new FollowUp(id, customerId, customerName, customerCode, kind, t, notes, owner, dueAt, allDay, status, recurrence, recurUntil, openedAt, resolveBy, completedAt, generationKey, true);
    }

    public FollowUp withKind(FollowUpKind k) {
        return new FollowUp(id, customerId, customerName, customerCode, k, title, notes, owner, dueAt, allDay, status, recurrence, recurUntil, openedAt, resolveBy, completedAt, generationKey, titleTyped);
    }

    /** Planned and its due time (the end of the day when all-day) has passed. */
    public boolean isOverdue(LocalDateTime now) {
        LocalDateTime limit = allDay ? dueAt.toLocalDate().plusDays(1).atStartOfDay() : dueAt;
        return status == FollowUpStatus.PLANNED && now.isAfter(limit);
    }

    /** A complaint not resolved within its 24 hours: still open after them, or closed after them. */
    public boolean isLate(LocalDateTime now) {
        if (kind != FollowUpKind.COMPLAINT || resolveBy == null) {
            return false;
        }
        if (status == FollowUpStatus.PLANNED) {
            return now.isAfter(resolveBy);
        }
        return completedAt != null && completedAt.isAfter(resolveBy);
    }
}

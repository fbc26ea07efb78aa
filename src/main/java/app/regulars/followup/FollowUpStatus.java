package app.regulars.followup;

/** Where a follow-up stands. Only planned ones can be completed, rescheduled or cancelled. */
public enum FollowUpStatus {
    PLANNED, DONE, MISSED, CANCELLED
}

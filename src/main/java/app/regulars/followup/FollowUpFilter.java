package app.regulars.followup;

/** What a list or calendar shows: any of these may be null (= all). */
public record FollowUpFilter(FollowUpKind kind, String owner, FollowUpStatus status, String tag) {
    public static final FollowUpFilter ALL = new FollowUpFilter(null, null, null, null);
}

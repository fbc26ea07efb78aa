package app.regulars.followup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generation keys of automatic follow-ups moved by a merge of customers (decision 0025). */
class FollowUpMergeKeysTest {
    @Test
    void aMovedFollowUpGetsTheKeyTheGeneratorGivesTheKeptCustomer() {
        assertThat(FollowUpTitles.rekey("BIRTHDAY:12:2026-12-01", 12, 7)).isEqualTo("BIRTHDAY:7:2026-12-01");
        assertThat(FollowUpTitles.rekey("CADENCE:12:2026-11-02", 12, 7)).isEqualTo("CADENCE:7:2026-11-02");
        assertThat(FollowUpTitles.rekey("WIN_BACK:12:2026-08-30", 12, 7)).isEqualTo("WIN_BACK:7:2026-08-30");
        assertThat(FollowUpTitles.rekey("HOLIDAY:SPRING_FESTIVAL:2027:12", 12, 7)).isEqualTo("HOLIDAY:SPRING_FESTIVAL:2027:7");
        // A complaint's key names the survey answer; another customer's id (12 in 112) is not this one's.
        assertThat(FollowUpTitles.rekey("COMPLAINT:NPS:3:12", 12, 7)).isEqualTo("COMPLAINT:NPS:3:12");
        assertThat(FollowUpTitles.rekey("BIRTHDAY:112:2026-12-01", 12, 7)).isEqualTo("BIRTHDAY:112:2026-12-01");
        assertThat(FollowUpTitles.rekey("HOLIDAY:NEW_YEAR:2027:112", 12, 7)).isEqualTo("HOLIDAY:NEW_YEAR:2027:112");
        assertThat(FollowUpTitles.rekey(null, 12, 7)).isNull();
    }

    @Test
    void aCustomerNeedsOnePlannedFollowUpOfEachKindAndEachHolidayOfAYear() {
        assertThat(FollowUpTitles.slot("CADENCE:12:2026-11-02")).isEqualTo(FollowUpTitles.slot("CADENCE:7:2026-10-01"));
        assertThat(FollowUpTitles.slot("BIRTHDAY:12:2026-12-01")).isEqualTo("BIRTHDAY");
        assertThat(FollowUpTitles.slot("HOLIDAY:NEW_YEAR:2027:12")).isEqualTo("HOLIDAY:NEW_YEAR:2027")
                .isNotEqualTo(FollowUpTitles.slot("HOLIDAY:SPRING_FESTIVAL:2027:12"));
        assertThat(FollowUpTitles.slot("COMPLAINT:NPS:3:12")).isNull();
    }
}

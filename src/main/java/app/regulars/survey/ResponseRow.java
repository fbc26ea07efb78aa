package app.regulars.survey;

import java.time.LocalDate;

/** A response as lists show it: who, when, how, the headline score and the comment. */
public record ResponseRow(long id, long surveyId, String surveyName, String surveyNameZh, LocalDate answeredOn,
                          ResponseChannel channel, Integer score, String comment, Long customerId, String customerCode,
                          String customerName, String walkInName, Long complaintFollowUpId) {
    public String surveyName(boolean chinese) {
        return chinese && surveyNameZh != null && !surveyNameZh.isBlank() ? surveyNameZh : surveyName;
    }

    public boolean isWalkIn() {
        return customerId == null;
    }
}

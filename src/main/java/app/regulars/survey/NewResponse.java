package app.regulars.survey;

import java.time.LocalDate;
import java.util.List;

/**
 * A response to save: against the survey's current version, for a customer or a walk-in
 * ({@code customerId} null, {@code walkInName} optional).
 */
public record NewResponse(long surveyId, Long customerId, String walkInName, ResponseChannel channel, LocalDate answeredOn,
                          List<Answer> answers) {
    public NewResponse {
        answers = List.copyOf(answers);
        walkInName = walkInName == null || walkInName.isBlank() ? null : walkInName.strip();
    }
}

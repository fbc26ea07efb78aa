package app.regulars.survey;

import java.util.List;

/** The answer to one question: a score, chosen choice ids, or a text (whichever the kind needs). */
public record Answer(long questionId, Integer score, List<Long> choiceIds, String text) {
    public Answer {
        choiceIds = choiceIds == null ? List.of() : List.copyOf(choiceIds);
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public static Answer score(long questionId, int score) {
        return new Answer(questionId, score, List.of(), null);
    }

    public static Answer text(long questionId, String text) {
        return new Answer(questionId, null, List.of(), text);
    }

    public static Answer choices(long questionId, List<Long> ids) {
        return new Answer(questionId, null, ids, null);
    }

    public boolean isEmpty() {
        return score == null && choiceIds.isEmpty() && text == null;
    }
}

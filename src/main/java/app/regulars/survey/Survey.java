package app.regulars.survey;

import java.util.List;

/** A survey at one version, with that version's questions in order. */
public record Survey(long id, SurveyKind kind, String templateKey, String name, String nameZh,
                     int version, long versionId, boolean archived, List<Question> questions) {
    public Survey {
        questions = List.copyOf(questions);
    }

    public String name(boolean chinese) {
        return chinese && nameZh != null && !nameZh.isBlank() ? nameZh : name;
    }

    /** The first score question: its answer is the response's headline score (NPS, CSAT). */
    public Question headline() {
        return questions.stream().filter(q -> q.kind() == QuestionKind.SCORE).findFirst().orElse(null);
    }
}

package app.regulars.survey;

/** The kinds of question a survey can ask. */
public enum QuestionKind {
    SCORE, SINGLE, MULTI, TEXT
}

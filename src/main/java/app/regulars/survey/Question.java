package app.regulars.survey;

import java.util.List;

/**
 * One question of a survey version. Texts are kept in English and Chinese for the built-in
 * templates; a shop's own questions have one text ({@code textZh} null) shown in both languages.
 */
public record Question(Long id, QuestionKind kind, String text, String textZh, boolean required,
                       Integer scaleMin, Integer scaleMax, String lowLabel, String lowLabelZh,
                       String highLabel, String highLabelZh, List<Choice> choices) {
    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Question score(String text, String textZh, boolean required, int min, int max,
                                 String low, String lowZh, String high, String highZh) {
        return new Question(null, QuestionKind.SCORE, text, textZh, required, min, max, low, lowZh, high, highZh, List.of());
    }

    public static Question text(String text, String textZh, boolean required) {
        return new Question(null, QuestionKind.TEXT, text, textZh, required, null, null, null, null, null, null, List.of());
    }

    public static Question choice(QuestionKind kind, String text, boolean required, List<String> labels) {
        return new Question(null, kind, text, null, required, null, null, null, null, null, null,
                labels.stream().map(l -> new Choice(null, l, null)).toList());
    }

    public String text(boolean chinese) {
        return pick(chinese, text, textZh);
    }

    public String lowLabel(boolean chinese) {
        return pick(chinese, lowLabel, lowLabelZh);
    }

    public String highLabel(boolean chinese) {
        return pick(chinese, highLabel, highLabelZh);
    }

    private static String pick(boolean chinese, String en, String zh) {
        return chinese && zh != null && !zh.isBlank() ? zh : en;
    }
}

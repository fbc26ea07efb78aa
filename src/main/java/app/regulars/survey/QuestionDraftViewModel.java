package app.regulars.survey;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.List;

/**
 * One question in the survey editor, as the user edits it: kind, text, required, the scale
 * with its end labels, the choices as one line separated by semicolons. {@code original} keeps
 * a template's texts in the other language while the shown ones are unchanged.
 */
public final class QuestionDraftViewModel {
    private final Question original;
    private final boolean zh;
    private final ObjectProperty<QuestionKind> kind = new SimpleObjectProperty<>(QuestionKind.SCORE);
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty required = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> scaleMin = new SimpleObjectProperty<>(1);
    private final ObjectProperty<Integer> scaleMax = new SimpleObjectProperty<>(5);
    private final StringProperty lowLabel = new SimpleStringProperty("");
    private final StringProperty highLabel = new SimpleStringProperty("");
    private final StringProperty choices = new SimpleStringProperty("");

    /** {@code original} null: a new required score question on a 1-5 scale. */
    QuestionDraftViewModel(Question original, boolean zh) {
        this.original = original;
        this.zh = zh;
        if (original == null) {
            return;
        }
        kind.set(original.kind());
        text.set(nz(original.text(zh)));
        required.set(original.required());
        if (original.kind() == QuestionKind.SCORE) {
            scaleMin.set(original.scaleMin());
            scaleMax.set(original.scaleMax());
            lowLabel.set(nz(original.lowLabel(zh)));
            highLabel.set(nz(original.highLabel(zh)));
        }
        choices.set(String.join("; ", original.choices().stream().map(c -> c.label(zh)).toList()));
    }

    /** The question to save: unchanged texts keep both languages, changed ones are the shop's own. */
    public Question toQuestion() {
        QuestionKind k = kind.get();
        String t = nz(text.get()).strip();
        boolean sameText = original != null && original.kind() == k && t.equals(original.text(zh));
        String en = sameText ? original.text() : t;
        String other = sameText ? original.textZh() : null;
        return switch (k) {
            case SCORE -> {
                boolean sameLabels = sameText && nz(lowLabel.get()).equals(nz(original.lowLabel(zh)))
                        && nz(highLabel.get()).equals(nz(original.highLabel(zh)));
                yield new Question(null, k, en, other, required.get(), scaleMin.get(), scaleMax.get(),
                        sameLabels ? original.lowLabel() : blankToNull(lowLabel.get()), sameLabels ? original.lowLabelZh() : null,
                        sameLabels ? original.highLabel() : blankToNull(highLabel.get()), sameLabels ? original.highLabelZh() : null,
                        List.of());
            }
            case SINGLE, MULTI -> new Question(null, k, en, other, required.get(), null, null, null, null, null, null,
                    Arrays.stream(nz(choices.get()).split("[;；\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                            .map(s -> new Choice(null, s, null)).toList());
            case TEXT -> new Question(null, k, en, other, required.get(), null, null, null, null, null, null, List.of());
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObjectProperty<QuestionKind> kindProperty() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty requiredProperty() {
        return required;
    }

    public ObjectProperty<Integer> scaleMinProperty() {
        return scaleMin;
    }

    public ObjectProperty<Integer> scaleMaxProperty() {
        return scaleMax;
    }

    public StringProperty lowLabelProperty() {
        return lowLabel;
    }

    public StringProperty highLabelProperty() {
        return highLabel;
    }

    /** The choices of a single or multiple choice question, separated by ; (or ；, or new lines). */
    public StringProperty choicesProperty() {
        return choices;
    }
}

package app.regulars.survey;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The survey editor: the name, the questions being edited in their order, and the error of
 * the last save. Saving goes through the service, which validates and makes a new version of
 * a survey that has answers.
 */
public final class SurveyEditorViewModel {
    private final SurveyService service;
    private final TaskRunner runner;
    private final Messages messages;
    private final Survey survey;
    private final boolean zh;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObservableList<QuestionDraftViewModel> questions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /** {@code survey} null: a new survey, starting with one score question. */
    public SurveyEditorViewModel(SurveyService service, TaskRunner runner, Messages messages, Survey survey) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        this.survey = survey;
        this.zh = messages.isChinese();
        if (survey == null) {
            addQuestion();
        } else {
            name.set(survey.name(zh));
            survey.questions().forEach(q -> questions.add(new QuestionDraftViewModel(q, zh)));
        }
    }

    /** The window's title: a new survey, or editing one. */
    public String title() {
        return messages.get(survey == null ? "survey.editor.titleNew" : "survey.editor.title");
    }

    /** Adds a new required score question at the end. */
    public QuestionDraftViewModel addQuestion() {
        QuestionDraftViewModel q = new QuestionDraftViewModel(null, zh);
        questions.add(q);
        return q;
    }

    public void remove(QuestionDraftViewModel question) {
        questions.remove(question);
    }

    /** Moves {@code question} {@code step} places (negative: up); nothing past either end. */
    public void move(QuestionDraftViewModel question, int step) {
        int i = questions.indexOf(question);
        int j = i + step;
        if (i < 0 || j < 0 || j >= questions.size()) {
            return;
        }
        List<QuestionDraftViewModel> order = new ArrayList<>(questions);
        order.remove(i);
        order.add(j, question);
        questions.setAll(order);
    }

    /**
     * The name to save: a template keeps its name in both languages while the shown one is
     * unchanged; otherwise what the user typed.
     */
    public String nameToSave() {
        String n = name.get();
        return survey != null && n.strip().equals(survey.name(zh)) ? survey.name() : n;
    }

    /** The questions to save, in their order. */
    public List<Question> questionsToSave() {
        return questions.stream().map(QuestionDraftViewModel::toQuestion).toList();
    }

    /** Saves in the background; {@code onSaved} gets the saved survey, a refusal shows in {@link #errorProperty}. */
    public void save(Consumer<Survey> onSaved) {
        Long id = survey == null ? null : survey.id();
        String saveName = nameToSave();
        List<Question> qs = questionsToSave();
        runner.run(() -> service.save(id, saveName, qs), onSaved, e -> error.set(messages.describe(e)));
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObservableList<QuestionDraftViewModel> questions() {
        return questions;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}

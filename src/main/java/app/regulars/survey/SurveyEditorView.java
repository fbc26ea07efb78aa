package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The survey editor: name, questions (score with its scale and end labels, single or multiple
 * choice, free text), required or optional, order. Saving a survey that has answers makes a
 * new version (the service decides); the old answers keep theirs.
 */
public final class SurveyEditorView extends BorderPane {
    private final Messages messages;
    private final boolean zh;
    private final VBox rows = new VBox(10);
    private final List<Row> questionRows = new ArrayList<>();
    private final TextField name = new TextField();
    private final Label error = new Label();

    /** One question being edited; {@code original} keeps a template's other-language texts. */
    private final class Row extends VBox {
        final Question original;
        final ComboBox<QuestionKind> kind = new ComboBox<>();
        final TextField text = new TextField();
        final CheckBox required = new CheckBox(messages.get("survey.editor.required"));
        final Spinner<Integer> min = new Spinner<>(0, 10, 1);
        final Spinner<Integer> max = new Spinner<>(0, 10, 5);
        final TextField low = new TextField();
        final TextField high = new TextField();
        final TextField choices = new TextField();
        final HBox scoreBox;

        Row(Question q) {
            super(6);
            this.original = q;
            getStyleClass().add("survey-editor-row");
            kind.getItems().setAll(QuestionKind.values());
            kind.setConverter(new StringConverter<>() {
                @Override
                public String toString(QuestionKind k) {
                    return k == null ? "" : messages.get("survey.editor.kind." + k.name().toLowerCase(Locale.ROOT));
                }

                @Override
                public QuestionKind fromString(String s) {
                    return null;
                }
            });
            text.setPromptText(messages.get("survey.editor.questionPrompt"));
            HBox.setHgrow(text, Priority.ALWAYS);
            min.setPrefWidth(75);
            max.setPrefWidth(75);
            min.setEditable(true);
            max.setEditable(true);
            low.setPromptText(messages.get("survey.editor.lowLabel"));
            high.setPromptText(messages.get("survey.editor.highLabel"));
            choices.setPromptText(messages.get("survey.editor.choicesPrompt"));
            Button up = new Button("↑");
            up.setOnAction(e -> move(this, -1));
            Button down = new Button("↓");
            down.setOnAction(e -> move(this, 1));
            Button remove = new Button("✕");
            remove.setOnAction(e -> {
                questionRows.remove(this);
                rows.getChildren().remove(this);
            });
            HBox first = new HBox(8, kind, text, required, up, down, remove);
            first.setAlignment(Pos.CENTER_LEFT);
            scoreBox = new HBox(8, new Label(messages.get("survey.editor.scale")), min, new Label("–"), max, low, high);
            HBox.setHgrow(low, Priority.ALWAYS);
            HBox.setHgrow(high, Priority.ALWAYS);
            scoreBox.setAlignment(Pos.CENTER_LEFT);
            scoreBox.managedProperty().bind(scoreBox.visibleProperty());
            choices.managedProperty().bind(choices.visibleProperty());
            getChildren().addAll(first, scoreBox, choices);
            kind.valueProperty().addListener((o, a, k) -> {
                scoreBox.setVisible(k == QuestionKind.SCORE);
                choices.setVisible(k == QuestionKind.SINGLE || k == QuestionKind.MULTI);
            });
            if (q == null) {
                kind.setValue(QuestionKind.SCORE);
                required.setSelected(true);
            } else {
                kind.setValue(q.kind());
                text.setText(q.text(zh));
                required.setSelected(q.required());
                if (q.kind() == QuestionKind.SCORE) {
                    min.getValueFactory().setValue(q.scaleMin());
                    max.getValueFactory().setValue(q.scaleMax());
                    low.setText(q.lowLabel(zh));
                    high.setText(q.highLabel(zh));
                }
                choices.setText(String.join("; ", q.choices().stream().map(c -> c.label(zh)).toList()));
            }
        }

        Question toQuestion() {
            QuestionKind k = kind.getValue();
            String t = text.getText().strip();
            boolean sameText = original != null && original.kind() == k && t.equals(original.text(zh));
            String en = sameText ? original.text() : t;
            String other = sameText ? original.textZh() : null;
            return switch (k) {
                case SCORE -> {
                    boolean sameLabels = sameText && low.getText().equals(nz(original.lowLabel(zh))) && high.getText().equals(nz(original.highLabel(zh)));
                    yield new Question(null, k, en, other, required.isSelected(), min.getValue(), max.getValue(),
                            sameLabels ? original.lowLabel() : blankToNull(low.getText()), sameLabels ? original.lowLabelZh() : null,
                            sameLabels ? original.highLabel() : blankToNull(high.getText()), sameLabels ? original.highLabelZh() : null, List.of());
                }
                case SINGLE, MULTI -> new Question(null, k, en, other, required.isSelected(), null, null, null, null, null, null,
                        Arrays.stream(choices.getText().split("[;；\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                                .map(s -> new Choice(null, s, null)).toList());
                case TEXT -> new Question(null, k, en, other, required.isSelected(), null, null, null, null, null, null, List.of());
            };
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void move(Row row, int step) {
        int i = questionRows.indexOf(row);
        int j = i + step;
        if (j < 0 || j >= questionRows.size()) {
            return;
        }
        questionRows.remove(i);
        questionRows.add(j, row);
        rows.getChildren().setAll(questionRows);
    }

    private SurveyEditorView(Messages messages, Survey survey, Runnable onSave, Runnable onCancel) {
        this.messages = messages;
        this.zh = messages.isChinese();
        setPadding(new Insets(16));
        name.setId("editorName");
        name.setPromptText(messages.get("survey.editor.namePrompt"));
        if (survey != null) {
            name.setText(survey.name(zh));
            survey.questions().forEach(q -> addRow(q));
        } else {
            addRow(null);
        }
        Label nameLabel = new Label(messages.get("survey.editor.name"));
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        nameLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox top = new HBox(10, nameLabel, name);
        top.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label(messages.get("survey.editor.versionNote"));
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        VBox header = new VBox(8, top, note);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Button add = new Button(messages.get("survey.editor.add"));
        add.setId("editorAdd");
        add.setOnAction(e -> addRow(null));
        Button save = new Button(messages.get("survey.editor.save"));
        save.setId("editorSaveSurvey");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.setOnAction(e -> onSave.run());
        Button cancel = new Button(messages.get("survey.entry.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        error.setId("editorError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, add, error, grow, cancel, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(10, 0, 0, 0));
        setBottom(buttons);
    }

    private void addRow(Question q) {
        Row r = new Row(q);
        r.text.setId("editorQuestion" + (questionRows.size() + 1));
        r.kind.setId("editorKind" + (questionRows.size() + 1));
        questionRows.add(r);
        rows.getChildren().add(r);
    }

    private List<Question> questions() {
        return questionRows.stream().map(Row::toQuestion).toList();
    }

    /** Opens the editor for {@code survey} (null: a new one); {@code onSaved} gets the saved survey. */
    public static Stage open(Window owner, SurveyService service, TaskRunner runner, Messages messages, Survey survey,
                             Consumer<Survey> onSaved) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(messages.get(survey == null ? "survey.editor.titleNew" : "survey.editor.title"));
        SurveyEditorView[] view = new SurveyEditorView[1];
        view[0] = new SurveyEditorView(messages, survey, () -> {
            SurveyEditorView v = view[0];
            Long id = survey == null ? null : survey.id();
            String n = v.name.getText();
            // A template keeps its name in both languages while the shown one is unchanged.
            String saveName = survey != null && n.strip().equals(survey.name(v.zh)) ? survey.name() : n;
            List<Question> qs = v.questions();
            runner.run(() -> service.save(id, saveName, qs), s -> {
                stage.close();
                onSaved.accept(s);
            }, e -> v.error.setText(messages.describe(e)));
        }, stage::close);
        view[0].addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                ((Button) view[0].lookup("#editorSaveSurvey")).fire();
            }
        });
        Scene scene = new Scene(view[0], 860, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}

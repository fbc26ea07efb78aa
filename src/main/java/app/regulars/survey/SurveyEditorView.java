package app.regulars.survey;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
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
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The survey editor: name, questions (score with its scale and end labels, single or multiple
 * choice, free text), required or optional, order. Saving a survey that has answers makes a
 * new version (the service decides); the old answers keep theirs.
 */
public final class SurveyEditorView extends BorderPane {
    private final SurveyEditorViewModel vm;
    private final Messages messages;
    private final VBox rows = new VBox(10);
    private final Map<QuestionDraftViewModel, Row> rowOf = new HashMap<>();

    /** One question's controls, bound to its draft in the view model. */
    private final class Row extends VBox {
        Row(QuestionDraftViewModel q, int number) {
            super(6);
            getStyleClass().add("survey-editor-row");
            ComboBox<QuestionKind> kind = new ComboBox<>();
            TextField text = new TextField();
            text.setId("editorQuestion" + number);
            kind.setId("editorKind" + number);
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
            kind.valueProperty().bindBidirectional(q.kindProperty());
            text.setPromptText(messages.get("survey.editor.questionPrompt"));
            text.textProperty().bindBidirectional(q.textProperty());
            HBox.setHgrow(text, Priority.ALWAYS);
            CheckBox required = new CheckBox(messages.get("survey.editor.required"));
            required.selectedProperty().bindBidirectional(q.requiredProperty());
            Button up = new Button("↑");
            up.setOnAction(e -> vm.move(q, -1));
            Button down = new Button("↓");
            down.setOnAction(e -> vm.move(q, 1));
            Button remove = new Button("✕");
            remove.setOnAction(e -> vm.remove(q));
            HBox first = new HBox(8, kind, text, required, up, down, remove);
            first.setAlignment(Pos.CENTER_LEFT);
            HBox scoreBox = scoreBox(q);
            scoreBox.visibleProperty().bind(q.kindProperty().isEqualTo(QuestionKind.SCORE));
            TextField choices = new TextField();
            choices.setPromptText(messages.get("survey.editor.choicesPrompt"));
            choices.textProperty().bindBidirectional(q.choicesProperty());
            choices.managedProperty().bind(choices.visibleProperty());
            choices.visibleProperty().bind(Bindings.createBooleanBinding(
                    () -> q.kindProperty().get() == QuestionKind.SINGLE || q.kindProperty().get() == QuestionKind.MULTI,
                    q.kindProperty()));
            getChildren().addAll(first, scoreBox, choices);
        }

        private HBox scoreBox(QuestionDraftViewModel q) {
            Spinner<Integer> min = new Spinner<>(0, 10, 1);
            Spinner<Integer> max = new Spinner<>(0, 10, 5);
            min.getValueFactory().valueProperty().bindBidirectional(q.scaleMinProperty());
            max.getValueFactory().valueProperty().bindBidirectional(q.scaleMaxProperty());
            min.setPrefWidth(75);
            max.setPrefWidth(75);
            min.setEditable(true);
            max.setEditable(true);
            TextField low = new TextField();
            low.setPromptText(messages.get("survey.editor.lowLabel"));
            low.textProperty().bindBidirectional(q.lowLabelProperty());
            TextField high = new TextField();
            high.setPromptText(messages.get("survey.editor.highLabel"));
            high.textProperty().bindBidirectional(q.highLabelProperty());
            HBox box = new HBox(8, new Label(messages.get("survey.editor.scale")), min, new Label("–"), max, low, high);
            HBox.setHgrow(low, Priority.ALWAYS);
            HBox.setHgrow(high, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
            box.managedProperty().bind(box.visibleProperty());
            return box;
        }
    }

    private SurveyEditorView(SurveyEditorViewModel vm, Messages messages, Runnable onSave, Runnable onCancel) {
        this.vm = vm;
        this.messages = messages;
        setPadding(new Insets(16));
        setTop(header());
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Button save = new Button(messages.get("survey.editor.save"));
        save.setId("editorSaveSurvey");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.setOnAction(e -> onSave.run());
        setBottom(buttons(save, onCancel));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                save.fire();
            }
        });
        vm.questions().addListener((ListChangeListener<QuestionDraftViewModel>) c -> showRows());
        showRows();
    }

    private VBox header() {
        TextField name = new TextField();
        name.setId("editorName");
        name.setPromptText(messages.get("survey.editor.namePrompt"));
        name.textProperty().bindBidirectional(vm.nameProperty());
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
        return header;
    }

    private HBox buttons(Button save, Runnable onCancel) {
        Button add = new Button(messages.get("survey.editor.add"));
        add.setId("editorAdd");
        add.setOnAction(e -> vm.addQuestion());
        Button cancel = new Button(messages.get("survey.entry.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        Label error = new Label();
        error.setId("editorError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, add, error, grow, cancel, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(10, 0, 0, 0));
        return buttons;
    }

    /** The rows in the view model's order; a question keeps its row (and its ids) while it stays. */
    private void showRows() {
        rowOf.keySet().retainAll(vm.questions());
        for (int i = 0; i < vm.questions().size(); i++) {
            int number = i + 1;
            rowOf.computeIfAbsent(vm.questions().get(i), q -> new Row(q, number));
        }
        rows.getChildren().setAll(vm.questions().stream().map(rowOf::get).toList());
    }

    /** Opens the editor of {@code vm}'s survey; {@code onSaved} gets the saved survey after the window closed. */
    public static Stage open(Window owner, SurveyEditorViewModel vm, Messages messages, Consumer<Survey> onSaved) {
        Stage[] stage = new Stage[1];
        SurveyEditorView view = new SurveyEditorView(vm, messages, () -> vm.save(s -> {
            stage[0].close();
            onSaved.accept(s);
        }), () -> stage[0].close());
        stage[0] = Windows.stage(owner, vm.title(), view, 860, 560);
        stage[0].show();
        return stage[0];
    }
}

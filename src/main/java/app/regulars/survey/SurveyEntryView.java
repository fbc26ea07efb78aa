package app.regulars.survey;

import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import app.regulars.fx.Windows;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Entering one response by keyboard alone: digits for scores, arrows and space for choices,
 * Tab to move, Ctrl+Enter to save, Esc to cancel.
 */
public final class SurveyEntryView extends BorderPane {
    private final SurveyEntryViewModel vm;
    private final Messages messages;
    private final VBox questions = new VBox(14);
    private Node firstInput;

    public SurveyEntryView(SurveyEntryViewModel vm, Messages messages, Runnable onSave, Runnable onCancel) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("survey-entry");
        setPadding(new Insets(16));
        setTop(header());
        ScrollPane scroll = new ScrollPane(questions);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        setBottom(footer(onSave, onCancel));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                onSave.run();
            } else if (e.getCode() == KeyCode.ESCAPE && !(e.getTarget() instanceof ComboBox<?>) && !(e.getTarget() instanceof DatePicker)) {
                // A score field's formatter would swallow Esc; the entry closes whatever has the focus.
                e.consume();
                onCancel.run();
            }
        });
        vm.surveyProperty().addListener((obs, o, n) -> build(n));
        if (vm.surveyProperty().get() != null) {
            build(vm.surveyProperty().get());
        }
    }

    /** Who answers (a customer, or a walk-in with an optional name) and which survey. */
    private VBox header() {
        boolean zh = messages.isChinese();
        ComboBox<SurveySummary> surveyBox = new ComboBox<>(vm.surveys());
        surveyBox.setId("entrySurvey");
        surveyBox.valueProperty().bindBidirectional(vm.selectedProperty());
        surveyBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SurveySummary s) {
                return s == null ? "" : s.name(zh);
            }

            @Override
            public SurveySummary fromString(String s) {
                return null;
            }
        });
        surveyBox.setMaxWidth(Double.MAX_VALUE);
        Label surveyLabel = mnemonicLabel(messages.get("survey.entry.survey"), surveyBox);

        Label who = new Label(vm.isWalkIn() ? messages.get("survey.entry.walkIn") : vm.customerName());
        who.getStyleClass().add("section-title");
        who.setId("entryWho");
        GridPane head = new GridPane(10, 8);
        head.add(surveyLabel, 0, 0);
        head.add(surveyBox, 1, 0);
        if (vm.isWalkIn()) {
            TextField name = new TextField();
            name.setId("entryWalkInName");
            name.setPromptText(messages.get("survey.entry.walkInPrompt"));
            name.textProperty().bindBidirectional(vm.walkInNameProperty());
            head.add(mnemonicLabel(messages.get("survey.entry.walkInName"), name), 0, 1);
            head.add(name, 1, 1);
        }
        GridPane.setHgrow(surveyBox, Priority.ALWAYS);
        VBox top = new VBox(10, who, head);
        top.setPadding(new Insets(0, 0, 12, 0));
        return top;
    }

    /** Channel and date, the error, the keyboard hint, Cancel and Save. */
    private VBox footer(Runnable onSave, Runnable onCancel) {
        ComboBox<ResponseChannel> channel = new ComboBox<>();
        channel.getItems().setAll(ResponseChannel.values());
        channel.setId("entryChannel");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        channel.setConverter(new StringConverter<>() {
            @Override
            public String toString(ResponseChannel c) {
                return c == null ? "" : messages.get(c.key());
            }

            @Override
            public ResponseChannel fromString(String s) {
                return null;
            }
        });
        channel.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ResponseChannel c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? "" : messages.get(c.key()));
            }
        });
        DatePicker date = DateFields.create(messages);
        date.setId("entryDate");
        date.valueProperty().bindBidirectional(vm.dateProperty());
        date.setPrefWidth(150);
        Label error = new Label();
        error.setId("entryError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        Button save = new Button(messages.get("survey.entry.save"));
        save.setId("entrySave");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.busyProperty().or(vm.surveyProperty().isNull()));
        save.setOnAction(e -> onSave.run());
        Button cancel = new Button(messages.get("survey.entry.cancel"));
        cancel.setId("entryCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        Label hint = new Label(messages.get("survey.entry.hint"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        save.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox meta = new HBox(10, mnemonicLabel(messages.get("survey.entry.channel"), channel), channel,
                mnemonicLabel(messages.get("survey.entry.date"), date), date);
        meta.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(10, hint, grow, cancel, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(10, meta, error, buttons);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        return bottom;
    }

    private static Label mnemonicLabel(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void build(Survey s) {
        questions.getChildren().clear();
        firstInput = null;
        if (s == null) {
            return;
        }
        boolean zh = messages.isChinese();
        int n = 0;
        for (Question q : s.questions()) {
            n++;
            Label text = new Label(n + ". " + q.text(zh) + (q.required() ? " *" : ""));
            text.setWrapText(true);
            text.getStyleClass().add("survey-question");
            VBox box = new VBox(6, text);
            Node input = switch (q.kind()) {
                case SCORE -> scoreInput(q, n, zh, box);
                case SINGLE -> singleInput(q, n, zh, box);
                case MULTI -> multiInput(q, n, zh, box);
                case TEXT -> {
                    TextField f = new TextField();
                    f.setId("q" + n);
                    f.textProperty().bindBidirectional(vm.text(q.id()));
                    box.getChildren().add(f);
                    yield f;
                }
            };
            if (firstInput == null) {
                firstInput = input;
            }
            questions.getChildren().add(box);
        }
        Node focus = firstInput;
        if (focus != null) {
            javafx.application.Platform.runLater(focus::requestFocus);
        }
    }

    private Node scoreInput(Question q, int n, boolean zh, VBox box) {
        TextField f = new TextField();
        f.setId("q" + n);
        int width = String.valueOf(q.scaleMax()).length();
        f.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0," + width + "}") ? c : null));
        f.setPrefColumnCount(3);
        f.setMaxWidth(70);
        f.setPromptText(q.scaleMin() + "–" + q.scaleMax());
        f.textProperty().bindBidirectional(vm.score(q.id()));
        String scale = q.scaleMin() + " = " + nullToEmpty(q.lowLabel(zh)) + "   …   " + q.scaleMax() + " = " + nullToEmpty(q.highLabel(zh));
        Label hint = new Label(scale);
        hint.getStyleClass().add("muted");
        HBox row = new HBox(12, f, hint);
        row.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(row);
        return f;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private Node singleInput(Question q, int n, boolean zh, VBox box) {
        ToggleGroup group = new ToggleGroup();
        FlowPane row = new FlowPane(14, 6);
        List<RadioButton> buttons = new ArrayList<>();
        int i = 0;
        for (Choice c : q.choices()) {
            RadioButton b = new RadioButton(c.label(zh));
            b.setId("q" + n + "c" + (++i));
            b.setToggleGroup(group);
            b.setUserData(c.id());
            buttons.add(b);
        }
        group.selectedToggleProperty().addListener((obs, o, t) -> vm.single(q.id()).set(t == null ? null : (Long) t.getUserData()));
        arrowKeys(buttons, true);
        row.getChildren().addAll(buttons);
        box.getChildren().add(row);
        return buttons.getFirst();
    }

    private Node multiInput(Question q, int n, boolean zh, VBox box) {
        FlowPane row = new FlowPane(14, 6);
        List<CheckBox> boxes = new ArrayList<>();
        int i = 0;
        for (Choice c : q.choices()) {
            CheckBox b = new CheckBox(c.label(zh));
            b.setId("q" + n + "c" + (++i));
            b.selectedProperty().addListener((obs, o, sel) -> {
                if (sel) {
                    vm.multi(q.id()).add(c.id());
                } else {
                    vm.multi(q.id()).remove(c.id());
                }
            });
            boxes.add(b);
        }
        vm.multi(q.id()).addListener((SetChangeListener<Long>) ch -> { });
        arrowKeys(boxes, false);
        row.getChildren().addAll(boxes);
        box.getChildren().add(row);
        return boxes.getFirst();
    }

    /** Left/Up and Right/Down move between a question's options (and pick a single choice). */
    private static void arrowKeys(List<? extends javafx.scene.control.ButtonBase> options, boolean select) {
        for (int i = 0; i < options.size(); i++) {
            int index = i;
            // Tab enters a question at its first option and leaves it after; arrows move inside.
            options.get(i).setFocusTraversable(i == 0);
            options.get(i).addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                int step = switch (e.getCode()) {
                    case RIGHT, DOWN -> 1;
                    case LEFT, UP -> -1;
                    default -> 0;
                };
                if (step == 0) {
                    return;
                }
                e.consume();
                int next = Math.floorMod(index + step, options.size());
                var target = options.get(next);
                target.requestFocus();
                if (select && target instanceof RadioButton r) {
                    r.setSelected(true);
                }
            });
        }
    }

    /**
     * Opens the entry for a known customer (from the profile, or from a follow-up: the follow-up
     * feature calls this with the follow-up's customer) with the survey list loaded.
     */
    public static Stage openFor(Window owner, SurveyService service, app.regulars.fx.TaskRunner runner, Messages messages,
                                long customerId, String customerName, LongConsumer onSaved) {
        SurveyEntryViewModel vm = new SurveyEntryViewModel(service, runner, messages, customerId, customerName);
        Stage stage = open(owner, vm, messages, onSaved);
        vm.load(null);
        return stage;
    }

    /** Opens the entry in its own window; {@code onSaved} runs with the new response's id after a save. */
    public static Stage open(Window owner, SurveyEntryViewModel vm, Messages messages, LongConsumer onSaved) {
        Stage[] stage = new Stage[1];
        SurveyEntryView view = new SurveyEntryView(vm, messages, () -> vm.save(id -> {
            stage[0].close();
            onSaved.accept(id);
        }), () -> stage[0].close());
        stage[0] = Windows.stage(owner, messages.get("survey.entry.title"), view, 640, 520);
        stage[0].show();
        return stage[0];
    }
}

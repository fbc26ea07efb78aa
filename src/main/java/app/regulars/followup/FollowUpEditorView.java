package app.regulars.followup;

import app.regulars.customer.CustomerSummary;
import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import app.regulars.fx.Windows;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The follow-up form in its own small window: Enter saves, Esc cancels, Alt+letter reaches each field. */
public final class FollowUpEditorView extends VBox {
    private final FollowUpEditorViewModel vm;
    private final TextField customerField = new TextField();

    public FollowUpEditorView(FollowUpEditorViewModel vm, Messages messages, Consumer<FollowUp> saved, Runnable cancel) {
        this.vm = vm;
        getStyleClass().add("followup-editor");
        setSpacing(10);
        setPadding(new Insets(16));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        customerField.setId("followupCustomer");
        customerField.textProperty().bindBidirectional(vm.customerQueryProperty());
        customerField.disableProperty().bind(vm.newFollowUpProperty().not());
        ListView<CustomerSummary> matches = new ListView<>(vm.matches());
        matches.setId("followupCustomerMatches");
        matches.setPrefHeight(110);
        matches.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CustomerSummary c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + "  ·  " + c.code() + (c.primaryPhone() == null ? "" : "  ·  " + c.primaryPhone()));
            }
        });
        matches.visibleProperty().bind(vm.newFollowUpProperty().and(Bindings.isNotEmpty(vm.matches())));
        matches.managedProperty().bind(matches.visibleProperty());
        matches.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.customerProperty().set(n);
            }
        });
        Label chosen = new Label();
        chosen.getStyleClass().add("muted");
        var customer = vm.customerProperty();
        chosen.textProperty().bind(Bindings.createStringBinding(() -> customer.get() == null ? ""
                : customer.get().name() + (customer.get().code() == null ? "" : "  ·  " + customer.get().code()), customer));

        // What the customer's consent rules out, where the rep plans the contact.
        Label consent = new Label();
        consent.setId("followupConsent");
        consent.getStyleClass().add("consent-limit");
        consent.textProperty().bind(vm.consentLimitsProperty());
        consent.visibleProperty().bind(vm.consentLimitsProperty().isNotEmpty());
        consent.managedProperty().bind(consent.visibleProperty());

        ComboBox<FollowUpKind> kind = new ComboBox<>();
        kind.setId("followupKind");
        kind.getItems().setAll(FollowUpKind.values());
        kind.setConverter(enumConverter(messages, "followup.kind."));
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        TextField title = new TextField();
        title.setId("followupTitle");
        title.textProperty().bindBidirectional(vm.titleProperty());
        DatePicker date = DateFields.create(messages);
        date.setId("followupDate");
        date.valueProperty().bindBidirectional(vm.dateProperty());
        TextField time = new TextField();
        time.setId("followupTime");
        time.setPrefColumnCount(5);
        time.setPromptText("10:00");
        time.textProperty().bindBidirectional(vm.timeProperty());
        CheckBox allDay = new CheckBox(messages.get("followup.editor.allDay"));
        allDay.setId("followupAllDay");
        allDay.selectedProperty().bindBidirectional(vm.allDayProperty());
        time.disableProperty().bind(vm.allDayProperty());
        // the store's people to choose from (decision 0033), or a name typed as before
        ComboBox<String> owner = new ComboBox<>(vm.ownerChoices());
        owner.setId("followupOwner");
        owner.setEditable(true);
        owner.setPrefWidth(240);
        owner.getEditor().textProperty().bindBidirectional(vm.ownerProperty());
        ComboBox<Recurrence> recurrence = new ComboBox<>();
        recurrence.setId("followupRecurrence");
        recurrence.getItems().setAll(Recurrence.values());
        recurrence.setConverter(enumConverter(messages, "followup.recurrence."));
        recurrence.valueProperty().bindBidirectional(vm.recurrenceProperty());
        DatePicker until = DateFields.create(messages);
        until.setId("followupUntil");
        until.valueProperty().bindBidirectional(vm.untilProperty());
        until.disableProperty().bind(vm.recurrenceProperty().isEqualTo(Recurrence.NONE));
        TextArea notes = new TextArea();
        notes.setId("followupNotes");
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(vm.notesProperty());

        int row = 0;
        grid.addRow(row++, label(messages, "followup.editor.customer", customerField), customerField);
        grid.add(matches, 1, row++);
        HBox who = new HBox(10, chosen, consent);
        who.setAlignment(Pos.CENTER_LEFT);
        grid.add(who, 1, row++);
        grid.addRow(row++, label(messages, "followup.editor.kind", kind), kind);
        grid.addRow(row++, label(messages, "followup.editor.title", title), title);
        HBox when = new HBox(8, date, time, allDay);
        when.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label(messages, "followup.editor.due", date), when);
        grid.addRow(row++, label(messages, "followup.editor.owner", owner), owner);
        HBox repeat = new HBox(8, recurrence, new Label(messages.get("followup.editor.until")), until);
        repeat.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label(messages, "followup.editor.repeat", recurrence), repeat);
        grid.addRow(row, label(messages, "followup.editor.notes", notes), notes);

        Label error = new Label();
        error.setId("followupError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());

        Button save = new Button(messages.get("followup.editor.save"));
        save.setId("followupSave");
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save(saved));
        vm.conflictProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                app.regulars.fx.ConflictDialog.show(this, messages, now, vm::reload, vm::keepMine); // decision 0031
            }
        });
        Button cancelButton = new Button(messages.get("followup.editor.cancel"));
        cancelButton.setCancelButton(true);
        cancelButton.setOnAction(e -> cancel.run());
        HBox buttons = new HBox(8, save, cancelButton);
        if (vm.canAskSurvey()) {
            // After a visit or a call: the customer's answers, without leaving the follow-up.
            Button survey = new Button(messages.get("followup.editor.survey"));
            survey.setId("followupSurvey");
            survey.setMnemonicParsing(true);
            survey.visibleProperty().bind(vm.customerProperty().isNotNull());
            survey.managedProperty().bind(survey.visibleProperty());
            survey.setOnAction(e -> vm.askSurvey());
            // An invitation is marketing: not without consent, and the form says so beside the button.
            survey.disableProperty().bind(vm.surveyAllowedProperty().not());
            Label why = new Label(messages.get("followup.editor.surveyNoConsent"));
            why.setId("followupSurveyNoConsent");
            why.getStyleClass().add("muted");
            why.setWrapText(true);
            why.setMaxWidth(260);
            why.visibleProperty().bind(vm.customerProperty().isNotNull().and(vm.surveyAllowedProperty().not()));
            why.managedProperty().bind(why.visibleProperty());
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            buttons.getChildren().addAll(0, java.util.List.of(survey, why, gap));
        }
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(grid, error, buttons);
    }

    private static Label label(Messages messages, String key, javafx.scene.Node target) {
        Label l = new Label(messages.get(key));
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.getStyleClass().add("field-label");
        return l;
    }

    static <E extends Enum<E>> StringConverter<E> enumConverter(Messages messages, String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : messages.get(prefix + value.name());
            }

            @Override
            public E fromString(String string) {
                return null;
            }
        };
    }

    public void focusFirstField() {
        if (customerField.isDisabled()) {
            lookup("#followupTitle").requestFocus();
        } else {
            customerField.requestFocus();
        }
    }

    /** Opens the form in a window over {@code owner}; {@code saved} runs after a successful save, then the window closes. */
    public static Stage open(Window owner, FollowUpEditorViewModel vm, Messages messages, String titleKey, Consumer<FollowUp> saved) {
        AtomicReference<Stage> window = new AtomicReference<>();
        FollowUpEditorView view = new FollowUpEditorView(vm, messages, f -> {
            window.get().close();
            saved.accept(f);
        }, () -> window.get().close());
        Stage stage = Windows.stage(owner, messages.get(titleKey), view, 660, 580);
        window.set(stage);
        stage.show();
        view.focusFirstField();
        return stage;
    }
}

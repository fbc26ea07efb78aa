package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The form to add or edit a customer. Each field has its problem text right under it;
 * a banner warns when the phone or email already belongs to another customer.
 * Ctrl+S saves, Esc cancels (wired by the page).
 */
public final class CustomerEditorView extends BorderPane {
    private final CustomerEditorViewModel vm;
    private final Messages messages;
    private final Map<CustomerField, Label> problemLabels = new EnumMap<>(CustomerField.class);
    private final TextField nameField = new TextField();
    private final GridPane form = new GridPane();
    private int row;

    public CustomerEditorView(CustomerEditorViewModel vm, Messages messages, Consumer<Customer> saved, Runnable cancel) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("customer-editor");

        Label title = new Label();
        title.getStyleClass().add("page-title");
        title.textProperty().bind(vm.titleProperty());
        Button cancelButton = new Button(messages.get("common.cancel"));
        cancelButton.setId("editorCancel");
        cancelButton.setCancelButton(false);
        cancelButton.setOnAction(e -> cancel.run());
        Button save = new Button(messages.get("common.save"), new FontIcon(MaterialDesignC.CONTENT_SAVE));
        save.setId("editorSave");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.savingProperty());
        save.setOnAction(e -> vm.save(saved));
        Label error = new Label();
        error.setId("editorError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        vm.conflictProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                app.regulars.fx.ConflictDialog.show(this, messages, now, vm::reload, vm::keepMine); // decision 0031
            }
        });
        HBox toolbar = new HBox(8, title, spacer, error, cancelButton, save);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("page-toolbar");
        setTop(toolbar);

        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        labels.setPrefWidth(160);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(560);
        form.getColumnConstraints().setAll(labels, fields);
        form.setHgap(16);
        form.setVgap(4);
        form.getStyleClass().add("editor-form");

        Label duplicate = new Label();
        duplicate.setId("duplicateWarning");
        duplicate.getStyleClass().add("warning-banner");
        duplicate.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        duplicate.setWrapText(true);
        duplicate.textProperty().bind(vm.duplicateWarningProperty());
        duplicate.visibleProperty().bind(vm.duplicateWarningProperty().isNotEmpty());
        duplicate.managedProperty().bind(duplicate.visibleProperty());

        section("customer.editor.sectionContact");
        nameField.setId("nameField");
        field(CustomerField.NAME, "customer.field.nameRequired", text(nameField, vm.nameProperty()));
        TextField phones = text(new TextField(), vm.phonesProperty());
        phones.setId("phonesField");
        phones.setPromptText(messages.get("customer.editor.phonesPrompt"));
        field(CustomerField.PHONES, "customer.field.phones", phones);
        TextField email = text(new TextField(), vm.emailProperty());
        email.setId("emailField");
        field(CustomerField.EMAIL, "customer.field.email", email);
        for (TextField f : new TextField[]{phones, email}) {
            f.focusedProperty().addListener((obs, was, now) -> {
                if (!now) {
                    vm.checkDuplicates();
                }
            });
        }
        TextField wechat = text(new TextField(), vm.wechatProperty());
        wechat.setId("wechatField");
        field(CustomerField.WECHAT, "customer.field.wechat", wechat);
        TextField code = text(new TextField(), vm.codeProperty());
        code.setId("codeField");
        code.setPromptText(messages.get("customer.editor.codePrompt"));
        field(CustomerField.CODE, "customer.field.code", code);
        ChoiceBox<Gender> gender = new ChoiceBox<>();
        gender.setId("genderField");
        gender.getItems().add(null);
        gender.getItems().addAll(Gender.values());
        gender.setConverter(converter(g -> g == null ? messages.get("customer.gender.unknown")
                : messages.get("customer.gender." + g.name().toLowerCase(Locale.ROOT))));
        gender.valueProperty().bindBidirectional(vm.genderProperty());
        field(null, "customer.field.gender", gender);

        section("customer.editor.sectionBirthday");
        field(CustomerField.BIRTHDAY, "customer.field.birthday", birthdayRow());

        section("customer.editor.sectionWork");
        TextField company = text(new TextField(), vm.companyProperty());
        company.setId("companyField");
        field(CustomerField.COMPANY, "customer.field.company", company);
        field(CustomerField.JOB_TITLE, "customer.field.jobTitle", text(new TextField(), vm.jobTitleProperty()));
        TextField source = text(new TextField(), vm.sourceProperty());
        source.setPromptText(messages.get("customer.editor.sourcePrompt"));
        field(CustomerField.SOURCE, "customer.field.source", source);
        field(CustomerField.ADDRESS, "customer.field.address", text(new TextField(), vm.addressProperty()));

        section("customer.editor.sectionNotes");
        TextField tags = text(new TextField(), vm.tagsProperty());
        tags.setId("tagsField");
        tags.setPromptText(messages.get("customer.editor.tagsPrompt"));
        field(CustomerField.TAGS, "customer.field.tags", tags);
        TextArea preferences = area(vm.preferencesProperty());
        preferences.setId("preferencesField");
        field(CustomerField.PREFERENCES, "customer.field.preferences", preferences);
        TextArea notes = area(vm.notesProperty());
        notes.setId("notesField");
        field(CustomerField.NOTES, "customer.field.notes", notes);

        form.add(customSection(), 0, row++, 2, 1);

        section("customer.editor.sectionConsent");
        field(CustomerField.CONSENT, "customer.field.consent", consentBox());

        VBox content = new VBox(12, duplicate, form);
        content.setPadding(new Insets(16, 24, 24, 24));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        vm.problems().addListener((MapChangeListener<CustomerField, String>) change -> showProblems());
    }

    private Node birthdayRow() {
        ChoiceBox<CustomerEditorViewModel.BirthdayKind> kind = new ChoiceBox<>();
        kind.setId("birthdayKind");
        kind.getItems().setAll(CustomerEditorViewModel.BirthdayKind.values());
        kind.setConverter(converter(k -> messages.get("customer.birthday." + k.name().toLowerCase(Locale.ROOT))));
        kind.valueProperty().bindBidirectional(vm.birthdayKindProperty());
        TextField year = text(new TextField(), vm.birthYearProperty());
        year.setId("birthYear");
        year.setPromptText(messages.get("customer.editor.yearPrompt"));
        year.setPrefColumnCount(5);
        ComboBox<Integer> month = new ComboBox<>();
        month.setId("birthMonth");
        month.getItems().setAll(IntStream.rangeClosed(1, 12).boxed().toList());
        month.setPromptText(messages.get("customer.editor.month"));
        month.valueProperty().bindBidirectional(vm.birthMonthProperty());
        month.setPrefWidth(96);
        ComboBox<Integer> day = new ComboBox<>();
        day.setId("birthDay");
        day.getItems().setAll(IntStream.rangeClosed(1, 31).boxed().toList());
        day.setPromptText(messages.get("customer.editor.day"));
        day.valueProperty().bindBidirectional(vm.birthDayProperty());
        day.setPrefWidth(90);
        CheckBox leap = new CheckBox(messages.get("customer.editor.leapMonth"));
        leap.selectedProperty().bindBidirectional(vm.birthLeapMonthProperty());
        var none = vm.birthdayKindProperty().isEqualTo(CustomerEditorViewModel.BirthdayKind.NONE);
        year.disableProperty().bind(none);
        month.disableProperty().bind(none);
        day.disableProperty().bind(none);
        leap.visibleProperty().bind(vm.birthdayKindProperty().isEqualTo(CustomerEditorViewModel.BirthdayKind.LUNAR));
        Label next = new Label();
        next.setId("nextBirthday");
        next.getStyleClass().add("muted");
        next.textProperty().bind(vm.nextBirthdayProperty());
        leap.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        leap.managedProperty().bind(leap.visibleProperty());
        HBox row = new HBox(8, kind, year, month, day, leap);
        row.setAlignment(Pos.CENTER_LEFT);
        next.managedProperty().bind(next.textProperty().isNotEmpty());
        return new VBox(4, row, next);
    }

    /**
     * The custom fields (decision 0027): a heading and an input per field by its kind, made again
     * whenever the fields are read; hidden when the shop has none.
     */
    private Node customSection() {
        Label heading = new Label(messages.get("customer.custom.section"));
        heading.getStyleClass().add("section-title");
        GridPane.setMargin(heading, new Insets(14, 0, 2, 0));
        GridPane grid = new GridPane();
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        labels.setPrefWidth(160);
        labels.setMaxWidth(160);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setMaxWidth(560);
        grid.getColumnConstraints().setAll(labels, inputs);
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setId("customFieldsForm");
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        problem.setId("problem" + CustomerField.CUSTOM.name());
        problemLabels.put(CustomerField.CUSTOM, problem);
        VBox box = new VBox(2, problem);
        Runnable fill = () -> {
            grid.getChildren().clear();
            int r = 0;
            grid.add(heading, 0, r++, 2, 1);
            for (CustomFieldInput input : vm.customInputs()) {
                Label label = new Label(input.field().name());
                label.getStyleClass().add("field-label");
                label.setWrapText(true);
                GridPane.setValignment(label, javafx.geometry.VPos.TOP);
                GridPane.setMargin(label, new Insets(5, 0, 0, 0));
                Node control = customControl(input);
                label.setLabelFor(control);
                Label inputProblem = new Label();
                inputProblem.getStyleClass().add("error-text");
                inputProblem.setWrapText(true);
                inputProblem.textProperty().bind(input.problemProperty());
                inputProblem.visibleProperty().bind(input.problemProperty().isNotEmpty());
                inputProblem.managedProperty().bind(inputProblem.visibleProperty());
                input.problemProperty().addListener((obs, o, n) ->
                        control.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), !n.isEmpty()));
                grid.addRow(r++, label, new VBox(2, control, inputProblem));
            }
            box.setVisible(!vm.customInputs().isEmpty());
        };
        box.getChildren().addFirst(grid);
        box.managedProperty().bind(box.visibleProperty());
        fill.run();
        vm.customInputs().addListener((javafx.collections.ListChangeListener<CustomFieldInput>) c -> fill.run());
        return box;
    }

    /** The input of one custom field by its kind: a text field, a number field, a date field, a choice, a tick. */
    private Node customControl(CustomFieldInput input) {
        String id = "customField" + input.field().id();
        return switch (input.field().kind()) {
            case TEXT -> {
                TextField f = text(new TextField(), input.textProperty());
                f.setId(id);
                yield f;
            }
            case NUMBER -> {
                TextField f = text(new TextField(), input.textProperty());
                f.setId(id);
                f.setPrefColumnCount(10);
                f.setMaxWidth(200);
                f.setAlignment(Pos.CENTER_RIGHT);
                yield f;
            }
            case DATE -> {
                DatePicker d = DateFields.create(messages);
                d.setId(id);
                d.valueProperty().bindBidirectional(input.dateProperty());
                yield d;
            }
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>();
                box.setId(id);
                box.getItems().add(null);
                box.getItems().addAll(input.field().options());
                if (input.choiceProperty().get() != null && !box.getItems().contains(input.choiceProperty().get())) {
                    box.getItems().add(input.choiceProperty().get());
                }
                box.setPromptText(messages.get("customer.custom.notSet"));
                box.setConverter(converter(o -> o == null ? messages.get("customer.custom.notSet") : o));
                box.valueProperty().bindBidirectional(input.choiceProperty());
                box.setMinWidth(200);
                yield box;
            }
            case YES_NO -> {
                CheckBox box = new CheckBox(messages.get("common.yes"));
                box.setId(id);
                box.selectedProperty().bindBidirectional(input.yesProperty());
                yield box;
            }
        };
    }

    private Node consentBox() {
        CheckBox consent = new CheckBox(messages.get("customer.editor.consent"));
        consent.setId("consentField");
        consent.selectedProperty().bindBidirectional(vm.marketingConsentProperty());
        DatePicker date = DateFields.create(messages);
        date.setId("consentDate");
        date.setPromptText(messages.get("customer.editor.consentDate"));
        date.valueProperty().bindBidirectional(vm.consentDateProperty());
        date.disableProperty().bind(vm.marketingConsentProperty().not());
        HBox first = new HBox(12, consent, date);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox optOuts = new HBox(12);
        optOuts.setAlignment(Pos.CENTER_LEFT);
        optOuts.getChildren().add(new Label(messages.get("customer.editor.optOut")));
        for (MarketingChannel ch : MarketingChannel.values()) {
            CheckBox box = new CheckBox(messages.get("customer.channel." + ch.name().toLowerCase(Locale.ROOT)));
            box.setId("optOut" + ch.name());
            box.selectedProperty().bindBidirectional(vm.optOutProperty(ch));
            optOuts.getChildren().add(box);
        }
        optOuts.disableProperty().bind(vm.marketingConsentProperty().not());
        return new VBox(8, first, optOuts);
    }

    private void section(String key) {
        Label label = new Label(messages.get(key));
        label.getStyleClass().add("section-title");
        if (row > 0) {
            GridPane.setMargin(label, new Insets(14, 0, 2, 0));
        }
        form.add(label, 0, row++, 2, 1);
    }

    private void field(CustomerField field, String labelKey, Node input) {
        Label label = new Label(messages.get(labelKey));
        label.getStyleClass().add("field-label");
        label.setLabelFor(input);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        GridPane.setMargin(label, new Insets(5, 0, 0, 0));
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        if (field != null) {
            problem.setId("problem" + field.name());
            problemLabels.put(field, problem);
        }
        VBox box = new VBox(2, input, problem);
        form.addRow(row++, label, box);
    }

    private <T extends TextInputControl> T text(T control, javafx.beans.property.StringProperty property) {
        control.textProperty().bindBidirectional(property);
        return control;
    }

    private TextArea area(javafx.beans.property.StringProperty property) {
        TextArea area = text(new TextArea(), property);
        area.setPrefRowCount(3);
        area.setWrapText(true);
        return area;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return toText.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private void showProblems() {
        problemLabels.forEach((field, label) -> {
            String text = vm.problems().get(field);
            label.setText(text == null ? "" : text);
            label.setVisible(text != null);
            Node input = ((VBox) label.getParent()).getChildren().getFirst();
            input.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), text != null);
        });
        vm.problems().keySet().stream().findFirst().map(problemLabels::get)
                .ifPresent(l -> ((VBox) l.getParent()).getChildren().getFirst().requestFocus());
    }

    public void focusFirstField() {
        nameField.requestFocus();
    }

}

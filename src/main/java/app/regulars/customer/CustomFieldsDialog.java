package app.regulars.customer;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * Custom fields… (decision 0027): the shop's fields in order, to add, change, move up and down,
 * and remove; removing a field that holds values asks first, saying how many.
 */
public final class CustomFieldsDialog extends Dialog<Void> {
    private final CustomFieldsViewModel vm;
    private final Messages messages;
    private final ListView<CustomField> list = new ListView<>();

    public CustomFieldsDialog(CustomFieldsViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        setTitle(messages.get("customer.custom.title"));
        setResizable(true);
        Label header = new Label(messages.get("customer.custom.header"));
        header.setWrapText(true);
        header.setMinHeight(Label.USE_PREF_SIZE);

        list.setId("customFieldList");
        list.setItems(vm.fields());
        list.setPrefSize(460, 320);
        list.setPlaceholder(wrapped(messages.get("customer.custom.none")));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CustomField f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label name = new Label(f.name());
                name.getStyleClass().add("field-value");
                name.setStyle("-fx-font-weight: bold;");
                Label what = new Label(vm.describe(f));
                what.getStyleClass().add("muted");
                what.setWrapText(true);
                what.setMaxWidth(400);
                setText(null);
                setGraphic(new VBox(2, name, what));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selected() != null) {
                edit(selected());
            }
        });

        Button add = button("customFieldAdd", "customer.custom.add", new FontIcon(MaterialDesignP.PLUS));
        add.setOnAction(e -> edit(null));
        Button edit = button("customFieldEdit", "customer.custom.edit", new FontIcon(MaterialDesignP.PENCIL_OUTLINE));
        edit.setOnAction(e -> edit(selected()));
        Button up = button("customFieldUp", "customer.custom.up", new FontIcon(MaterialDesignA.ARROW_UP));
        up.setOnAction(e -> vm.move(selected(), -1));
        Button down = button("customFieldDown", "customer.custom.down", new FontIcon(MaterialDesignA.ARROW_DOWN));
        down.setOnAction(e -> vm.move(selected(), 1));
        Button remove = button("customFieldRemove", "customer.custom.remove", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
        remove.setOnAction(e -> remove(selected()));
        var none = list.getSelectionModel().selectedItemProperty().isNull();
        edit.disableProperty().bind(none);
        up.disableProperty().bind(none.or(list.getSelectionModel().selectedIndexProperty().isEqualTo(0)));
        down.disableProperty().bind(none.or(list.getSelectionModel().selectedIndexProperty().isEqualTo(
                Bindings.size(vm.fields()).subtract(1))));
        remove.disableProperty().bind(none);
        VBox buttons = new VBox(8, add, edit, up, down, remove);
        for (Node b : buttons.getChildren()) {
            ((Button) b).setMaxWidth(Double.MAX_VALUE);
        }
        HBox middle = new HBox(12, list, buttons);
        HBox.setHgrow(list, Priority.ALWAYS);

        Label status = new Label();
        status.setId("customFieldStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.setId("customFieldError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        VBox content = new VBox(12, header, middle, status, error);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(640);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        // Keeps the selection on the field moved.
        vm.fields().addListener((javafx.collections.ListChangeListener<CustomField>) c -> reselect());
    }

    private Long selectedId;

    private void reselect() {
        if (selectedId == null) {
            return;
        }
        for (int i = 0; i < vm.fields().size(); i++) {
            if (selectedId.equals(vm.fields().get(i).id())) {
                int at = i;
                Platform.runLater(() -> list.getSelectionModel().select(at));
                return;
            }
        }
    }

    private CustomField selected() {
        CustomField f = list.getSelectionModel().getSelectedItem();
        selectedId = f == null ? null : f.id();
        return f;
    }

    /** Opens the dialog on {@code anchor}'s window and waits until it is closed. */
    public static void show(Node anchor, CustomFieldsViewModel vm, Messages messages) {
        CustomFieldsDialog d = Windows.dialog(anchor, new CustomFieldsDialog(vm, messages));
        vm.open();
        d.showAndWait();
    }

    private Button button(String id, String key, Node icon) {
        Button b = new Button(messages.get(key), icon);
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        return b;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(400);
        l.getStyleClass().add("muted");
        return l;
    }

    private void remove(CustomField f) {
        if (f == null) {
            return;
        }
        vm.countValues(f, n -> {
            if (n == 0) {
                vm.remove(f);
                return;
            }
            ButtonType removeType = new ButtonType(messages.get("customer.custom.remove"), ButtonBar.ButtonData.OK_DONE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, messages.get("customer.custom.removeValues", n, f.name()),
                    removeType, ButtonType.CANCEL);
            alert.setTitle(messages.get("customer.custom.title"));
            alert.setHeaderText(messages.get("customer.custom.removeTitle", f.name()));
            alert.getDialogPane().setId("customFieldRemoveConfirm");
            alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(removeType)).setDefaultButton(false);
            if (Windows.dialog(list, alert).showAndWait().filter(b -> b == removeType).isPresent()) {
                vm.remove(f);
            }
        });
    }

    /** The form of one field: a new one ({@code f} null) or a change to {@code f}. */
    private void edit(CustomField f) {
        Dialog<CustomField> form = new Dialog<>();
        form.setTitle(f == null ? messages.get("customer.custom.addTitle") : messages.get("customer.custom.editTitle", f.name()));
        TextField name = new TextField(f == null ? "" : f.name());
        name.setId("customFieldName");
        name.setPrefColumnCount(24);
        ChoiceBox<FieldKind> kind = new ChoiceBox<>();
        kind.setId("customFieldKind");
        kind.getItems().setAll(FieldKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(FieldKind k) {
                return k == null ? "" : vm.kindText(k);
            }

            @Override
            public FieldKind fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        kind.setValue(f == null ? FieldKind.TEXT : f.kind());
        kind.setDisable(f != null);
        Label kindFixed = wrapped(messages.get("customer.custom.kindFixed"));
        kindFixed.setVisible(f != null);
        kindFixed.managedProperty().bind(kindFixed.visibleProperty());
        TextArea options = new TextArea(f == null ? "" : String.join("\n", f.options()));
        options.setId("customFieldOptions");
        options.setPromptText(messages.get("customer.custom.optionsPrompt"));
        options.setPrefRowCount(5);
        options.setPrefColumnCount(24);
        Label optionsLabel = new Label(messages.get("customer.custom.options"));
        var choice = kind.valueProperty().isEqualTo(FieldKind.CHOICE);
        for (Node n : new Node[] {options, optionsLabel}) {
            n.visibleProperty().bind(choice);
            n.managedProperty().bind(choice);
        }
        CheckBox inList = new CheckBox(messages.get("customer.custom.inList"));
        inList.setId("customFieldInList");
        inList.setSelected(f != null && f.inList());
        Label error = new Label();
        error.setId("customFieldFormError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(420);
        GridPane g = new GridPane(12, 10);
        g.addRow(0, new Label(messages.get("customer.custom.name")), name);
        g.addRow(1, new Label(messages.get("customer.custom.kind")), new VBox(4, kind, kindFixed));
        g.addRow(2, optionsLabel, options);
        g.add(inList, 1, 3);
        g.add(error, 1, 4);
        GridPane.setValignment(optionsLabel, javafx.geometry.VPos.TOP);
        g.setAlignment(Pos.TOP_LEFT);
        form.getDialogPane().setContent(g);
        form.getDialogPane().setId("customFieldForm");
        form.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) form.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("customFieldFormOk");
        ok.setText(messages.get("common.save"));
        ((Button) form.getDialogPane().lookupButton(ButtonType.CANCEL)).setText(messages.get("common.cancel"));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the form closes once the field is saved, stays open with the reason otherwise
            vm.save(f == null ? null : f.id(), name.getText(), kind.getValue(), options.getText(), inList.isSelected(), saved -> {
                selectedId = saved.id();
                form.setResult(saved);
                form.close();
            }, error::setText);
        });
        kind.valueProperty().addListener((obs, o, n) -> { // the options come and go: the window follows
            if (form.getDialogPane().getScene() != null && form.getDialogPane().getScene().getWindow() != null) {
                Platform.runLater(() -> form.getDialogPane().getScene().getWindow().sizeToScene());
            }
        });
        Platform.runLater(name::requestFocus);
        Windows.dialog(list, form).showAndWait();
    }
}

package app.regulars.app.people;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.store.Person;
import app.regulars.store.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The owner's People page (decision 0033): who may sign in, as what, and a new PIN for someone who forgot theirs. */
public final class PeoplePage extends VBox {
    private final PeopleViewModel vm;

    public PeoplePage(PeopleViewModel vm, Messages messages) {
        super(12);
        this.vm = vm;
        setId("peoplePage");
        setPadding(new Insets(20));
        Label title = new Label(messages.get("people.title"));
        title.getStyleClass().add("page-title");
        Label intro = new Label(messages.get("people.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().add("muted");

        TableView<Person> table = new TableView<>(vm.people());
        table.setId("peopleTable");
        table.setPlaceholder(new Label(messages.get("people.none")));
        TableColumn<Person, String> name = new TableColumn<>(messages.get("people.name"));
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(260);
        TableColumn<Person, String> role = new TableColumn<>(messages.get("people.role"));
        role.setCellValueFactory(c -> new ReadOnlyStringWrapper(messages.get("people.role." + c.getValue().role().name())));
        role.setPrefWidth(160);
        TableColumn<Person, String> state = new TableColumn<>(messages.get("people.state"));
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(messages.get(c.getValue().active() ? "people.active" : "people.inactive")));
        state.setPrefWidth(160);
        table.getColumns().setAll(java.util.List.of(name, role, state));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        var selected = table.getSelectionModel().selectedItemProperty();
        Button makeRole = new Button();
        makeRole.setId("peopleRole");
        makeRole.textProperty().bind(Bindings.createStringBinding(() -> messages.get(
                selected.get() != null && selected.get().owner() ? "people.makeStaff" : "people.makeOwner"), selected));
        makeRole.disableProperty().bind(selected.isNull());
        makeRole.setOnAction(e -> vm.setRole(selected.get(), selected.get().owner() ? Role.STAFF : Role.OWNER));
        Button active = new Button();
        active.setId("peopleActive");
        active.textProperty().bind(Bindings.createStringBinding(() -> messages.get(
                selected.get() == null || selected.get().active() ? "people.disable" : "people.enable"), selected));
        active.disableProperty().bind(selected.isNull());
        active.setOnAction(e -> vm.setActive(selected.get(), !selected.get().active()));
        Button pin = new Button(messages.get("people.resetPin"));
        pin.setId("peopleResetPin");
        pin.disableProperty().bind(selected.isNull());
        pin.setOnAction(e -> askPin(messages, selected.get()));
        HBox actions = new HBox(8, makeRole, active, pin);

        Label addTitle = new Label(messages.get("people.add"));
        addTitle.getStyleClass().add("section-title");
        TextField newName = new TextField();
        newName.setId("peopleNewName");
        newName.setPromptText(messages.get("people.name"));
        newName.textProperty().bindBidirectional(vm.newNameProperty());
        PasswordField newPin = new PasswordField();
        newPin.setId("peopleNewPin");
        newPin.setPromptText(messages.get("people.pin"));
        newPin.textProperty().bindBidirectional(vm.newPinProperty());
        ComboBox<Role> newRole = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(Role.values()));
        newRole.setId("peopleNewRole");
        newRole.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : messages.get("people.role." + r.name());
            }

            @Override
            public Role fromString(String s) {
                return null;
            }
        });
        newRole.valueProperty().bindBidirectional(vm.newRoleProperty());
        Button add = new Button(messages.get("people.addButton"));
        add.setId("peopleAdd");
        add.getStyleClass().add("accent");
        add.disableProperty().bind(vm.newNameProperty().isEmpty().or(vm.newPinProperty().isEmpty()));
        add.setOnAction(e -> vm.add());
        HBox addRow = new HBox(8, newName, newPin, newRole, add);
        addRow.setAlignment(Pos.CENTER_LEFT);
        Label pinRule = new Label(messages.get("people.pinRule", app.regulars.store.People.PIN_MIN, app.regulars.store.People.PIN_MAX));
        pinRule.getStyleClass().add("muted");
        Label status = new Label();
        status.setId("peopleStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        getChildren().setAll(title, intro, table, actions, addTitle, addRow, pinRule, status);
        vm.load();
    }

    public void reload() {
        vm.load();
    }

    private void askPin(Messages messages, Person p) {
        Dialog<String> dialog = Windows.dialog(this, new Dialog<>());
        dialog.setTitle(messages.get("people.resetPin"));
        dialog.setHeaderText(messages.get("people.resetPinFor", p.name()));
        PasswordField field = new PasswordField();
        field.setId("peoplePinField");
        dialog.getDialogPane().setContent(new VBox(8, field,
                new Label(messages.get("people.pinRule", app.regulars.store.People.PIN_MIN, app.regulars.store.People.PIN_MAX))));
        ButtonType ok = new ButtonType(messages.get("people.resetPinButton"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, new ButtonType(messages.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.setResultConverter(b -> b == ok ? field.getText() : null);
        dialog.showAndWait().filter(s -> !s.isEmpty()).ifPresent(s -> vm.resetPin(p, s));
    }
}

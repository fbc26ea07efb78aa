package app.regulars.app.settings;

import app.regulars.i18n.Messages;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings › Password: whether a password protects the data and its backups; set, change or remove it. */
public final class SecuritySection extends VBox {
    public SecuritySection(SecurityViewModel vm, Messages messages) {
        super(10);
        getStyleClass().add("settings-security");
        Label section = new Label(messages.get("security.title"));
        section.getStyleClass().add("section-title");
        Label status = new Label();
        status.setId("securityStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Button protect = new Button(messages.get("security.protect"));
        protect.setId("securityProtect");
        protect.setOnAction(e -> PasswordDialog.ask(this, messages, PasswordDialog.Mode.NEW).ifPresent(t -> vm.protect(t.next())));
        Button change = new Button(messages.get("security.change"));
        change.setId("securityChange");
        change.setOnAction(e -> PasswordDialog.ask(this, messages, PasswordDialog.Mode.CHANGE)
                .ifPresent(t -> vm.change(t.current(), t.next())));
        Button remove = new Button(messages.get("security.remove"));
        remove.setId("securityRemove");
        remove.setOnAction(e -> PasswordDialog.ask(this, messages, PasswordDialog.Mode.REMOVE).ifPresent(t -> vm.remove(t.current())));
        for (Button b : new Button[]{protect, change, remove}) {
            boolean whenEncrypted = b != protect;
            b.visibleProperty().bind(whenEncrypted ? vm.encryptedProperty() : vm.encryptedProperty().not());
            b.managedProperty().bind(b.visibleProperty());
        }
        getChildren().setAll(section, status, new HBox(8, protect, change, remove));
    }
}

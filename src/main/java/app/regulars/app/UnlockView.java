package app.regulars.app;

import app.regulars.i18n.Messages;
import app.regulars.store.Password;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What the window shows at the start when the data is protected by a password: the field, Open,
 * and a wrong password said as such (docs/decisions/0022-encryption.md).
 */
public final class UnlockView extends VBox {
    public UnlockView(Messages messages, java.nio.file.Path dataDirectory, String problem, Consumer<Password> open) {
        super(14);
        getStyleClass().add("unlock");
        Label title = new Label(messages.get("security.unlock.title"));
        title.getStyleClass().add("title");
        Label where = new Label(messages.get("security.unlock.where", dataDirectory.toString()));
        where.getStyleClass().add("muted");
        where.setWrapText(true);
        where.setMaxWidth(520);
        PasswordField field = new PasswordField();
        field.setId("unlockPassword");
        field.setPromptText(messages.get("security.current"));
        field.setPrefColumnCount(24);
        Button go = new Button(messages.get("security.unlock.open"));
        go.setId("unlockOpen");
        go.setDefaultButton(true);
        go.getStyleClass().add("accent");
        go.disableProperty().bind(field.textProperty().isEmpty());
        go.setOnAction(e -> {
            char[] chars = field.getText().toCharArray();
            Password password = Password.of(chars);
            Arrays.fill(chars, '\0');
            field.clear();
            open.accept(password);
        });
        HBox row = new HBox(8, field, go);
        row.setAlignment(Pos.CENTER);
        Label error = new Label(problem == null ? "" : problem);
        error.setId("unlockError");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(520);
        Label lost = new Label(messages.get("security.unlock.lost"));
        lost.getStyleClass().add("muted");
        lost.setWrapText(true);
        lost.setMaxWidth(520);
        getChildren().setAll(title, where, row, error, lost);
        setAlignment(Pos.CENTER);
        Platform.runLater(field::requestFocus);
    }
}

package app.regulars.app.settings;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.store.Password;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dialog that asks for passwords: a new one (typed twice, with what losing it means), the
 * current one and a new one, or the current one alone. OK stays off until what is typed will do.
 */
public final class PasswordDialog {
    /** What the dialog asks for. */
    public enum Mode { NEW, CHANGE, REMOVE }

    /** What was typed: the current password (for CHANGE and REMOVE) and the new one (NEW and CHANGE); the other is null. */
    public record Typed(Password current, Password next) {
    }

    private PasswordDialog() {
    }

    /** Asks, in a dialog owned by {@code anchor}'s window; empty when cancelled. */
    public static Optional<Typed> ask(Node anchor, Messages messages, Mode mode) {
        Dialog<Typed> dialog = Windows.dialog(anchor, create(messages, mode));
        return dialog.showAndWait();
    }

    /** The dialog itself (shown by {@link #ask}; tests look at it). */
    static Dialog<Typed> create(Messages messages, Mode mode) {
        Dialog<Typed> dialog = new Dialog<>();
        dialog.setTitle(messages.get("security.title"));
        dialog.setHeaderText(messages.get("security.dialog." + mode.name().toLowerCase(java.util.Locale.ROOT)));
        dialog.getDialogPane().setId("passwordDialog");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

        PasswordField current = field("passwordCurrent");
        PasswordField next = field("passwordNew");
        PasswordField again = field("passwordAgain");
        GridPane grid = new GridPane(10, 8);
        int row = 0;
        if (mode != Mode.NEW) {
            grid.addRow(row++, new Label(messages.get("security.current")), current);
        }
        if (mode != Mode.REMOVE) {
            grid.addRow(row++, new Label(messages.get("security.new")), next);
            grid.addRow(row, new Label(messages.get("security.again")), again);
        }
        Label differ = new Label(messages.get("security.differ"));
        differ.setId("passwordDiffer");
        differ.getStyleClass().add("danger");
        differ.visibleProperty().bind(again.textProperty().isNotEmpty().and(next.textProperty().isNotEqualTo(again.textProperty())));
        differ.managedProperty().bind(differ.visibleProperty());
        Label note = new Label(messages.get(mode == Mode.REMOVE ? "security.removeNote" : "security.lossNote"));
        note.setId("passwordNote");
        note.setWrapText(true);
        note.setMaxWidth(460);
        dialog.getDialogPane().setContent(new VBox(10, grid, differ, note));

        BooleanBinding ready = switch (mode) {
            case NEW -> next.textProperty().isNotEmpty().and(next.textProperty().isEqualTo(again.textProperty()));
            case CHANGE -> current.textProperty().isNotEmpty().and(next.textProperty().isNotEmpty())
                    .and(next.textProperty().isEqualTo(again.textProperty()));
            case REMOVE -> current.textProperty().isNotEmpty();
        };
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(Bindings.not(ready));
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new Typed(mode == Mode.NEW ? null : password(current), mode == Mode.REMOVE ? null : password(next))
                : null);
        Platform.runLater(() -> (mode == Mode.NEW ? next : current).requestFocus());
        return dialog;
    }

    private static PasswordField field(String id) {
        PasswordField f = new PasswordField();
        f.setId(id);
        f.setPrefColumnCount(22);
        return f;
    }

    private static Password password(PasswordField field) {
        char[] chars = field.getText().toCharArray();
        Password p = Password.of(chars);
        Arrays.fill(chars, '\0');
        field.clear();
        return p;
    }
}

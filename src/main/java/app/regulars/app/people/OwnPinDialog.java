package app.regulars.app.people;

import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.store.People;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Arrays;

/**
 * "My PIN…" (decision 0033): the person signed in, staff too, gives themself a new PIN, typing
 * the current one first and the new one twice. The check and the save run off the JavaFX thread
 * (a PIN's hash is slow on purpose); a wrong current PIN or a PIN that breaks the rule is said in
 * the dialog, which stays open with nothing changed.
 */
public final class OwnPinDialog {
    private OwnPinDialog() {
    }

    /** Shows the dialog over {@code anchor}'s window; returns at once, the work done in the background. */
    public static void show(Node anchor, People people, TaskRunner runner, Messages messages) {
        String name = people.session().person().map(app.regulars.store.Person::name).orElse("");
        Dialog<Boolean> dialog = Windows.dialog(anchor, new Dialog<>());
        dialog.setTitle(messages.get("people.myPin.title"));
        dialog.setHeaderText(messages.get("people.myPin.header", name));
        PasswordField current = field("myPinCurrent");
        PasswordField next = field("myPinNew");
        PasswordField again = field("myPinAgain");
        GridPane grid = new GridPane(12, 8);
        grid.addRow(0, new Label(messages.get("people.myPin.current")), current);
        grid.addRow(1, new Label(messages.get("people.myPin.new")), next);
        grid.addRow(2, new Label(messages.get("people.myPin.again")), again);
        Label rule = new Label(messages.get("people.pinRule", People.PIN_MIN, People.PIN_MAX));
        rule.getStyleClass().add("muted");
        Label problem = new Label();
        problem.setId("myPinProblem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.textProperty().addListener((o, was, now) -> { // the dialog grows to show the whole sentence
            javafx.application.Platform.runLater(() -> { // once the label has its new height
                if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                }
            });
        });
        dialog.getDialogPane().setContent(new VBox(10, grid, rule, problem));
        ButtonType change = new ButtonType(messages.get("people.myPin.button"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(change, new ButtonType(messages.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        Button ok = (Button) dialog.getDialogPane().lookupButton(change);
        ok.setId("myPinChange");
        ok.disableProperty().bind(current.textProperty().isEmpty().or(next.textProperty().isEmpty()).or(again.textProperty().isEmpty()));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes only once the new PIN is saved
            if (!next.getText().equals(again.getText())) {
                problem.setText(messages.get("people.error.pinsDiffer"));
                next.clear();
                again.clear();
                next.requestFocus();
                return;
            }
            char[] was = current.getText().toCharArray();
            char[] now = next.getText().toCharArray();
            problem.setText("");
            dialog.getDialogPane().setDisable(true);
            runner.run(() -> {
                try {
                    people.changeOwnPin(was, now);
                    return true;
                } finally {
                    Arrays.fill(was, '\0');
                    Arrays.fill(now, '\0');
                }
            }, done -> {
                dialog.setResult(true);
                dialog.close();
                Alert said = Windows.dialog(anchor, new Alert(Alert.AlertType.INFORMATION, messages.get("people.myPin.done")));
                said.setHeaderText(null);
                said.getDialogPane().lookupButton(ButtonType.OK).setId("myPinDone");
                said.show();
            }, error -> {
                dialog.getDialogPane().setDisable(false);
                problem.setText(messages.describe(error));
                current.clear();
                current.requestFocus();
            });
        });
        dialog.setResultConverter(b -> b == change);
        dialog.show();
        current.requestFocus();
    }

    private static PasswordField field(String id) {
        PasswordField f = new PasswordField();
        f.setId(id);
        f.setPrefColumnCount(14);
        return f;
    }
}

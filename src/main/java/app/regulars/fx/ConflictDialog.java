package app.regulars.fx;

import app.regulars.i18n.Messages;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;

/**
 * The question after a save refused because someone else saved the same record since it was read
 * (a customer's profile, a follow-up; decision 0031): "Changed by someone else at 14:02 — reload or
 * keep mine?", with two choices and neither the default (Enter must not discard an edit, nor
 * overwrite theirs). Not modal to the wait: the answer is handed on when the dialog closes.
 */
public final class ConflictDialog {
    private ConflictDialog() {
    }

    public static Alert show(Node anchor, Messages messages, String question, Runnable reload, Runnable keepMine) {
        ButtonType reloadType = new ButtonType(messages.get("conflict.reload"), ButtonBar.ButtonData.LEFT);
        ButtonType keepType = new ButtonType(messages.get("conflict.keepMine"), ButtonBar.ButtonData.RIGHT);
        Alert alert = new Alert(Alert.AlertType.WARNING, messages.get("conflict.text"), reloadType, keepType);
        alert.setTitle(messages.get("conflict.title"));
        alert.setHeaderText(question);
        alert.getDialogPane().setId("conflictDialog");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ((Button) alert.getDialogPane().lookupButton(reloadType)).setId("conflictReload");
        ((Button) alert.getDialogPane().lookupButton(keepType)).setId("conflictKeepMine");
        for (ButtonType t : alert.getButtonTypes()) {
            ((Button) alert.getDialogPane().lookupButton(t)).setDefaultButton(false);
        }
        Windows.dialog(anchor, alert);
        alert.setOnHidden(e -> {
            if (alert.getResult() == reloadType) {
                reload.run();
            } else if (alert.getResult() == keepType) {
                keepMine.run();
            }
        });
        alert.show();
        return alert;
    }
}

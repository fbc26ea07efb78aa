package app.regulars.membership;

import app.regulars.i18n.Messages;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.util.Optional;

/** Asks for a points adjustment by hand: the points as typed ("+100", "-50") and why. */
final class AdjustPointsDialog extends Dialog<ButtonType> {
    /** What the user typed; the view model parses it. */
    record Adjustment(String points, String reason) {
    }

    private final TextField points = new TextField();
    private final TextField reason = new TextField();

    AdjustPointsDialog(Messages messages) {
        setTitle(messages.get("membership.adjust.title"));
        points.setId("adjustPoints");
        points.setPromptText("+100 / -50");
        reason.setId("adjustReason");
        GridPane g = new GridPane(8, 8);
        g.addRow(0, new Label(messages.get("membership.adjust.points")), points);
        g.addRow(1, new Label(messages.get("membership.adjust.reason")), reason);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    }

    /** Shows the dialog (the points field focused) and waits; what was typed when the user pressed OK. */
    Optional<Adjustment> ask() {
        Platform.runLater(points::requestFocus);
        return showAndWait().filter(b -> b == ButtonType.OK).map(b -> new Adjustment(points.getText(), reason.getText()));
    }
}

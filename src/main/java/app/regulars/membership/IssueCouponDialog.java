package app.regulars.membership;

import app.regulars.fx.DateFields;
import app.regulars.i18n.Messages;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.time.LocalDate;
import java.util.Optional;

/** Asks for a coupon issued by hand: an amount or a percentage, the last day, a note. */
final class IssueCouponDialog extends Dialog<ButtonType> {
    /** What the user entered; the view model parses the value. */
    record Request(String value, boolean percent, LocalDate until, String note) {
    }

    private final TextField value = new TextField();
    private final CheckBox percent;
    private final DatePicker until;
    private final TextField note = new TextField();

    /** {@code consentLimits}: what the customer's consent rules out ("No marketing · No SMS"), shown above the fields; empty: nothing. */
    IssueCouponDialog(Messages messages, LocalDate defaultUntil, String consentLimits) {
        setTitle(messages.get("membership.coupon.title"));
        value.setId("couponValue");
        percent = new CheckBox(messages.get("membership.coupon.percent"));
        until = DateFields.create(messages, defaultUntil);
        GridPane g = new GridPane(8, 8);
        g.addRow(0, new Label(messages.get("membership.coupon.value")), value, percent);
        g.addRow(1, new Label(messages.get("membership.coupon.until")), until);
        g.addRow(2, new Label(messages.get("membership.profile.notePrompt")), note);
        if (consentLimits != null && !consentLimits.isEmpty()) {
            Label consent = new Label(messages.get("membership.coupon.consent", consentLimits));
            consent.setId("couponConsent");
            consent.getStyleClass().add("warning-banner");
            consent.setWrapText(true);
            consent.setMaxWidth(420);
            getDialogPane().setContent(new javafx.scene.layout.VBox(10, consent, g));
        } else {
            getDialogPane().setContent(g);
        }
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    }

    /** Shows the dialog and waits; what was entered when the user pressed OK (read after the dialog closed, as typed). */
    Optional<Request> ask() {
        return showAndWait().filter(b -> b == ButtonType.OK)
                .map(b -> new Request(value.getText(), percent.isSelected(), until.getValue(), note.getText()));
    }
}

package app.regulars.membership;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.scene.control.TextInputDialog;

import java.util.Currency;

/** Asks why a purchase is voided (its coupon, if any, is given back); the result is the reason typed. */
final class VoidPurchaseDialog extends TextInputDialog {
    VoidPurchaseDialog(Messages messages, Formats formats, Currency currency, Purchase p) {
        setTitle(messages.get("membership.void.title"));
        setHeaderText(messages.get("membership.void.header", formats.money(p.amount(), currency), formats.dateTime(p.purchasedAt()))
                + (p.couponCode() == null ? "" : "\n" + messages.get("membership.void.couponBack", p.couponCode())));
        setContentText(messages.get("membership.void.reason"));
        getEditor().setId("voidReason");
    }
}

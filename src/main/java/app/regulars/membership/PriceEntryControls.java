package app.regulars.membership;

import app.regulars.i18n.Messages;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;

/**
 * The controls of a {@link PriceEntry}, for the quick purchase box and the profile's purchase
 * form to lay out: the coupon chooser with its label (mnemonic Alt+O), the member discount's
 * check box (shown when the tier has a discount) and the "to pay" line. Ids start with
 * {@code prefix}: {@code prefixCoupon}, {@code prefixMemberDiscount}, {@code prefixToPay}.
 */
final class PriceEntryControls {
    final Label couponLabel;
    final ComboBox<PriceEntry.Choice> coupon = new ComboBox<>();
    final CheckBox member = new CheckBox();
    final Label toPay = new Label();

    PriceEntryControls(PriceEntry entry, Messages messages, String prefix) {
        couponLabel = new Label(messages.get("membership.price.couponLabel"));
        couponLabel.setMnemonicParsing(true);
        couponLabel.setLabelFor(coupon);
        coupon.setId(prefix + "Coupon");
        coupon.setItems(entry.choices());
        coupon.valueProperty().bindBidirectional(entry.choiceProperty());
        coupon.setCellFactory(v -> cell(entry));
        coupon.setButtonCell(cell(entry));
        // "No coupon" or "No valid coupon" depends on the list, not on the value: a new list redraws the button
        entry.choices().addListener((javafx.collections.ListChangeListener<PriceEntry.Choice>) c -> coupon.setButtonCell(cell(entry)));
        coupon.setMaxWidth(Double.MAX_VALUE);
        coupon.disableProperty().bind(entry.couponsAvailableProperty().not());
        member.setId(prefix + "MemberDiscount");
        member.textProperty().bind(entry.memberTextProperty());
        member.selectedProperty().bindBidirectional(entry.memberDiscountProperty());
        member.visibleProperty().bind(entry.memberAvailableProperty());
        member.managedProperty().bind(entry.memberAvailableProperty());
        toPay.setId(prefix + "ToPay");
        toPay.getStyleClass().add("to-pay");
        toPay.textProperty().bind(entry.summaryProperty());
        toPay.setWrapText(true);
        toPay.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps rather than being cut when the box is short
    }

    private static ListCell<PriceEntry.Choice> cell(PriceEntry entry) {
        return new ListCell<>() {
            @Override
            protected void updateItem(PriceEntry.Choice c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty ? entry.describe(PriceEntry.NONE) : entry.describe(c));
            }
        };
    }
}

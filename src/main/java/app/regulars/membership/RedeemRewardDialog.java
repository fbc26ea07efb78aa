package app.regulars.membership;

import app.regulars.i18n.Messages;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

import java.util.List;

/** Asks which of the active rewards to redeem (not empty), each shown with its cost in points. */
final class RedeemRewardDialog extends ChoiceDialog<Reward> {
    @SuppressWarnings("unchecked")
    RedeemRewardDialog(Messages messages, List<Reward> rewards) {
        super(rewards.getFirst(), rewards);
        setTitle(messages.get("membership.profile.redeem"));
        setHeaderText(null);
        setContentText(messages.get("membership.redeem.choose"));
        getDialogPane().lookupAll(".combo-box").forEach(n -> ((ComboBox<Reward>) n).setConverter(new StringConverter<>() {
            @Override
            public String toString(Reward r) {
                return r == null ? "" : messages.get("membership.redeem.option", r.name(), r.costPoints());
            }

            @Override
            public Reward fromString(String s) {
                return null;
            }
        }));
    }
}

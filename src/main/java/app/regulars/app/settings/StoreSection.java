package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.team.StoreChoice;
import app.regulars.app.team.StoreChoiceView;
import app.regulars.app.team.StoreForm;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Settings › Where the data lives: the store open now (this computer's file or a shared server)
 * and the choice of the other; "Open this store" closes this one and opens that one
 * ({@link AppContext#switchStore}). Nothing is copied: said under the choice.
 */
public final class StoreSection extends VBox {
    public StoreSection(AppContext context, Messages messages) {
        super(10);
        setId("storeSection");
        Label title = new Label(messages.get("store.section"));
        title.getStyleClass().add("section-title");
        Database db = context.database();
        StoreChoice now = db.server().map(StoreChoice::server).orElse(StoreChoice.LOCAL);
        Label current = new Label(now.shared()
                ? messages.get("store.section.server", db.where())
                : messages.get("store.section.local", db.directory().toString()));
        current.setId("storeCurrent");
        current.setWrapText(true);
        StoreForm form = new StoreForm(messages);
        form.load(now);
        StoreChoiceView choice = new StoreChoiceView(form, messages, messages.get("store.section.open"), context::switchStore);
        getChildren().setAll(title, current, choice);
    }
}

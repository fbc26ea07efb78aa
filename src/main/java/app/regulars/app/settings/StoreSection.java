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
 * and, behind "Choose another store…", the choice of the other; "Open this store" closes this one and opens that one
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
        // folded until asked for: the page keeps its height for the backups and the export below
        choice.setVisible(false);
        choice.managedProperty().bind(choice.visibleProperty());
        javafx.scene.control.Button change = new javafx.scene.control.Button(messages.get("store.section.change"));
        change.setId("storeChange");
        change.setOnAction(e -> choice.setVisible(!choice.isVisible()));
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(12, current, change);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().setAll(title, row, choice);
    }
}

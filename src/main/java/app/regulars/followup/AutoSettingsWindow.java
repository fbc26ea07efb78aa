package app.regulars.followup;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/**
 * The settings of the automatic follow-ups in their own window: days before birthdays and
 * holidays, how far ahead, the default cadence and its rules; "Generate" saves them and
 * creates what is due at once, Esc closes.
 */
final class AutoSettingsWindow {
    private AutoSettingsWindow() {
    }

    /** Loads the settings and shows them over {@code owner}; {@code generated} runs after each generation. */
    static Stage open(Window owner, AutoSettingsViewModel s, Messages messages, Runnable generated) {
        s.load();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(16));
        record Row(String key, String id, StringProperty value, int columns) {
        }
        List<Row> rows = List.of(
                new Row("followup.auto.birthdayDays", "autoBirthday", s.birthdayDaysProperty(), 5),
                new Row("followup.auto.holidayDays", "autoHoliday", s.holidayDaysProperty(), 5),
                new Row("followup.auto.horizonDays", "autoHorizon", s.horizonDaysProperty(), 5),
                new Row("followup.auto.defaultCadence", "autoCadence", s.defaultCadenceProperty(), 5),
                new Row("followup.auto.rules", "autoRules", s.rulesProperty(), 24));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            TextField f = new TextField();
            f.setId(row.id());
            f.textProperty().bindBidirectional(row.value());
            f.setPrefColumnCount(row.columns());
            Label l = new Label(messages.get(row.key()));
            l.setLabelFor(f);
            l.setWrapText(true);
            l.setMaxWidth(300);
            grid.addRow(i, l, f);
        }
        javafx.scene.control.CheckBox purchases = new javafx.scene.control.CheckBox(messages.get("followup.auto.purchaseCounts"));
        purchases.setId("autoPurchaseCounts");
        purchases.selectedProperty().bindBidirectional(s.purchaseCountsProperty());
        purchases.setWrapText(true);
        purchases.setMaxWidth(520);
        grid.add(purchases, 0, rows.size(), 2, 1);
        Label help = new Label(messages.get("followup.auto.help"));
        help.setWrapText(true);
        help.setMaxWidth(520);
        help.getStyleClass().add("muted");
        grid.add(help, 0, rows.size() + 1, 2, 1);
        Label msg = new Label();
        msg.setId("autoMessage");
        msg.setWrapText(true);
        msg.setMaxWidth(520);
        msg.textProperty().bind(s.messageProperty());
        grid.add(msg, 0, rows.size() + 2, 2, 1);
        Button go = new Button(messages.get("followup.auto.generate"));
        go.setId("autoGenerate");
        go.setDefaultButton(true);
        go.setOnAction(e -> s.saveAndGenerate(r -> generated.run()));
        Button close = new Button(messages.get("followup.auto.close"));
        close.setCancelButton(true);
        HBox buttons = new HBox(8, go, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        grid.add(buttons, 0, rows.size() + 3, 2, 1);
        Stage stage = Windows.stage(owner, messages.get("followup.auto.title"), grid, 0, 0);
        close.setOnAction(e -> stage.close());
        stage.show();
        return stage;
    }
}

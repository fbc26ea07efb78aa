package app.regulars.insight;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/** The insights' rules and targets, editable: model and value classes, lifecycle stages, targets. */
final class InsightSettingsWindow {
    private InsightSettingsWindow() {
    }

    /** Opens the form over {@code owner}; {@code saved} runs after a save (the page recomputes). */
    static Stage open(Window owner, InsightSettingsViewModel vm, Messages messages, Runnable saved) {
        // One grid for all groups, so the fields line up from the first to the last.
        GridPane groups = new GridPane();
        groups.setHgap(12);
        groups.setVgap(6);
        int row = 0;
        for (String group : List.of("model", "lifecycle", "targets")) {
            Label title = new Label(messages.get("insight.settings.group." + group));
            title.getStyleClass().add("section-title");
            if (row > 0) {
                title.setPadding(new Insets(10, 0, 0, 0));
            }
            groups.add(title, 0, row++, 2, 1);
            for (InsightSettingsViewModel.Field f : vm.fields()) {
                if (!InsightSettingsViewModel.group(f.name()).equals(group)) {
                    continue;
                }
                Label label = new Label(f.label());
                label.setWrapText(true);
                label.setMaxWidth(380);
                TextField field = new TextField();
                field.setId("insightSetting-" + f.name());
                field.setPrefColumnCount(6);
                field.textProperty().bindBidirectional(f.text());
                label.setLabelFor(field);
                groups.addRow(row++, label, field);
            }
        }
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        Button defaults = new Button(messages.get("insight.settings.defaults"));
        defaults.setId("insightSettingsDefaults");
        defaults.setOnAction(e -> vm.defaults());
        Button save = new Button(messages.get("insight.settings.save"));
        save.setId("insightSettingsSave");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setCancelButton(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, defaults, grow, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, groups, error, buttons);
        root.setPadding(new Insets(16));
        root.setId("insightSettings");
        root.setPrefWidth(560);
        Stage stage = Windows.stage(owner, messages.get("insight.settings.title"), root, 0, 0);
        save.setOnAction(e -> vm.save(() -> {
            stage.close();
            saved.run();
        }));
        cancel.setOnAction(e -> stage.close());
        vm.load();
        stage.show();
        return stage;
    }
}

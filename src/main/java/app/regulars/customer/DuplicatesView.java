package app.regulars.customer;

import app.regulars.i18n.Messages;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The likely duplicates, on the Customers page: the pairs with their score and reasons, both
 * customers' names, card numbers and phones; Merge… (or a double click, or Enter) and Not a
 * duplicate; Find again, with progress and Cancel while it looks.
 */
public final class DuplicatesView extends BorderPane {
    private final DuplicatesViewModel vm;
    private final Messages messages;
    private final TableView<DuplicatePair> table = new TableView<>();

    public DuplicatesView(DuplicatesViewModel vm, Messages messages, Runnable back, Consumer<DuplicatePair> merge) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("duplicates-view");

        Button backButton = new Button(messages.get("common.back"), new FontIcon(MaterialDesignA.ARROW_LEFT));
        backButton.setId("duplicatesBack");
        backButton.setOnAction(e -> back.run());
        Label title = new Label(messages.get("duplicates.title"));
        title.getStyleClass().add("page-title");
        ProgressBar progress = new ProgressBar();
        progress.setId("duplicatesProgress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(vm.progressProperty());
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setId("duplicatesCancel");
        cancel.setOnAction(e -> vm.cancel());
        for (var n : java.util.List.of(progress, cancel)) {
            n.visibleProperty().bind(vm.runningProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        Button find = new Button(messages.get("duplicates.find"), new FontIcon(MaterialDesignR.REFRESH));
        find.setId("duplicatesFind");
        find.disableProperty().bind(vm.runningProperty());
        find.setOnAction(e -> vm.find());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, backButton, title, spacer, progress, cancel, find);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("page-toolbar");
        setTop(toolbar);

        Label about = new Label(messages.get("duplicates.about"));
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("muted");
        buildTable(merge);
        VBox center = new VBox(10, about, table);
        center.setPadding(new Insets(12, 16, 8, 16));
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(center);

        Button dismiss = new Button(messages.get("duplicates.dismiss"), new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        dismiss.setId("duplicatesDismiss");
        dismiss.setOnAction(e -> vm.dismiss(table.getSelectionModel().getSelectedItem()));
        Button mergeButton = new Button(messages.get("duplicates.merge"), new FontIcon(MaterialDesignS.SET_MERGE));
        mergeButton.setId("duplicatesMerge");
        mergeButton.getStyleClass().add("accent");
        mergeButton.setOnAction(e -> {
            DuplicatePair p = table.getSelectionModel().getSelectedItem();
            if (p != null) {
                merge.accept(p);
            }
        });
        var none = table.getSelectionModel().selectedItemProperty().isNull().or(vm.runningProperty());
        dismiss.disableProperty().bind(none);
        mergeButton.disableProperty().bind(none);
        Label status = new Label();
        status.setId("duplicatesStatus");
        status.textProperty().bind(vm.statusProperty());
        Label leftOut = new Label();
        leftOut.setId("duplicatesLeftOut");
        leftOut.getStyleClass().add("muted");
        leftOut.setWrapText(true);
        leftOut.textProperty().bind(vm.leftOutProperty());
        leftOut.visibleProperty().bind(vm.leftOutProperty().isNotEmpty());
        leftOut.managedProperty().bind(leftOut.visibleProperty());
        Label error = new Label();
        error.setId("duplicatesError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        VBox texts = new VBox(2, status, leftOut, error);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox bottom = new HBox(8, texts, dismiss, mergeButton);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("page-footer");
        setBottom(bottom);
    }

    private void buildTable(Consumer<DuplicatePair> merge) {
        table.setId("duplicatesTable");
        table.setItems(vm.pairs());
        table.setPlaceholder(new Label(messages.get("duplicates.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DuplicatePair, String> score = column("duplicates.column.score", p -> Integer.toString(p.score()), 70);
        score.setId("duplicatesScore");
        score.getStyleClass().add("number-column");
        TableColumn<DuplicatePair, String> reasons = column("duplicates.column.reasons", vm::reasonsText, 210);
        reasons.setId("duplicatesReasons");
        table.getColumns().add(score);
        table.getColumns().add(reasons);
        table.getColumns().add(side("duplicates.column.first", DuplicatePair::a, "First"));
        table.getColumns().add(side("duplicates.column.second", DuplicatePair::b, "Second"));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> vm.selectedProperty().set(n));
        table.setRowFactory(t -> {
            TableRow<DuplicatePair> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    merge.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            DuplicatePair p = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && p != null) {
                merge.accept(p);
                e.consume();
            }
        });
    }

    /** A customer's name, card number and phones under one heading. */
    private TableColumn<DuplicatePair, String> side(String key, Function<DuplicatePair, DuplicatePair.Side> which, String id) {
        TableColumn<DuplicatePair, String> parent = new TableColumn<>(messages.get(key));
        TableColumn<DuplicatePair, String> name = column("customer.field.name", p -> which.apply(p).name(), 120);
        name.setId("duplicates" + id + "Name");
        TableColumn<DuplicatePair, String> code = column("customer.field.code", p -> which.apply(p).code(), 90);
        code.setId("duplicates" + id + "Code");
        TableColumn<DuplicatePair, String> phones = column("customer.field.phone", p -> vm.phonesText(which.apply(p)), 150);
        parent.getColumns().add(name);
        parent.getColumns().add(code);
        parent.getColumns().add(phones);
        return parent;
    }

    private TableColumn<DuplicatePair, String> column(String key, Function<DuplicatePair, String> text, double width) {
        TableColumn<DuplicatePair, String> c = new TableColumn<>(messages.get(key));
        c.setCellValueFactory(f -> new SimpleStringProperty(text.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    public TableView<DuplicatePair> table() {
        return table;
    }
}

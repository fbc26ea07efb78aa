package app.regulars.customer;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;

/**
 * Merging two or more customers, side by side: a column a customer, the one kept chosen at the
 * top, then one row for each field where they differ, with the value to keep chosen in it; the
 * phones, tags and emails put together; what moves to the kept customer; Merge or Cancel.
 */
public final class MergeDialog {
    private final MergeViewModel vm;
    private final Messages messages;
    private final Stage stage;
    private final GridPane grid = new GridPane();
    private final Label summary = new Label();

    public MergeDialog(MergeViewModel vm, Messages messages, Window owner, Consumer<MergeService.Merged> merged) {
        this.vm = vm;
        this.messages = messages;

        Label about = new Label(messages.get("merge.about"));
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("muted");

        grid.setId("mergeGrid");
        grid.getStyleClass().add("merge-grid");
        grid.setHgap(14);
        grid.setVgap(8);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");

        summary.setId("mergeSummary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.getStyleClass().add("merge-summary");

        Label error = new Label();
        error.setId("mergeError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setId("mergeCancel");
        cancel.setCancelButton(true);
        Button merge = new Button(messages.get("merge.button"));
        merge.setId("mergeConfirm");
        merge.getStyleClass().add("danger");
        merge.disableProperty().bind(vm.runningProperty().or(vm.planProperty().isNull()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, error, grow, cancel, merge);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label title = new Label(messages.get("merge.title"));
        title.getStyleClass().add("page-title");
        VBox top = new VBox(8, title, about);
        VBox bottom = new VBox(10, summary, buttons);
        BorderPane root = new BorderPane(scroll, top, null, bottom, null);
        root.setId("mergeDialog");
        root.setPadding(new Insets(16));
        BorderPane.setMargin(scroll, new Insets(12, 0, 12, 0));
        stage = Windows.stage(owner, messages.get("merge.title"), root, 960, 680);

        cancel.setOnAction(e -> stage.close());
        merge.setOnAction(e -> vm.merge(m -> {
            stage.close();
            merged.accept(m);
        }));
        vm.planProperty().addListener((obs, o, n) -> render());
        render();
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }

    /** Builds the grid for the plan; a choice just made keeps the keyboard focus on its button. */
    private void render() {
        MergePlan plan = vm.planProperty().get();
        javafx.scene.Node focused = grid.getScene() == null ? null : grid.getScene().getFocusOwner();
        String focusedId = focused != null && grid.getChildren().contains(focused) ? focused.getId() : null;
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        if (plan == null) {
            return;
        }
        List<Customer> columns = vm.columns();
        // The labels take a fifth (wide enough for "Marketing consent"), the customers share the rest.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setPercentWidth(20);
        grid.getColumnConstraints().add(labels);
        for (int i = 0; i < columns.size(); i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(78.0 / columns.size());
            grid.getColumnConstraints().add(c);
        }

        // Which customer is kept: their card number stays.
        ToggleGroup keep = new ToggleGroup();
        Label keepLabel = new Label(messages.get("merge.keep"));
        keepLabel.getStyleClass().add("field-label");
        keepLabel.setTooltip(new Tooltip(messages.get("merge.keepTip")));
        grid.add(keepLabel, 0, 0);
        for (int i = 0; i < columns.size(); i++) {
            Customer c = columns.get(i);
            RadioButton b = new RadioButton(vm.name(c));
            b.setId("mergeKeep" + i);
            b.getStyleClass().add("merge-keep");
            b.setToggleGroup(keep);
            b.setSelected(vm.isKept(c));
            b.setWrapText(true);
            b.setOnAction(e -> vm.keep(c.id()));
            grid.add(b, i + 1, 0);
        }

        int row = 1;
        for (MergeField field : vm.fields()) {
            Label label = new Label(messages.get(field.labelKey()));
            label.getStyleClass().add("field-label");
            grid.add(label, 0, row);
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            ToggleGroup pick = new ToggleGroup();
            long chosen = vm.chosen(field);
            for (int i = 0; i < columns.size(); i++) {
                Customer c = columns.get(i);
                RadioButton b = new RadioButton(vm.valueText(field, c));
                b.setId("mergePick" + field.name() + i);
                b.setToggleGroup(pick);
                b.setWrapText(true);
                b.setSelected(chosen == c.id());
                if (field.valueOf(c) == null) {
                    b.getStyleClass().add("muted");
                }
                b.setOnAction(e -> vm.choose(field, c.id()));
                grid.add(b, i + 1, row);
                GridPane.setValignment(b, javafx.geometry.VPos.TOP);
            }
            row++;
        }
        row = united(row, "customer.field.phones", vm.phonesText(), "mergePhones", columns.size());
        row = united(row, "customer.field.tags", vm.tagsText(), "mergeTags", columns.size());
        String emails = vm.emailsToNotesText();
        if (!emails.isEmpty()) {
            united(row, "customer.field.email", emails, "mergeEmails", columns.size());
        }
        summary.setText(vm.summaryText());
        if (focusedId != null) {
            grid.getChildren().stream().filter(n -> focusedId.equals(n.getId())).findFirst().ifPresent(javafx.scene.Node::requestFocus);
        }
    }

    /** A row put together from all of them: no choice, the result spanning the columns. */
    private int united(int row, String labelKey, String text, String id, int columns) {
        if (text.isEmpty()) {
            return row;
        }
        Label label = new Label(messages.get(labelKey));
        label.getStyleClass().add("field-label");
        Label value = new Label(text);
        value.setId(id);
        value.setWrapText(true);
        Label note = new Label(messages.get("merge.united"));
        note.getStyleClass().add("muted");
        VBox box = new VBox(2, value, note);
        grid.add(label, 0, row);
        grid.add(box, 1, row, columns, 1);
        GridPane.setHalignment(box, HPos.LEFT);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        return row + 1;
    }
}

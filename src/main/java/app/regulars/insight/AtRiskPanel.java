package app.regulars.insight;

import app.regulars.fx.DateFields;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.DatePicker;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * The "Customers at risk" panel of the Insights page: the list with a tick per customer and
 * "Select all", then owner, due date, optional coupon amount and "Plan win-back", and the
 * result line. Binds to an {@link AtRiskViewModel}; no rules here.
 */
public final class AtRiskPanel extends VBox {
    private final AtRiskViewModel vm;

    public AtRiskPanel(AtRiskViewModel vm, Messages messages) {
        super(8);
        this.vm = vm;
        setId("atRiskPanel");
        getStyleClass().addAll("chart-box", "at-risk-panel");

        Label title = new Label(messages.get("insight.atRisk.title"));
        title.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.setId("atRiskSummary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        CheckBox auto = new CheckBox(messages.get("insight.atRisk.auto"));
        auto.setId("atRiskAuto");
        auto.selectedProperty().bindBidirectional(vm.autoPlanProperty());
        HBox head = new HBox(10, title, summary, busy, grow, auto);
        head.setAlignment(Pos.CENTER_LEFT);

        Label note = new Label();
        note.setId("atRiskNote");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.textProperty().bind(vm.noteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());

        TableView<AtRiskViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("atRiskTable");
        table.setEditable(true);
        table.setPrefHeight(260);
        table.setPlaceholder(new Label(messages.get("insight.atRisk.none")));
        TableColumn<AtRiskViewModel.Row, Boolean> tick = new TableColumn<>();
        tick.setCellValueFactory(c -> c.getValue().chosenProperty());
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setSortable(false);
        tick.setPrefWidth(40);
        tick.setMaxWidth(44);
        table.getColumns().add(tick);
        table.getColumns().add(column(messages.get("insight.atRisk.column.name"), AtRiskViewModel.Row::name, 150));
        table.getColumns().add(column(messages.get("insight.atRisk.column.code"), AtRiskViewModel.Row::code, 90));
        TableColumn<AtRiskViewModel.Row, String> value = column(messages.get("insight.atRisk.column.value"), AtRiskViewModel.Row::value, 120);
        value.getStyleClass().add("number-column");
        value.setSortable(false); // already sorted by value; text would sort wrongly
        table.getColumns().add(value);
        table.getColumns().add(column(messages.get("insight.atRisk.column.reason"), AtRiskViewModel.Row::reason, 360));
        table.getColumns().add(column(messages.get("insight.atRisk.column.stage"), AtRiskViewModel.Row::stage, 100));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        CheckBox all = new CheckBox(messages.get("insight.atRisk.selectAll"));
        all.setId("atRiskSelectAll");
        all.setOnAction(e -> vm.selectAll(all.isSelected()));
        vm.chosenCountProperty().addListener((obs, o, n) -> all.setSelected(!vm.rows().isEmpty() && n.intValue() == vm.rows().size()));
        TextField owner = new TextField();
        owner.setId("atRiskOwner");
        owner.setPromptText(messages.get("insight.atRisk.owner"));
        owner.setPrefColumnCount(10);
        owner.textProperty().bindBidirectional(vm.ownerProperty());
        DatePicker due = DateFields.create(messages);
        due.setId("atRiskDue");
        due.setPrefWidth(150);
        due.valueProperty().bindBidirectional(vm.dueProperty());
        TextField coupon = new TextField();
        coupon.setId("atRiskCoupon");
        coupon.setPromptText(messages.get("insight.atRisk.coupon"));
        coupon.setPrefColumnCount(15);
        coupon.textProperty().bindBidirectional(vm.couponProperty());
        Button plan = new Button(messages.get("insight.atRisk.plan"));
        plan.setId("atRiskPlan");
        plan.getStyleClass().add("accent");
        plan.disableProperty().bind(vm.busyProperty().or(vm.chosenCountProperty().isEqualTo(0)));
        plan.setOnAction(e -> vm.plan());
        HBox actions = new HBox(10, all, label(messages, "insight.atRisk.owner"), owner, label(messages, "insight.atRisk.due"), due,
                coupon, plan);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label fieldError = new Label();
        fieldError.setId("atRiskFieldError");
        fieldError.getStyleClass().add("error-text");
        fieldError.textProperty().bind(Bindings.concat(vm.dueErrorProperty(), vm.couponErrorProperty(), vm.errorProperty()));
        fieldError.managedProperty().bind(fieldError.textProperty().isNotEmpty());
        fieldError.visibleProperty().bind(fieldError.managedProperty());
        Label result = new Label();
        result.setId("atRiskResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        getChildren().addAll(head, note, table, actions, fieldError, result);
    }

    public AtRiskViewModel viewModel() {
        return vm;
    }

    private static Label label(Messages messages, String key) {
        Label l = new Label(messages.get(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TableColumn<AtRiskViewModel.Row, String> column(String title, Function<AtRiskViewModel.Row, String> text, double width) {
        TableColumn<AtRiskViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())).getReadOnlyProperty());
        c.setPrefWidth(width);
        return c;
    }
}

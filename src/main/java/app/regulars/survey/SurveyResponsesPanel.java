package app.regulars.survey;

import app.regulars.fx.Windows;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The responses of the results page, newest first: all, or only those with comments, or only
 * walk-ins; a walk-in's response can be linked to a customer afterwards.
 */
final class SurveyResponsesPanel extends VBox {
    private final SurveyResultsViewModel vm;
    private final Messages messages;
    private final TableView<ResponseRow> table = new TableView<>();

    SurveyResponsesPanel(SurveyResultsViewModel vm, Messages messages) {
        super(12);
        this.vm = vm;
        this.messages = messages;
        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar(), table);
    }

    private void buildTable() {
        Formats formats = new Formats(messages);
        table.setId("responsesTable");
        table.setPlaceholder(new Label(messages.get("survey.page.noResponses")));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.date"), 100, r -> formats.date(r.answeredOn())));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.customer"), 160, vm::who));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.score"), 60, r -> r.score() == null ? "" : r.score().toString()));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.channel"), 90, r -> messages.get(r.channel().key())));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.comment"), 360, r -> r.comment() == null ? "" : r.comment()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(vm.responses());
    }

    /** The list's title, its two filters, "Link to customer" and the page's error. */
    private HBox bar() {
        Label title = new Label(messages.get("survey.page.responsesTitle"));
        title.getStyleClass().add("section-title");
        CheckBox comments = new CheckBox(messages.get("survey.page.commentsOnly"));
        comments.setId("commentsOnly");
        comments.selectedProperty().bindBidirectional(vm.commentsOnlyProperty());
        CheckBox walkIns = new CheckBox(messages.get("survey.page.walkInsOnly"));
        walkIns.setId("walkInsOnly");
        walkIns.selectedProperty().bindBidirectional(vm.walkInsOnlyProperty());
        Button link = new Button(messages.get("survey.page.link"), new FontIcon(MaterialDesignL.LINK_VARIANT));
        link.setId("linkResponse");
        link.disableProperty().bind(Bindings.createBooleanBinding(
                () -> table.getSelectionModel().getSelectedItem() == null || !table.getSelectionModel().getSelectedItem().isWalkIn(),
                table.getSelectionModel().selectedItemProperty()));
        link.setOnAction(e -> link());
        Label error = new Label();
        error.setId("resultsError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        HBox bar = new HBox(12, title, comments, walkIns, link, error);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Asks for the customer's code and links the selected walk-in's response to them. */
    private void link() {
        ResponseRow row = table.getSelectionModel().getSelectedItem();
        if (row == null || !row.isWalkIn()) {
            return;
        }
        TextInputDialog d = Windows.dialog(this, new TextInputDialog());
        d.setTitle(messages.get("survey.page.link"));
        d.setHeaderText(messages.get("survey.page.linkHeader"));
        d.setContentText(messages.get("survey.page.linkCode"));
        d.showAndWait().ifPresent(code -> vm.link(row, code, () -> { }));
    }
}

package app.regulars.survey;

import app.regulars.customer.Customer;
import app.regulars.customer.ProfileSection;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The "Surveys" tab of a customer's profile: their responses, newest first, and "New response". */
public final class SurveysSection implements ProfileSection {
    private final CustomerAnswersViewModel vm;
    private final Messages messages;
    private final TableView<ResponseRow> table = new TableView<>();
    private final VBox node;

    public SurveysSection(SurveyService service, TaskRunner runner, Messages messages) {
        this.vm = new CustomerAnswersViewModel(service, runner, messages);
        this.messages = messages;
        Formats formats = new Formats(messages);
        boolean zh = messages.isChinese();
        table.setId("customerResponses");
        table.setPlaceholder(new Label(messages.get("survey.section.empty")));
        table.setItems(vm.rows());
        table.getColumns().add(column(messages.get("survey.column.date"), 110, r -> formats.date(r.answeredOn())));
        table.getColumns().add(column(messages.get("survey.column.survey"), 200, r -> r.surveyName(zh)));
        table.getColumns().add(column(messages.get("survey.column.score"), 70, r -> r.score() == null ? "" : r.score().toString()));
        table.getColumns().add(column(messages.get("survey.column.channel"), 90, r -> messages.get(r.channel().key())));
        table.getColumns().add(column(messages.get("survey.column.comment"), 300, r -> r.comment() == null ? "" : r.comment()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button add = new Button(messages.get("survey.section.new"), new FontIcon(MaterialDesignP.PLUS));
        add.setId("newResponse");
        add.setMnemonicParsing(true);
        add.setOnAction(e -> openEntry());
        HBox bar = new HBox(10, add);
        bar.setAlignment(Pos.CENTER_LEFT);
        node = new VBox(10, bar, table);
        node.setPadding(new Insets(10, 16, 12, 16));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    static <T> TableColumn<T, String> column(String title, double width, java.util.function.Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    static <T, V> TableColumn<T, V> objectColumn(String title, double width, java.util.function.Function<T, V> value) {
        TableColumn<T, V> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private void openEntry() {
        SurveyEntryViewModel entry = vm.newAnswer();
        if (entry != null) {
            SurveyEntryView.open(Windows.windowOf(node), entry, messages, id -> vm.reload());
        }
    }

    @Override
    public String title() {
        return messages.get("survey.section.title");
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void show(Customer c) {
        vm.show(c == null ? null : c.id(), c == null ? null : c.name());
    }
}

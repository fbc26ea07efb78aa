package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.CutOffText;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The custom fields dialog, the editor's inputs and the profile's section, driven like a user would (decision 0027). */
@ExtendWith(ApplicationExtension.class)
class CustomFieldsViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private void showShell(FxRobot robot, Locale locale) {
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#customerTable").tryQuery().isPresent()
                && robot.lookup("#customerTable").queryTableView().getItems().size() == 3);
    }

    private void openFieldsDialog(FxRobot robot, String menuText) {
        robot.clickOn("#customerMore").clickOn(menuText);
        waitUntil(() -> robot.lookup("#customFieldList").tryQuery().isPresent());
    }

    private DialogPane pane(FxRobot robot, String inside) {
        return (DialogPane) robot.lookup(inside).query().getScene().getRoot();
    }

    private void addField(FxRobot robot, String name, FieldKind kind, String options, boolean inList) {
        robot.clickOn("#customFieldAdd");
        waitUntil(() -> robot.lookup("#customFieldForm").tryQuery().isPresent());
        robot.clickOn("#customFieldName").write(name);
        ChoiceBox<FieldKind> kindBox = robot.lookup("#customFieldKind").queryAs(ChoiceBox.class);
        robot.interact(() -> kindBox.setValue(kind));
        if (options != null) {
            robot.interact(() -> robot.lookup("#customFieldOptions").queryAs(TextArea.class).setText(options));
        }
        if (inList) {
            robot.clickOn("#customFieldInList");
        }
        robot.clickOn("#customFieldFormOk");
    }

    private static List<String> cutOff(FxRobot robot, Parent root) {
        AtomicReference<List<String>> out = new AtomicReference<>();
        robot.interact(() -> out.set(CutOffText.under(root)));
        return out.get();
    }

    @Test
    void theOwnerDefinesFieldsFillsThemInAndSeesThemInTheProfileAndTheList(FxRobot robot) {
        showShell(robot, Locale.ENGLISH);
        openFieldsDialog(robot, "Custom fields…");
        ListView<CustomField> list = robot.lookup("#customFieldList").queryAs(ListView.class);
        Screenshots.save(list.getScene(), "customer-custom-fields-empty-en");
        addField(robot, "Shoe size", FieldKind.NUMBER, null, true);
        waitUntil(() -> list.getItems().size() == 1);
        addField(robot, "Stylist", FieldKind.TEXT, null, false);
        waitUntil(() -> list.getItems().size() == 2);

        // A second "shoe size" is refused in the form, which stays open with the reason.
        robot.clickOn("#customFieldAdd");
        waitUntil(() -> robot.lookup("#customFieldForm").tryQuery().isPresent());
        robot.clickOn("#customFieldName").write("SHOE size");
        robot.clickOn("#customFieldFormOk");
        waitUntil(() -> !robot.lookup("#customFieldFormError").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#customFieldFormError").queryAs(Label.class).getText())
                .isEqualTo("There is already a field called \u201CSHOE size\u201D.");
        robot.interact(() -> robot.lookup("#customFieldName").queryAs(TextField.class).setText("Card level"));
        ChoiceBox<FieldKind> kindBox = robot.lookup("#customFieldKind").queryAs(ChoiceBox.class);
        robot.interact(() -> kindBox.setValue(FieldKind.CHOICE));
        robot.interact(() -> robot.lookup("#customFieldOptions").queryAs(TextArea.class).setText("Gold\nSilver\nBronze"));
        DialogPane form = pane(robot, "#customFieldForm");
        Screenshots.save(form.getScene(), "customer-custom-field-form-en");
        assertThat(cutOff(robot, form)).isEmpty();
        robot.clickOn("#customFieldFormOk");
        waitUntil(() -> list.getItems().size() == 3);
        addField(robot, "Newsletter", FieldKind.YES_NO, null, false);
        waitUntil(() -> list.getItems().size() == 4);
        addField(robot, "First visit", FieldKind.DATE, null, false);
        waitUntil(() -> list.getItems().size() == 5);
        assertThat(robot.lookup("#customFieldStatus").queryAs(Label.class).getText()).isEqualTo("Added the field \u201CFirst visit\u201D.");

        // Move "Card level" to the top.
        robot.clickOn("Card level");
        robot.clickOn("#customFieldUp").clickOn("#customFieldUp");
        waitUntil(() -> list.getItems().getFirst().name().equals("Card level"));
        assertThat(list.getItems()).extracting(CustomField::name)
                .containsExactly("Card level", "Shoe size", "Stylist", "Newsletter", "First visit");
        DialogPane dialog = pane(robot, "#customFieldList");
        Screenshots.save(dialog.getScene(), "customer-custom-fields-en");
        assertThat(cutOff(robot, dialog)).isEmpty();
        robot.clickOn(dialog.lookupButton(ButtonType.CLOSE));
        waitUntil(() -> robot.lookup("#customFieldList").tryQuery().isEmpty());

        // The list has a column per field, "Shoe size" shown at once.
        TableView<CustomerRow> table = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> table.getColumns().stream().anyMatch(c -> "Shoe size".equals(c.getText())));
        assertThat(table.getColumns().stream().filter(TableColumn::isVisible).map(TableColumn::getText).toList())
                .contains("Shoe size").doesNotContain("Stylist");

        // The editor: an input by kind; a word in the number field is refused under it.
        long wang = context.customers().byCode("000001").orElseThrow().id();
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(wang));
        waitUntil(() -> robot.lookup("#profileName").tryQuery().map(n -> "王小明".equals(((Label) n).getText())).orElse(false));
        robot.clickOn("#profileEdit");
        Map<String, CustomField> f = byName(context.customers().customFields());
        waitUntil(() -> robot.lookup("#customField" + f.get("Shoe size").id()).tryQuery().isPresent());
        assertThat((Object) robot.lookup("#customField" + f.get("Card level").id()).query()).isInstanceOf(ComboBox.class);
        assertThat((Object) robot.lookup("#customField" + f.get("Newsletter").id()).query()).isInstanceOf(CheckBox.class);
        assertThat((Object) robot.lookup("#customField" + f.get("First visit").id()).query()).isInstanceOf(javafx.scene.control.DatePicker.class);
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".customer-editor .scroll-pane").query()).setVvalue(1));
        robot.clickOn("#customField" + f.get("Shoe size").id()).write("forty");
        robot.clickOn("#customField" + f.get("Stylist").id()).write("Tony");
        ComboBox<String> level = robot.lookup("#customField" + f.get("Card level").id()).queryAs(ComboBox.class);
        robot.interact(() -> level.setValue("Silver"));
        robot.clickOn("#customField" + f.get("Newsletter").id());
        robot.clickOn("#customField" + f.get("First visit").id()).write("2026-03-08");
        robot.clickOn("#editorSave");
        waitUntil(() -> !robot.lookup("#editorError").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("Shoe size: \u201Cforty\u201D is not a number.").tryQuery()).isPresent();
        robot.interact(() -> robot.lookup("#customFieldsForm").query().getParent().getParent().requestLayout());
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".customer-editor .scroll-pane").query()).setVvalue(1));
        Screenshots.save(stage.getScene(), "customer-custom-editor-en");
        assertThat(context.customers().get(wang).orElseThrow().fields()).isEmpty();

        robot.interact(() -> robot.lookup("#customField" + f.get("Shoe size").id()).queryAs(TextField.class).setText("42.5"));
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("#profileCustomFields").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        GridPaneText shown = GridPaneText.of(robot.lookup("#profileCustomFields").query());
        assertThat(shown.lines()).containsExactly("Custom fields", "Card level: Silver", "Shoe size: 42.5", "Stylist: Tony",
                "Newsletter: Yes", "First visit: Mar 8, 2026");
        Screenshots.save(stage.getScene(), "customer-custom-profile-en");
        assertThat(cutOff(robot, stage.getScene().getRoot())).isEmpty();

        // Found by the search; the column shows the value.
        robot.interact(() -> shell.page(CustomersPage.class).showList());
        robot.clickOn("#customerSearch").write("tony");
        waitUntil(() -> table.getItems().size() == 1 && table.getItems().getFirst().loadedProperty().get());
        assertThat(table.getItems().getFirst().customProperty(f.get("Shoe size").id()).get()).isEqualTo("42.5");
        Screenshots.save(stage.getScene(), "customer-custom-list-en");
        assertThat(cutOff(robot, stage.getScene().getRoot())).isEmpty();

        // Removing a field with values asks first, with the count.
        openFieldsDialog(robot, "Custom fields…");
        robot.clickOn("Stylist").clickOn("#customFieldRemove");
        waitUntil(() -> robot.lookup("#customFieldRemoveConfirm").tryQuery().isPresent());
        DialogPane confirm = robot.lookup("#customFieldRemoveConfirm").queryAs(DialogPane.class);
        assertThat(confirm.getContentText()).isEqualTo(
                "1 customer has a value in \u201CStylist\u201D. Removing the field deletes these values too, and this cannot be undone.");
        Screenshots.save(confirm.getScene(), "customer-custom-remove-en");
        robot.clickOn(confirm.lookupButton(confirm.getButtonTypes().getFirst()));
        waitUntil(() -> robot.lookup("#customFieldList").queryAs(ListView.class).getItems().size() == 4);
        assertThat(context.customers().get(wang).orElseThrow().fields()).hasSize(4);
        DialogPane again = pane(robot, "#customFieldList");
        robot.clickOn(again.lookupButton(ButtonType.CLOSE));
    }

    @Test
    void theDialogTheEditorAndTheProfileInChinese(FxRobot robot) {
        CustomerService s = context.customers();
        Map<String, CustomField> f = CustomFieldsTest.define(s);
        Customer wang = s.byCode("000001").orElseThrow();
        s.save(wang.toBuilder().fields(CustomFieldsTest.values(f,
                "鞋码", "42", "常找的发型师", "Tony 老师", "会员等级", "金卡", "到店日", "2026-03-08", "Newsletter", "yes")).build());
        showShell(robot, Locale.SIMPLIFIED_CHINESE);
        TableView<CustomerRow> table = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> table.getColumns().stream().anyMatch(c -> "鞋码".equals(c.getText()) && c.isVisible()));
        Screenshots.save(stage.getScene(), "customer-custom-list-zh");
        assertThat(cutOff(robot, stage.getScene().getRoot())).isEmpty();

        openFieldsDialog(robot, "自定义字段…");
        ListView<CustomField> list = robot.lookup("#customFieldList").queryAs(ListView.class);
        waitUntil(() -> list.getItems().size() == 5);
        DialogPane dialog = pane(robot, "#customFieldList");
        Screenshots.save(dialog.getScene(), "customer-custom-fields-zh");
        assertThat(cutOff(robot, dialog)).isEmpty();
        robot.clickOn("会员等级").clickOn("#customFieldEdit");
        waitUntil(() -> robot.lookup("#customFieldForm").tryQuery().isPresent());
        DialogPane form = pane(robot, "#customFieldForm");
        assertThat(robot.lookup("#customFieldKind").query().isDisabled()).isTrue();
        Screenshots.save(form.getScene(), "customer-custom-field-form-zh");
        assertThat(cutOff(robot, form)).isEmpty();
        robot.clickOn(form.lookupButton(ButtonType.CANCEL));
        robot.clickOn(dialog.lookupButton(ButtonType.CLOSE));
        waitUntil(() -> robot.lookup("#customFieldList").tryQuery().isEmpty());

        // The filter dialog: 鞋码 from 40.
        robot.clickOn("#customerMore").clickOn("按自定义字段筛选…");
        waitUntil(() -> robot.lookup("#fieldFilterDialog").tryQuery().isPresent());
        robot.clickOn("#filterFrom").write("40");
        DialogPane filter = robot.lookup("#fieldFilterDialog").queryAs(DialogPane.class);
        Screenshots.save(filter.getScene(), "customer-custom-filter-zh");
        assertThat(cutOff(robot, filter)).isEmpty();
        robot.clickOn("#filterApply");
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(robot.lookup("#listStatus").queryAs(Label.class).getText()).endsWith("鞋码：40 及以上");

        robot.interact(() -> shell.page(CustomersPage.class).openProfile(wang.id()));
        waitUntil(() -> robot.lookup("#profileCustomFields").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(GridPaneText.of(robot.lookup("#profileCustomFields").query()).lines()).containsExactly("自定义字段", "鞋码: 42",
                "常找的发型师: Tony 老师", "会员等级: 金卡", "到店日: 2026年3月8日", "Newsletter: 是");
        Screenshots.save(stage.getScene(), "customer-custom-profile-zh");
        assertThat(cutOff(robot, stage.getScene().getRoot())).isEmpty();

        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#customField" + f.get("鞋码").id()).tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#customField" + f.get("鞋码").id()).queryAs(TextField.class).setText("四十二"));
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("鞋码：“四十二”不是数字。").tryQuery().isPresent());
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".customer-editor .scroll-pane").query()).setVvalue(1));
        Screenshots.save(stage.getScene(), "customer-custom-editor-zh");
        assertThat(cutOff(robot, stage.getScene().getRoot())).isEmpty();
    }

    private static Map<String, CustomField> byName(CustomFields fields) {
        return byName(fields.all());
    }

    private static Map<String, CustomField> byName(List<CustomField> fields) {
        Map<String, CustomField> out = new java.util.LinkedHashMap<>();
        fields.forEach(x -> out.put(x.name(), x));
        return out;
    }

    /** A grid of labels read back as lines: a heading alone, or "label: value". */
    private record GridPaneText(List<String> lines) {
        static GridPaneText of(javafx.scene.Node node) {
            javafx.scene.layout.GridPane g = (javafx.scene.layout.GridPane) node;
            java.util.TreeMap<Integer, List<String>> rows = new java.util.TreeMap<>();
            for (javafx.scene.Node n : g.getChildren()) {
                Integer r = javafx.scene.layout.GridPane.getRowIndex(n);
                rows.computeIfAbsent(r == null ? 0 : r, k -> new java.util.ArrayList<>()).add(((Label) n).getText());
            }
            return new GridPaneText(rows.values().stream().map(l -> String.join(": ", l)).toList());
        }
    }
}

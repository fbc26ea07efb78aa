package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import app.regulars.fx.FxTaskRunner;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
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

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer views driven like a user would, on a real store, headless. */
@ExtendWith(ApplicationExtension.class)
class CustomerViewsTest {
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
        showShell(Locale.ENGLISH);
        stage.show();
    }

    private void showShell(Locale locale) {
        showShell(locale, Theme.LIGHT);
    }

    private void showShell(Locale locale, Theme theme) {
        shell = Fx.showShell(stage, context, runner, locale, theme);
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }


    private TableView<CustomerRow> table(FxRobot robot) {
        return robot.lookup("#customerTable").queryTableView();
    }

    private List<String> shownNames(FxRobot robot) {
        TableView<CustomerRow> t = table(robot);
        waitUntil(() -> t.getItems().stream().allMatch(r -> r.loadedProperty().get()));
        return t.getItems().stream().map(r -> r.nameProperty().get()).toList();
    }

    private String text(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n instanceof Label l ? l.getText() : ((javafx.scene.control.TextInputControl) n).getText();
    }

    @Test
    void listShowsActiveCustomersSortedByPinyin(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(shownNames(robot)).containsExactly("Alice Smith", "王小明", "曾晓燕");
        assertThat(text(robot, "#listStatus")).isEqualTo("3 customers");
        Screenshots.save(stage.getScene(), "customer-list");
    }

    @Test
    void searchFindsCustomerByPinyinInitials(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#customerSearch").write("wxm");
        waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(shownNames(robot)).containsExactly("王小明");
        TableView<CustomerRow> t = table(robot);
        assertThat(t.getItems().getFirst().phoneProperty().get()).isEqualTo("138 1234 5678");
        Screenshots.save(stage.getScene(), "customer-list-search-wxm");

        robot.eraseText(3).write("5678");
        waitUntil(() -> table(robot).getItems().size() == 1 && table(robot).getItems().getFirst().loadedProperty().get());
        assertThat(shownNames(robot)).containsExactly("王小明");
    }

    @Test
    void theRowsKeepOneHeightThatHoldsEveryRowsText(FxRobot robot) {
        TableView<CustomerRow> t = table(robot);
        waitUntil(() -> t.getFixedCellSize() > 0);
        double fixed = t.getFixedCellSize();
        for (String q : List.of("alice", "王", "")) {
            robot.interact(() -> ((TextField) robot.lookup("#customerSearch").query()).setText(q));
            waitUntil(() -> !t.getItems().isEmpty() && t.getItems().stream().allMatch(r -> r.loadedProperty().get()));
            robot.interact(() -> t.setFixedCellSize(Region.USE_COMPUTED_SIZE)); // each row as tall as its text needs
            robot.interact(() -> { }); // laid out
            double tallest = Fx.onFx(() -> t.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableRow<?> row && !row.isEmpty())
                    .mapToDouble(n -> ((javafx.scene.control.TableRow<?>) n).getHeight()).max().orElse(0));
            assertThat(tallest).as("\"%s\": the rows' own height", q).isPositive().isLessThanOrEqualTo(fixed);
            robot.interact(() -> t.setFixedCellSize(fixed));
        }
    }

    @Test
    void theProfileIsLaidOutUnseenBeforeTheFirstCustomerIsOpened(FxRobot robot) {
        CustomersPage page = Fx.onFx(() -> shell.page(CustomersPage.class));
        CustomerListView list = Fx.onFx(page::listView);
        waitUntil(() -> table(robot).getItems().size() == 3);
        // made some seconds after the page (decision 0045), then styled and laid out behind the list for one pulse
        waitUntil(() -> page.profileView().getWidth() > 0);
        waitUntil(() -> page.getChildren().equals(List.of(list)));
        CustomerProfileView profile = Fx.onFx(page::profileView);
        assertThat(Fx.onFx(profile::getWidth)).as("laid out at the page's size").isEqualTo(Fx.onFx(page::getWidth));
        assertThat(Fx.onFx(profile::getOpacity)).as("seen again when opened").isEqualTo(1.0);
        assertThat(Fx.onFx(profile::getScene)).as("not in the window until opened").isNull();

        robot.interact(() -> page.openProfile(context.customers().byCode("000001").orElseThrow().id()));
        waitUntil(() -> "王小明".equals(((Label) robot.lookup("#profileName").query()).getText()));
        assertThat(page.getChildren()).containsExactly(profile);
    }

    @Test
    void ctrlFFocusesSearchAndEnterOpensTheProfile(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#customerTable");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(robot.lookup("#customerSearch").query().isFocused()).isTrue();
        robot.write("alice");
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileName").tryQuery().isPresent()
                && "Alice Smith".equals(((Label) robot.lookup("#profileName").query()).getText()));
        Screenshots.save(stage.getScene(), "customer-profile-en");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#customerTable").tryQuery().isPresent());
    }

    @Test
    void ctrlFAndCtrlNBringTheCustomersFromAnyPage(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        for (String page : new String[] {"#navCalendar", "#navMembers", "#navSurveys", "#navInsights"}) {
            robot.clickOn(page);
            waitUntil(() -> shell.getCenter() != shell.page(CustomersPage.class));
            robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
            waitUntil(() -> shell.getCenter() == shell.page(CustomersPage.class));
            assertThat(robot.lookup("#customerSearch").query().isFocused()).as("search focused, from " + page).isTrue();
            assertThat(((javafx.scene.control.ToggleButton) robot.lookup("#navCustomers").query()).isSelected()).isTrue();
        }
        robot.clickOn("#navCalendar");
        waitUntil(() -> shell.getCenter() != shell.page(CustomersPage.class));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> shell.getCenter() == shell.page(CustomersPage.class) && robot.lookup("#nameField").tryQuery().isPresent());
    }

    @Test
    void backOnTheListItKeepsItsRowsAndSelectionUnlessTheStoreChanged(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 3);
        // the day's jobs (they write, and may open the calendar) over first: the background lane runs in order
        java.util.concurrent.CompletableFuture<Object> dayDone = new java.util.concurrent.CompletableFuture<>();
        runner.runInBackground(() -> "", dayDone::complete, dayDone::completeExceptionally);
        dayDone.get(60, java.util.concurrent.TimeUnit.SECONDS);
        java.util.concurrent.CompletableFuture<Object> startPage = new java.util.concurrent.CompletableFuture<>();
        runner.run(() -> "", startPage::complete, startPage::completeExceptionally);
        startPage.get(60, java.util.concurrent.TimeUnit.SECONDS);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#navCustomers");
        waitUntil(() -> table(robot).getItems().size() == 3 && table(robot).getItems().stream().allMatch(r -> r.loadedProperty().get()));

        TableView<CustomerRow> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(1));
        CustomerRow second = t.getItems().get(1);
        robot.clickOn("#navCalendar");
        waitUntil(() -> shell.getCenter() != shell.page(CustomersPage.class));
        robot.clickOn("#navCustomers");
        waitUntil(() -> shell.getCenter() == shell.page(CustomersPage.class));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        // nothing written meanwhile: the same rows, the same one selected
        assertThat(table(robot).getItems().get(1)).isSameAs(second);
        assertThat(table(robot).getSelectionModel().getSelectedIndex()).isEqualTo(1);

        robot.clickOn("#navCalendar");
        waitUntil(() -> shell.getCenter() != shell.page(CustomersPage.class));
        context.customers().save(Customer.builder().name("Zoe Adams").build());
        robot.clickOn("#navCustomers");
        // written meanwhile: read again, the new customer in her place
        waitUntil(() -> table(robot).getItems().size() == 4);
        assertThat(shownNames(robot)).containsExactly("Alice Smith", "王小明", "曾晓燕", "Zoe Adams");
    }

    @Test
    void theProfilesTabsAreReachedFromTheKeyboard(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#customerTable");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("wxm");
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        javafx.scene.control.TabPane tabs = robot.lookup("#profileTabs").queryAs(javafx.scene.control.TabPane.class);
        int count = tabs.getTabs().size();
        assertThat(count).isGreaterThanOrEqualTo(4);
        robot.press(KeyCode.ALT, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.ALT);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 3);
        assertThat(tabs.getTabs().get(3).getText()).isEqualTo("Surveys");
        assertThat(tabs.getTabs().get(3).getTooltip().getText()).startsWith("Alt+4");
        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == (4 % count));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 3);
        robot.press(KeyCode.ALT, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.ALT);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 0);
    }

    @Test
    void newCustomerIsSavedWithNormalizedPhoneAndShown(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#nameField").tryQuery().isPresent());
        robot.clickOn("#nameField").write("Bob Lee");
        robot.clickOn("#phonesField").write("186 1111 2222");
        robot.clickOn("#emailField").write("bob@example.net");
        robot.clickOn("#tagsField").write("VIP, new");
        Screenshots.save(stage.getScene(), "customer-editor-new");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#profileName").tryQuery().isPresent()
                && "Bob Lee".equals(((Label) robot.lookup("#profileName").query()).getText()));

        Customer saved = context.customers().byCode("000005").orElseThrow();
        assertThat(saved.name()).isEqualTo("Bob Lee");
        assertThat(saved.phones()).containsExactly("+8618611112222");
        assertThat(saved.tags()).containsExactly("VIP", "new");
        Screenshots.save(stage.getScene(), "customer-profile-new");
    }

    @Test
    void validationErrorsAppearNextToTheFieldsAndNothingIsSaved(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#newCustomer");
        waitUntil(() -> robot.lookup("#nameField").tryQuery().isPresent());
        robot.clickOn("#phonesField").write("12345");
        robot.clickOn("#emailField").write("bob-at-example");
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("#problemNAME").query().isVisible());
        assertThat(text(robot, "#problemNAME")).isEqualTo("A name is required.");
        assertThat(text(robot, "#problemPHONES")).isEqualTo("\"12345\" is not a valid phone number.");
        assertThat(text(robot, "#problemEMAIL")).isEqualTo("\"bob-at-example\" is not a valid email address.");
        assertThat(text(robot, "#editorError")).isEqualTo("Please correct the fields marked below.");
        assertThat(context.customers().countAll()).isEqualTo(4);
        Screenshots.save(stage.getScene(), "customer-editor-errors");
    }

    @Test
    void duplicatePhoneIsWarnedWhenLeavingTheField(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#newCustomer");
        waitUntil(() -> robot.lookup("#phonesField").tryQuery().isPresent());
        robot.clickOn("#phonesField").write("13812345678");
        robot.clickOn("#emailField");
        waitUntil(() -> robot.lookup("#duplicateWarning").query().isVisible());
        assertThat(text(robot, "#duplicateWarning")).contains("王小明").contains("000001");
        Screenshots.save(stage.getScene(), "customer-editor-duplicate");
    }

    @Test
    void editingAProfileKeepsItsCode(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#customerSearch").write("wxm");
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileEdit").tryQuery().isPresent());
        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#notesField").tryQuery().isPresent());
        // The notes are below the fold of the form: set like a paste after scrolling.
        robot.interact(() -> ((javafx.scene.control.TextArea) robot.lookup("#notesField").query()).setText("Comes on Sundays now"));
        robot.clickOn("#editorSave");
        waitUntil(() -> context.customers().byCode("000001").orElseThrow().notes().equals("Comes on Sundays now"));
        assertThat(context.customers().byCode("000001").orElseThrow().name()).isEqualTo("王小明");
    }

    @Test
    void selectedCustomersAreTaggedAtOnce(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.interact(() -> table(robot).getSelectionModel().selectAll());
        robot.clickOn("#tagSelected");
        waitUntil(() -> robot.lookup("#tagInput").tryQuery().isPresent());
        Window dialog = robot.lookup("#tagInput").query().getScene().getWindow();
        robot.clickOn("#tagInput").write("tasting");
        Screenshots.save(dialog.getScene(), "customer-list-tag-dialog");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> context.customers().search("tasting", null, false, CustomerSort.NAME, true).length == 3);
        waitUntil(() -> table(robot).getItems().stream().allMatch(r -> r.tagsProperty().get().contains("tasting")));
        assertThat(text(robot, "#listStatus")).startsWith("3 customers tagged \"tasting\".");
    }

    @Test
    void archivedCustomersMoveToTheArchiveAndCanBeRestored(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.interact(() -> table(robot).getSelectionModel().clearAndSelect(0)); // Alice Smith
        robot.clickOn("#archiveSelected");
        waitUntil(() -> table(robot).getItems().size() == 2);
        assertThat(shownNames(robot)).containsExactly("王小明", "曾晓燕");

        robot.clickOn("#showArchived");
        waitUntil(() -> table(robot).getItems().size() == 2 && table(robot).getItems().stream().allMatch(r -> r.loadedProperty().get()));
        assertThat(shownNames(robot)).containsExactly("Alice Smith", "张伟");
        Screenshots.save(stage.getScene(), "customer-list-archived");
        robot.interact(() -> table(robot).getSelectionModel().clearAndSelect(0));
        robot.clickOn("#archiveSelected"); // reads "Restore" here
        waitUntil(() -> table(robot).getItems().size() == 1);
        robot.clickOn("#showArchived");
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(context.customers().byCode("000003").orElseThrow().archived()).isFalse();
    }

    @Test
    void viewsReadWellInChinese(FxRobot robot) {
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> table(robot).getItems().size() == 3 && table(robot).getItems().stream().allMatch(r -> r.loadedProperty().get()));
        assertThat(text(robot, "#listStatus")).isEqualTo("共 3 位客户");
        assertThat(table(robot).getItems().get(1).birthdayProperty().get()).isEqualTo("9月15日（296 天后）");
        Screenshots.save(stage.getScene(), "customer-list-zh");
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(context.customers().byCode("000001").orElseThrow().id()));
        waitUntil(() -> robot.lookup("#profileName").tryQuery().isPresent()
                && "王小明".equals(((Label) robot.lookup("#profileName").query()).getText()));
        Screenshots.save(stage.getScene(), "customer-profile-zh");
        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#nameField").tryQuery().isPresent());
        assertThat(((TextField) robot.lookup("#phonesField").query()).getText()).isEqualTo("138 1234 5678");
        Screenshots.save(stage.getScene(), "customer-editor-zh");
        robot.interact(() -> ((TextField) robot.lookup("#nameField").query()).setText(""));
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("#problemNAME").query().isVisible());
        assertThat(text(robot, "#problemNAME")).isEqualTo("请填写姓名。");
        Screenshots.save(stage.getScene(), "customer-editor-errors-zh");
    }

    @Test
    void darkThemeKeepsEverythingReadable(FxRobot robot) {
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE, Theme.DARK));
        waitUntil(() -> table(robot).getItems().size() == 3 && table(robot).getItems().stream().allMatch(r -> r.loadedProperty().get()));
        assertThat(((javafx.scene.control.Button) robot.lookup("#themeSwitch").query()).getText()).isEqualTo("浅色主题");
        javafx.scene.control.TextField search = robot.lookup("#customerSearch").queryAs(javafx.scene.control.TextField.class);
        assertThat(search.getText()).isEmpty(); // its hint is shown
        @SuppressWarnings("unchecked")
        javafx.css.CssMetaData<javafx.scene.control.TextField, ?> promptFill = (javafx.css.CssMetaData<javafx.scene.control.TextField, ?>) search.getCssMetaData().stream()
                .filter(m -> m.getProperty().equals("-fx-prompt-text-fill")).findFirst().orElseThrow();
        javafx.scene.paint.Color hint = (javafx.scene.paint.Color) promptFill.getStyleableProperty(search).getValue();
        assertThat(hint.getBrightness()).as("the search box's hint on the dark field: light enough to read").isGreaterThan(0.45);
        Screenshots.save(stage.getScene(), "customer-list-dark-zh");
        robot.interact(() -> showShell(Locale.ENGLISH, Theme.LIGHT));
    }
}

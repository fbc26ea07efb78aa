package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.customer.CustomerRow;
import app.regulars.customer.CustomersPage;
import app.regulars.customer.ListFilter;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.CutOffText;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * What the insights add to the customer views, on the sample shop (300 customers, 18 months of
 * purchases): the summary row at the top of a profile, the list's segment, stage and value class
 * columns, and the list filtered by them, from the filter box and from the Insights page.
 */
@ExtendWith(ApplicationExtension.class)
class InsightCustomerViewsTest {
    @TempDir
    static Path base;
    private static Path shop;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;

    /** One sample shop for all tests, copied per test (filling it takes a few seconds). */
    @BeforeAll
    static void fillShop() {
        shop = SampleStores.fill(base.resolve("shop"), false);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path dir = base.resolve("store" + (++counter));
        SampleStores.copy(shop, dir);
        context = TestStores.open(dir);
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private void open(FxRobot robot, Locale locale) {
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        // the sample shop has follow-ups due today: go to the list before the calendar opens first
        robot.interact(() -> ((ToggleButton) robot.lookup("#navCustomers").query()).fire());
        waitUntil(() -> robot.lookup("#customerTable").tryQuery().isPresent());
    }

    private InsightSnapshot snapshot() {
        return context.services().get(InsightService.class).snapshot(TestStores.TODAY, InsightSettings.load(context.settings()));
    }

    /** A declining customer the model has a prediction for, with a usual interval: every fact and a reason. */
    private CustomerInsight atRisk() {
        return snapshot().customers().stream()
                .filter(c -> c.lifecycle() == Lifecycle.DECLINING && c.prediction() != null && c.metrics().usualIntervalDays() != null)
                .findFirst().orElseThrow();
    }

    private List<String> summary(FxRobot robot) {
        FlowPane row = robot.lookup("#profileSummary").query();
        return row.getChildren().stream().map(n -> ((VBox) n).getChildren().stream()
                .map(l -> ((Label) l).getText()).reduce((a, b) -> a + ": " + b).orElse("")).toList();
    }

    private void showProfile(FxRobot robot, long id) {
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(id));
        waitUntil(() -> robot.lookup("#profileSummary").query().isVisible() && summary(robot).size() >= 9);
    }

    @Test
    void aProfileOpensOnItsSummaryRow(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        CustomerInsight c = atRisk();
        showProfile(robot, c.customerId());
        List<String> facts = summary(robot);
        assertThat(facts).extracting(f -> f.substring(0, f.indexOf(':'))).containsExactly("Tier", "Points", "Spend, 12 months",
                "Last visit", "Segment", "Stage", "Churn risk", "Lifetime value, 52 weeks", "Next visit expected", "Needs attention");
        assertThat(facts).contains("Stage: Declining", "Segment: " + new app.regulars.i18n.Messages(Locale.ENGLISH).get(c.segment().key()));
        assertThat(facts.getLast()).startsWith("Needs attention: Usually every ").contains("now " + c.metrics().recencyDays() + " days");
        assertThat(robot.lookup(".summary-fact-warning").queryAll()).isNotEmpty();
        Screenshots.save(stage.getScene(), "customer-profile-summary-en");
    }

    @Test
    void theSummaryRowInChinese(FxRobot robot) {
        open(robot, Locale.SIMPLIFIED_CHINESE);
        CustomerInsight c = atRisk();
        showProfile(robot, c.customerId());
        assertThat(summary(robot)).contains("生命周期: 衰退期").anyMatch(f -> f.startsWith("需要关注: 通常每 ") && f.contains("已 " + c.metrics().recencyDays() + " 天未来"));
        Screenshots.save(stage.getScene(), "customer-profile-summary-zh");
    }

    @Test
    void theListShowsSegmentStageAndValueClassAndFiltersByThem(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        TableView<CustomerRow> table = robot.lookup("#customerTable").queryTableView();
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .contains("Tier", "Segment", "Stage", "Value class");
        assertThat(table.getColumns().stream().filter(TableColumn::isVisible)).extracting(TableColumn::getText)
                .contains("Tier", "Segment").doesNotContain("Stage", "Value class");
        ComboBox<ListFilter> filter = robot.lookup("#listFilter").query();
        ListFilter important = filter.getItems().stream().filter(f -> f != null && f.label().equals("Segment: Important value"))
                .findFirst().orElseThrow();
        robot.interact(() -> filter.setValue(important));
        int expected = snapshot().segmentCounts().get(Segment.IMPORTANT_VALUE);
        waitUntil(() -> table.getItems().size() == expected && table.getItems().stream().limit(20).allMatch(r -> r.loadedProperty().get()));
        int segmentColumn = table.getColumns().stream().map(TableColumn::getText).toList().indexOf("Segment") - 2; // after code and name
        waitUntil(() -> table.getItems().stream().limit(20).allMatch(r -> r.extraProperty(segmentColumn).get().equals("Important value")));
        assertThat(((Label) robot.lookup("#listStatus").query()).getText()).isEqualTo(expected + " customers  ·  Segment: Important value");
        javafx.scene.Parent footer = robot.lookup(".page-footer").query();
        robot.interact(() -> assertThat(CutOffText.under(footer)).as("the footer's buttons and status, whole").isEmpty());
        javafx.scene.control.Button tag = robot.lookup("#tagSelected").query();
        if (tag.getContentDisplay() == javafx.scene.control.ContentDisplay.GRAPHIC_ONLY) { // short of room: the label in a tooltip
            assertThat(tag.getTooltip().getText()).isEqualTo(tag.getText()).isEqualTo("Add tag...");
        }
        Screenshots.save(stage.getScene(), "customer-list-insight-filter-en");
        robot.interact(() -> filter.setValue(null));
        waitUntil(() -> table.getItems().size() == 300);
        waitUntil(() -> tag.getContentDisplay() == javafx.scene.control.ContentDisplay.LEFT);
        robot.interact(() -> assertThat(CutOffText.under(footer)).as("the footer with its labels again").isEmpty());
    }

    @Test
    void theInsightsPageOpensTheListOnAChartsBar(FxRobot robot) {
        open(robot, Locale.SIMPLIFIED_CHINESE);
        robot.interact(() -> ((ToggleButton) robot.lookup("#navInsights").query()).fire());
        InsightFeature insight = context.features().stream().filter(InsightFeature.class::isInstance)
                .map(InsightFeature.class::cast).findFirst().orElseThrow();
        InsightListFilters filters = insight.listFilters();
        robot.interact(() -> filters.open(filters.stage(Lifecycle.DECLINING)));
        assertThat(shell.getCenter()).isSameAs(shell.page(CustomersPage.class));
        assertThat(((ToggleButton) robot.lookup("#navCustomers").query()).isSelected()).isTrue();
        int expected = snapshot().lifecycleCounts().get(Lifecycle.DECLINING);
        assertThat(expected).isPositive();
        TableView<CustomerRow> table = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> table.getItems().size() == expected);
        ComboBox<ListFilter> filter = robot.lookup("#listFilter").query();
        assertThat(filter.getValue().label()).isEqualTo("生命周期：衰退期");
        assertThat(filter.getItems().stream().filter(f -> f != null && f.label().equals("生命周期：衰退期"))).hasSize(1);
        assertThat(((javafx.scene.control.Label) robot.lookup("#listStatus").query()).getText()).endsWith("生命周期：衰退期");
        Screenshots.save(stage.getScene(), "customer-list-insight-filter-zh");
    }
}

package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
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
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Insights page on the sample shop (300 customers, 18 months of purchases), driven as a user would, headless. */
@ExtendWith(ApplicationExtension.class)
class InsightViewsTest {
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
        shop = SampleStores.fill(base.resolve("shop"), true);
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
        robot.interact(() -> ((ToggleButton) robot.lookup("#navInsights").query()).fire());
        waitUntil(() -> robot.lookup("#kpi-revenue").tryQuery().isPresent());
    }

    /** The label's text, or "" while it is not there (the cards are rebuilt after each load), read on the FX thread. */
    private String text(FxRobot robot, String id) {
        return Fx.onFx(() -> robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    @Test
    void theDashboardShowsThisMonthsFiguresAgainstTheTargets(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        assertThat(shell.getCenter()).isSameAs(shell.page(InsightsPage.class));
        assertThat(robot.lookup(".kpi-card").queryAll()).hasSize(Kpi.values().length);
        assertThat(text(robot, "#insightPeriod")).isEqualTo("November 2026, up to Nov 23, 2026");
        KpiReport expected = context.services().get(InsightService.class)
                .kpis(Period.month(2026, 11), TestStores.TODAY, InsightSettings.DEFAULTS);
        assertThat(text(robot, "#kpi-active_customers")).isEqualTo(String.format(Locale.ENGLISH, "%,d",
                Math.round(expected.current().get(Kpi.ACTIVE_CUSTOMERS))));
        assertThat(text(robot, "#target-churn_rate")).startsWith("Target: at most 5.0 %");
        assertThat(robot.lookup("#insightSegments").tryQuery()).isPresent();
        assertThat(robot.lookup("#insightStaff").tryQuery()).isPresent();
        assertThat(shell.page(InsightsPage.class).viewModel().staff()).hasSameSizeAs(context.services().get(InsightService.class)
                .staffFigures(Period.month(2026, 11), TestStores.TODAY));
        Screenshots.save(stage.getScene(), "insight-dashboard-en");
    }

    @Test
    void aQuarterAndThePeriodBeforeIt(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        robot.clickOn("#insightKindQUARTER");
        waitUntil(() -> text(robot, "#insightPeriod").startsWith("Q4 2026"));
        robot.clickOn("#insightPrevious");
        waitUntil(() -> text(robot, "#insightPeriod").equals("Q3 2026"));
        assertThat(robot.lookup("#insightNext").query().isDisabled()).isFalse();
        robot.clickOn("#insightNext");
        waitUntil(() -> text(robot, "#insightPeriod").startsWith("Q4 2026"));
        assertThat(robot.lookup("#insightNext").query().isDisabled()).as("no period after today's").isTrue();
    }

    @Test
    void theDashboardInChinese(FxRobot robot) {
        open(robot, Locale.SIMPLIFIED_CHINESE);
        assertThat(text(robot, "#insightPeriod")).isEqualTo("2026 年 11 月（截至 2026年11月23日）");
        Screenshots.save(stage.getScene(), "insight-dashboard-zh");
        robot.clickOn("#insightSettingsOpen");
        waitUntil(() -> robot.lookup("#insightSetting-churnTarget").tryQuery()
                .map(n -> !((javafx.scene.control.TextField) n).getText().isEmpty()).orElse(false));
        Screenshots.save(robot.lookup("#insightSettings").query().getScene(), "insight-settings-zh");
    }

    @Test
    void theRulesAndTargetsOpenOverThePageAndASavedTargetShowsOnItsCard(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        robot.clickOn("#insightSettingsOpen");
        waitUntil(() -> robot.lookup("#insightSetting-churnTarget").tryQuery()
                .map(n -> !((javafx.scene.control.TextField) n).getText().isEmpty()).orElse(false));
        Screenshots.save(robot.lookup("#insightSettings").query().getScene(), "insight-settings-en");
        robot.doubleClickOn("#insightSetting-churnTarget").write("70");
        robot.clickOn("#insightSettingsSave");
        waitUntil(() -> text(robot, "#target-churn_rate").startsWith("Target: at most 70.0 %"));
        assertThat(text(robot, "#target-churn_rate")).endsWith("Met");
    }

    @Test
    void aClickOnTheGridOpensTheCustomerListOnThoseCustomers(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        InsightSnapshot s = context.services().get(InsightService.class).snapshot(TestStores.TODAY, InsightSettings.DEFAULTS);
        int expected = s.recencyByFrequency()[4][4];
        robot.interact(() -> robot.lookup("#heat-5-5").query().getOnMouseClicked().handle(null));
        waitUntil(() -> shell.getCenter() == shell.page(app.regulars.customer.CustomersPage.class));
        var list = shell.page(app.regulars.customer.CustomersPage.class).listViewModel();
        waitUntil(() -> list.statusProperty().get().contains("R 5 · F 5"));
        assertThat(list.rows()).hasSize(expected);
    }
}

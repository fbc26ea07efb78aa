package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.app.Theme;
import app.regulars.followup.FollowUpFilter;
import app.regulars.followup.FollowUpKind;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The "Customers at risk" panel on the sample shop (300 customers, 18 months of purchases), headless. */
@ExtendWith(ApplicationExtension.class)
class AtRiskViewsTest {
    @TempDir
    static Path base;
    private static Path shop;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;

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

    @SuppressWarnings("unchecked")
    private TableView<AtRiskViewModel.Row> open(FxRobot robot, Locale locale) {
        robot.interact(() -> Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        robot.interact(() -> ((ToggleButton) robot.lookup("#navInsights").query()).fire());
        TableView<AtRiskViewModel.Row> table = (TableView<AtRiskViewModel.Row>) robot.lookup("#atRiskTable").query();
        waitUntil(() -> !table.getItems().isEmpty() && robot.lookup("#kpi-revenue").tryQuery().isPresent());
        robot.interact(() -> { // the panel at the bottom of the page, in view
            Node panel = robot.lookup("#atRiskPanel").query();
            ScrollPane scroll = (ScrollPane) robot.lookup("#insightsPage .scroll-pane").query();
            scroll.layout();
            scroll.setVvalue(scroll.getVmax());
            panel.requestFocus();
        });
        return table;
    }

    @Test
    void theMostValuableCustomersAtRiskComeFirstAndGetAWinbackInOneStep(FxRobot robot) {
        TableView<AtRiskViewModel.Row> table = open(robot, Locale.ENGLISH);
        var rows = table.getItems();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).customer().valueAtRisk()).isGreaterThanOrEqualTo(rows.get(i).customer().valueAtRisk());
        }
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.reason()).isNotBlank().doesNotContain("NaN");
            assertThat(r.stage()).isIn("Declining", "Churned");
        });
        robot.clickOn("#atRiskSelectAll");
        waitUntil(() -> rows.stream().allMatch(r -> r.chosenProperty().get()));
        robot.clickOn("#atRiskOwner").write("Lin");
        robot.clickOn("#atRiskCoupon").write("37"); // not the birthday coupons' amount: count only the win-backs' coupons
        // the rows as planned: the list reloads on the JavaFX thread once the plan is saved
        List<AtRiskViewModel.Row> chosen = new ArrayList<>();
        robot.interact(() -> chosen.addAll(rows));
        robot.clickOn("#atRiskPlan");
        waitUntil(() -> ((Label) robot.lookup("#atRiskResult").query()).getText().startsWith("Planned"));
        int planned = context.followUps().between(TestStores.TODAY.atStartOfDay(), TestStores.TODAY.plusDays(1).atStartOfDay(),
                new FollowUpFilter(FollowUpKind.WIN_BACK, "Lin", null, null)).size();
        assertThat(planned).isPositive();
        assertThat(((Label) robot.lookup("#atRiskResult").query()).getText()).startsWith("Planned " + planned + " win-backs");
        long coupons = chosen.stream().mapToLong(r -> context.membership().coupons(r.customer().customerId()).stream()
                .filter(c -> new BigDecimal("37").compareTo(c.amount() == null ? BigDecimal.ZERO : c.amount()) == 0).count()).sum();
        assertThat(coupons).isEqualTo(planned);
        Screenshots.save(stage.getScene(), "insight-at-risk-en");
    }

    @Test
    void thePanelInChinese(FxRobot robot) {
        TableView<AtRiskViewModel.Row> table = open(robot, Locale.SIMPLIFIED_CHINESE);
        robot.interact(() -> table.getItems().stream().limit(3).forEach(r -> r.chosenProperty().set(true)));
        robot.clickOn("#atRiskPlan");
        waitUntil(() -> ((Label) robot.lookup("#atRiskResult").query()).getText().startsWith("已安排"));
        Screenshots.save(stage.getScene(), "insight-at-risk-zh");
    }
}

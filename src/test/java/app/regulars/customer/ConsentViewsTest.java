package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
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

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** A profile shows what a rep must not do ("No SMS") and the consent history; the form's changes land in it. */
@ExtendWith(ApplicationExtension.class)
class ConsentViewsTest {
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

    private static List<String> labels(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(FlowPane.class).getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    /** The history's rows as shown: "when | what | from". */
    private static List<String> history(FxRobot robot) {
        return robot.lookup("#consentHistory").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .filter(n -> n instanceof HBox).map(n -> String.join(" | ", ((HBox) n).getChildren().stream()
                        .map(x -> ((Label) x).getText()).toList())).toList();
    }

    /** Scrolls the scroll pane around {@code node} to its end, as a user does to reach it. */
    private static void scrollToBottom(FxRobot robot, Node node) {
        Node n = node;
        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
            n = n.getParent();
        }
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) n;
        if (scroll != null) {
            robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        }
    }

    private void openProfile(FxRobot robot, Locale locale, String code, String name) {
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        long id = context.customers().byCode(code).orElseThrow().id();
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(id));
        waitUntil(() -> robot.lookup("#profileName").tryQuery().map(n -> name.equals(((Label) n).getText())).orElse(false));
    }

    @Test
    void theProfileShowsTheLimitsAndTheHistoryAndTheFormAddsToIt(FxRobot robot) {
        openProfile(robot, Locale.ENGLISH, "000001", "王小明");
        waitUntil(() -> history(robot).size() == 1);
        assertThat(labels(robot, "#profileConsentLimits")).containsExactly("No SMS");
        assertThat(history(robot).getFirst()).endsWith("| Agreed to marketing on Mar 1, 2025; Opted out of SMS | from the customer form");

        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#optOutWECHAT").tryQuery().isPresent());
        scrollToBottom(robot, robot.lookup("#optOutWECHAT").query()); // the consent is the form's last section
        robot.clickOn("#optOutWECHAT");
        robot.clickOn("#optOutPHONE");
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("#profileConsentLimits").tryQuery().isPresent() && history(robot).size() == 2);
        assertThat(labels(robot, "#profileConsentLimits")).containsExactly("No calls", "No SMS", "No WeChat");
        assertThat(history(robot).getFirst()).endsWith("| Opted out of Phone calls, WeChat | from the customer form");
        assertThat(context.customers().consentHistory(context.customers().byCode("000001").orElseThrow().id()))
                .extracting(ConsentChange::source).containsExactly(ConsentSource.EDITOR, ConsentSource.EDITOR);
        Screenshots.save(stage.getScene(), "customer-profile-consent-en");
    }

    @Test
    void aCustomerWithoutConsentShowsNoMarketingInChinese(FxRobot robot) {
        openProfile(robot, Locale.SIMPLIFIED_CHINESE, "000002", "曾晓燕");
        waitUntil(() -> robot.lookup("#profileConsentLimits").query().isVisible());
        assertThat(labels(robot, "#profileConsentLimits")).containsExactly("不接受营销");
        assertThat(robot.lookup("#consentHistory").queryAs(javafx.scene.layout.VBox.class).getChildren())
                .extracting(n -> ((Label) n).getText()).containsExactly("同意记录", "尚无同意变更记录。");

        long wang = context.customers().byCode("000001").orElseThrow().id();
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(wang));
        waitUntil(() -> history(robot).size() == 1);
        assertThat(labels(robot, "#profileConsentLimits")).containsExactly("勿发短信");
        assertThat(history(robot).getFirst()).endsWith("| 2025年3月1日 同意接收营销信息；不再接收：短信 | 来自客户资料表单");
        Node limits = robot.lookup("#profileConsentLimits").query();
        assertThat(limits.isVisible()).isTrue();
        Screenshots.save(stage.getScene(), "customer-profile-consent-zh");
    }
}

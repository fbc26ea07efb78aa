package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.BackupJobs;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.store.Backups;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The profile's Privacy menu driven as a user does: export the data, erase after the confirmation, read the log. */
@ExtendWith(ApplicationExtension.class)
class PrivacyViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private Path storeDir;
    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        storeDir = base.resolve("store" + (++counter));
        context = TestStores.open(storeDir);
        TestStores.addKnownCustomers(context.customers());
        long wang = context.customers().byCode("000001").orElseThrow().id();
        context.membership().recordPurchase(wang, TestStores.TODAY.atTime(9, 30), new java.math.BigDecimal("368.00"), "龙井 250 克");
        BackupJobs.backUp(context.database(), null, Backups.Kind.DAILY, TestStores.CLOCK); // a backup that holds him
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private void openProfile(FxRobot robot, Locale locale, String code, String name) {
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        long id = context.customers().byCode(code).orElseThrow().id();
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(id));
        waitUntil(() -> robot.lookup("#profileName").tryQuery().map(n -> name.equals(((Label) n).getText())).orElse(false));
    }

    private static String text(FxRobot robot, String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

    private static long showing() {
        return Window.getWindows().stream().filter(Window::isShowing).count();
    }

    @Test
    void exportThenEraseAfterTheConfirmationThenTheLog(FxRobot robot) throws Exception {
        openProfile(robot, Locale.ENGLISH, "000001", "王小明");
        Path chosen = base.resolve("exports" + counter).resolve("wang.json");
        String[] proposed = new String[1];
        robot.interact(() -> shell.page(CustomersPage.class).profileView().setSaveChooser(name -> {
            proposed[0] = name;
            return chosen;
        }));

        robot.clickOn("#profilePrivacy").clickOn("Export this customer's data…");
        waitUntil(() -> !text(robot, "#privacyStatus").isEmpty());
        assertThat(proposed[0]).isEqualTo("customer-000001.json");
        assertThat(text(robot, "#privacyStatus")).isEqualTo("Written: wang.json and wang.pdf, in " + chosen.getParent() + ".");
        assertThat(Files.readString(chosen, StandardCharsets.UTF_8)).contains("\"name\": \"王小明\"", "\"note\": \"龙井 250 克\"");
        assertThat(Files.readAllBytes(chosen.resolveSibling("wang.pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));

        // The confirmation says what goes, what stays, and which backups still hold him; Cancel changes nothing.
        long before = showing();
        robot.clickOn("#profilePrivacy").clickOn("Erase this customer…");
        waitUntil(() -> robot.lookup("#privacyEraseDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#privacyEraseDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).startsWith("Erase 王小明 (000001) for good?")
                .contains("so the shop's totals do not change")
                .contains("1 automatic backup still holds their data: rotation deletes it within 12 months, by Dec 1, 2027 at the latest.")
                .contains("The data file is compacted when Regulars closes");
        assertThat(robot.lookup("#privacyEraseCancel").queryButton().isDefaultButton()).isTrue();
        Screenshots.save(dialog.getScene(), "customer-privacy-erase-en");
        robot.clickOn("#privacyEraseCancel");
        waitUntil(() -> showing() == before);
        assertThat(context.customers().byCode("000001").orElseThrow().erased()).isFalse();

        robot.clickOn("#profilePrivacy").clickOn("Erase this customer…");
        waitUntil(() -> robot.lookup("#privacyEraseConfirm").tryQuery().isPresent());
        robot.clickOn("#privacyEraseConfirm");
        waitUntil(() -> "—".equals(text(robot, "#profileName")) && robot.lookup("#privacyNote").query().isVisible());
        assertThat(text(robot, "#privacyStatus")).isEqualTo("Customer 000001 erased.");
        assertThat(text(robot, "#privacyNote")).contains("1 automatic backup still holds their data");
        assertThat(robot.lookup("#profileEdit").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#profilePrivacy").query().isDisabled()).isTrue();
        assertThat(robot.lookup(".badge-archived").queryLabeled().getText()).isEqualTo("Erased Nov 23, 2026");
        assertThat(context.customers().byCode("000001").orElseThrow().phones()).isEmpty();
        Screenshots.save(stage.getScene(), "customer-profile-erased-en");

        // The log, from another profile: card numbers and kinds, nothing personal.
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(context.customers().byCode("000002").orElseThrow().id()));
        waitUntil(() -> "曾晓燕".equals(text(robot, "#profileName")));
        assertThat(text(robot, "#privacyStatus")).isEmpty(); // the last request's message stays with its customer
        robot.clickOn("#profilePrivacy").clickOn("Log of privacy requests…");
        waitUntil(() -> robot.lookup("#privacyLogTable").tryQuery().isPresent()
                && robot.lookup("#privacyLogTable").queryAs(TableView.class).getItems().size() == 2);
        TableView<PrivacyRequest> log = robot.lookup("#privacyLogTable").queryAs(TableView.class);
        assertThat(log.getItems()).extracting(PrivacyRequest::kind, PrivacyRequest::customerCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PrivacyRequest.Kind.ERASE, "000001"),
                org.assertj.core.groups.Tuple.tuple(PrivacyRequest.Kind.EXPORT, "000001"));
        Screenshots.save(log.getScene(), "customer-privacy-log-en");
        robot.interact(() -> ((Stage) log.getScene().getWindow()).close());
    }

    @Test
    void theConfirmationInChinese(FxRobot robot) {
        openProfile(robot, Locale.SIMPLIFIED_CHINESE, "000001", "王小明");
        robot.clickOn("#profilePrivacy");
        waitUntil(() -> robot.lookup("删除该客户…").tryQuery().isPresent());
        Screenshots.save(stage.getScene(), "customer-profile-privacy-zh");
        robot.clickOn("删除该客户…");
        waitUntil(() -> robot.lookup("#privacyEraseDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#privacyEraseDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).startsWith("确定永久删除 王小明（000001）吗？")
                .contains("1 个自动备份中仍有其信息：备份轮换会在 12 个月内删除，最迟于 2027年12月1日。");
        assertThat(((Button) robot.lookup("#privacyEraseConfirm").query()).getText()).isEqualTo("删除");
        Screenshots.save(dialog.getScene(), "customer-privacy-erase-zh");
        assertThat(robot.lookup("#privacyEraseCancel").queryButton().getText()).isEqualTo("取消");
        robot.clickOn("#privacyEraseCancel");
        waitUntil(() -> robot.lookup("#privacyEraseDialog").tryQuery().isEmpty());
        assertThat(context.customers().byCode("000001").orElseThrow().erased()).isFalse();
    }
}

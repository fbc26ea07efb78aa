package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The duplicates view and the merge dialog driven as a user does, in English and in Chinese (decision 0025). */
@ExtendWith(ApplicationExtension.class)
class MergeViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;
    private String other;
    private String alice;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        Customer wang = context.customers().save(Customer.builder().name("王晓明").phones("138 1234 5678", "139 0000 1111")
                .company("西湖茶社").birthday(Birthday.solar(LocalDate.of(1988, 9, 26))).tags("新客").build());
        other = wang.code();
        context.membership().recordPurchase(wang.id(), LocalDateTime.of(2026, 11, 20, 15, 30), new BigDecimal("368.00"), "龙井 250 克");
        alice = context.customers().save(Customer.builder().name("Alice Smith").phones("+1 650 253 0001").build()).code();
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private static long showing() {
        return Window.getWindows().stream().filter(Window::isShowing).count();
    }

    @SuppressWarnings("unchecked")
    private static TableView<DuplicatePair> pairs(FxRobot robot) {
        return robot.lookup("#duplicatesTable").queryAs(TableView.class);
    }

    private void openDuplicates(FxRobot robot, Locale locale, String menuItem) {
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#customerMore").tryQuery().isPresent());
        robot.clickOn("#customerMore").clickOn(menuItem);
        waitUntil(() -> robot.lookup("#duplicatesTable").tryQuery().isPresent() && pairs(robot).getItems().size() == 2);
    }

    @Test
    void findTheDuplicatesDismissOneAndMergeTheOtherFieldByField(FxRobot robot) {
        openDuplicates(robot, Locale.ENGLISH, "Find duplicates");
        TableView<DuplicatePair> table = pairs(robot);
        assertThat(table.getItems()).extracting(p -> p.a().code() + "/" + p.b().code() + " " + p.score())
                .containsExactly("000001/" + other + " 87", "000003/" + alice + " 50");
        assertThat(robot.lookup("#duplicatesStatus").queryLabeled().getText()).startsWith("2 likely duplicate pairs among 5 customers (");
        assertThat(robot.lookup("Same phone · Same pinyin").tryQuery()).isPresent();
        assertThat(robot.lookup("138 1234 5678, 139 0000 1111").tryQuery()).isPresent();
        assertThat(robot.lookup("#duplicatesMerge").queryButton().isDisabled()).isTrue(); // nothing chosen yet
        Screenshots.save(stage.getScene(), "customer-duplicates-en");

        // Alice Smith twice: two people. The pair goes, and stays gone.
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#duplicatesDismiss");
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(robot.lookup("#duplicatesStatus").queryLabeled().getText())
                .isEqualTo("Noted: Alice Smith (000003) and Alice Smith (" + alice + ") are two people.");
        robot.clickOn("#duplicatesFind");
        waitUntil(() -> !robot.lookup("#duplicatesFind").queryButton().isDisabled() && table.getItems().size() == 1);

        // 王小明 and 王晓明: the merge dialog shows where they differ, the kept customer's values first.
        long before = showing();
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#duplicatesMerge");
        waitUntil(() -> robot.lookup("#mergePickNAME0").tryQuery().isPresent());
        assertThat(radio(robot, "#mergeKeep0").isSelected()).isTrue();
        assertThat(radio(robot, "#mergeKeep0").getText()).isEqualTo("王小明 (000001)");
        assertThat(radio(robot, "#mergePickNAME0").isSelected()).isTrue();
        assertThat(radio(robot, "#mergePickCOMPANY0").getText()).isEqualTo("(empty)");
        assertThat(radio(robot, "#mergePickCOMPANY1").isSelected()).isTrue();
        assertThat(radio(robot, "#mergePickBIRTHDAY0").isSelected()).isTrue();
        assertThat(robot.lookup("#mergePickJOB_TITLE0").tryQuery()).isEmpty(); // the same (none) for both
        assertThat(robot.lookup("#mergePhones").queryLabeled().getText()).isEqualTo("138 1234 5678\n139 0000 1111");
        assertThat(robot.lookup("#mergeSummary").queryLabeled().getText()).isEqualTo(
                "Moves to 王小明 (000001): 1 purchase, 1 points entry.\n"
                        + "王晓明 (" + other + ") will be removed; its card number will find 王小明 (000001).");
        robot.clickOn("#mergePickBIRTHDAY1");
        assertThat(radio(robot, "#mergePickBIRTHDAY1").isSelected()).isTrue();
        Screenshots.save(robot.lookup("#mergeDialog").query().getScene(), "customer-merge-en");
        robot.clickOn("#mergeConfirm");
        waitUntil(() -> showing() == before && table.getItems().isEmpty());
        assertThat(robot.lookup("#duplicatesStatus").queryLabeled().getText()).isEqualTo("Merged " + other + " into 王小明 (000001).");

        Customer kept = context.customers().byCode(other).orElseThrow();
        assertThat(kept.code()).isEqualTo("000001");
        assertThat(kept.name()).isEqualTo("王小明");
        assertThat(kept.birthday()).isEqualTo(Birthday.solar(LocalDate.of(1988, 9, 26)));
        assertThat(kept.company()).isEqualTo("西湖茶社");
        assertThat(context.membership().totals(kept.id()).total()).isEqualByComparingTo("368.00");

        // The profile says who was merged in.
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(kept.id()));
        waitUntil(() -> robot.lookup("#profileMergedIn").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#profileMergedIn").lookup(".field-value").queryLabeled().getText())
                .isEqualTo(other + " 王晓明 (Nov 23, 2026, Window)");
        Screenshots.save(stage.getScene(), "customer-profile-merged-en");
    }

    @Test
    void mergeSelectedCustomersFromTheListKeepingTheSecond(FxRobot robot) {
        openDuplicates(robot, Locale.SIMPLIFIED_CHINESE, "查找重复客户");
        assertThat(robot.lookup("电话相同 · 拼音相同").tryQuery()).isPresent();
        Screenshots.save(stage.getScene(), "customer-duplicates-zh");
        robot.clickOn("#duplicatesBack");

        // From the list: select both, Merge…, keep the second (王晓明) this time.
        CustomersPage page = shell.page(CustomersPage.class);
        waitUntil(() -> page.listView().table().getItems().size() == 5);
        long wang = context.customers().byCode("000001").orElseThrow().id();
        long xiao = context.customers().byCode(other).orElseThrow().id();
        robot.interact(() -> {
            var t = page.listView().table();
            t.getSelectionModel().clearSelection();
            for (int i = 0; i < t.getItems().size(); i++) {
                long id = page.listViewModel().rows().idAt(i);
                if (id == wang || id == xiao) {
                    t.getSelectionModel().select(i);
                }
            }
        });
        assertThat(robot.lookup("#mergeSelected").queryButton().isDisabled()).isFalse();
        robot.clickOn("#mergeSelected");
        waitUntil(() -> robot.lookup("#mergeKeep1").tryQuery().isPresent());
        RadioButton keepSecond = radio(robot, "#mergeKeep0").getText().startsWith("王晓明") ? radio(robot, "#mergeKeep0") : radio(robot, "#mergeKeep1");
        robot.clickOn(keepSecond);
        waitUntil(() -> robot.lookup("#mergeSummary").queryLabeled().getText().startsWith("转到 王晓明（" + other + "） 名下"));
        assertThat(robot.lookup("#mergeSummary").queryLabeled().getText()).contains("王小明（000001） 将被删除");
        Screenshots.save(robot.lookup("#mergeDialog").query().getScene(), "customer-merge-zh");
        robot.clickOn("#mergeConfirm");
        waitUntil(() -> robot.lookup("#profileName").tryQuery().map(n -> "王晓明".equals(((Label) n).getText())).orElse(false)
                && robot.lookup("#profileMergedIn").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#profileMergedIn").lookup(".field-value").queryLabeled().getText())
                .isEqualTo("000001 王小明（2026年11月23日，窗口）");
        Customer kept = context.customers().byCode("000001").orElseThrow();
        assertThat(kept.code()).isEqualTo(other);
        assertThat(kept.phones()).containsExactly("+8613812345678", "+8613900001111");
        assertThat(kept.email()).isEqualTo("xiaoming@example.com"); // 王晓明 had none: 王小明's came along
        Screenshots.save(stage.getScene(), "customer-profile-merged-zh");
    }

    private static RadioButton radio(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(RadioButton.class);
    }
}

package app.regulars.app.onboarding;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import app.regulars.fx.FxTaskRunner;
import app.regulars.app.Theme;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import app.regulars.testing.Fx;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class FirstStartViewTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private final AtomicBoolean done = new AtomicBoolean();
    private FirstStartViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        show(Locale.ENGLISH);
        stage.show();
    }

    private void show(Locale locale) {
        Messages messages = new Messages(locale);
        vm = new FirstStartViewModel(context.settings(), (n, p, c) -> 0,
                new CustomerCsvImporter(context.customers()), context.services().get(app.regulars.customer.ImportUndoService.class),
                runner, messages, () -> done.set(true));
        stage.getScene().setRoot(new FirstStartView(vm, messages, this::show, new app.regulars.app.settings.SecuritySection(
                new app.regulars.app.settings.SecurityViewModel(context, messages), messages)));
        Theme.LIGHT.apply(stage.getScene());
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    @Test
    void startingEmptyLeavesTheWelcome(FxRobot robot) throws Exception {
        Screenshots.save(stage.getScene(), "first-start-en");
        assertThat(robot.lookup("#startPassword #securityProtect").queryButton().getText()).isEqualTo("Protect with a password…");
        robot.clickOn("#startEmpty");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, done::get);
        assertThat(context.settings().get(Settings.ONBOARDED)).contains("true");
    }

    /**
     * A list imported with "fill in" chosen on the screen (the file chooser is the system's: the
     * test hands the file over as it would): the result stays on screen with "Undo this import",
     * which takes the customers back and offers the choices again. In English and in Chinese.
     */
    @Test
    void theImportShowsWhatItDidAndCanBeUndone(FxRobot robot) throws Exception {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            String lang = locale == Locale.ENGLISH ? "en" : "zh";
            robot.interact(() -> show(locale));
            Path csv = base.resolve("会员名单-" + lang + ".csv");
            Files.writeString(csv, "姓名,手机,邮箱,标签\n王小明,13812345678,,VIP\n李娜,13900000000,lina@example.com,\n"
                    + "王小明,138 1234 5678,xiaoming@example.com,茶友\n张伟,18600001111,,\n", StandardCharsets.UTF_8);

            ChoiceBox<?> rule = robot.lookup("#startOnDuplicate").queryAs(ChoiceBox.class);
            robot.clickOn(rule);
            robot.clickOn(locale == Locale.ENGLISH ? "Fill in the customer's empty fields" : "补全该客户的空白项");
            assertThat(rule.getValue()).isEqualTo(app.regulars.customer.OnDuplicate.FILL);
            robot.interact(() -> vm.importFile(csv));
            Fx.waitUntil(() -> shown(robot.lookup("#startUndoImport").query()));
            WaitForAsyncUtils.waitForFxEvents();

            Label message = robot.lookup("#startMessage").queryAs(Label.class);
            assertThat(message.getText()).isEqualTo(locale == Locale.ENGLISH
                    ? "From 会员名单-en.csv: 3 customers added, 1 updated, no row skipped (their customer was already there)."
                    : "来自 会员名单-zh.csv：新增 3 位客户，更新 1 位，跳过 0 行（客户已存在）。");
            assertThat(shown(robot.lookup("#startImport").query())).as("the choices wait").isFalse();
            assertThat(robot.lookup("#startContinue").queryButton().getText()).isEqualTo(locale == Locale.ENGLISH ? "Continue" : "继续");
            assertThat(context.customers().countAll()).isEqualTo(3);
            Screenshots.save(stage.getScene(), "first-start-imported-" + lang);

            robot.clickOn("#startUndoImport");
            Fx.waitUntil(() -> shown(robot.lookup("#startImport").query()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(message.getText()).contains(locale == Locale.ENGLISH
                    ? "is undone: the 3 customers it added are removed" : "它新增的 3 位客户已删除");
            assertThat(context.customers().countAll()).isZero();
            assertThat(done).isFalse();
            Screenshots.save(stage.getScene(), "first-start-import-undone-" + lang);
        }
    }

    /** Whether the node and every parent of it are visible. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void welcomeReadsWellInChinese(FxRobot robot) {
        robot.interact(() -> ((javafx.scene.control.ComboBox<Locale>) robot.lookup("#languageSwitch").query()).setValue(Locale.SIMPLIFIED_CHINESE));
        assertThat(((Label) robot.lookup(".title").query()).getText()).isEqualTo("欢迎使用“熟客”");
        Screenshots.save(stage.getScene(), "first-start-zh");
    }
}

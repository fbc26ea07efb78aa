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
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
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
        FirstStartViewModel vm = new FirstStartViewModel(context.settings(), (n, p, c) -> 0,
                new CustomerCsvImporter(context.customers()), runner, messages, () -> done.set(true));
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

    @Test
    void welcomeReadsWellInChinese(FxRobot robot) {
        robot.interact(() -> ((javafx.scene.control.ComboBox<Locale>) robot.lookup("#languageSwitch").query()).setValue(Locale.SIMPLIFIED_CHINESE));
        assertThat(((Label) robot.lookup(".title").query()).getText()).isEqualTo("欢迎使用“熟客”");
        Screenshots.save(stage.getScene(), "first-start-zh");
    }
}

package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.Theme;
import app.regulars.app.UnlockView;
import app.regulars.fx.FxTaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Password;
import app.regulars.store.StoreKey;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Settings › Password driven through its real controls: protect, a wrong current password refused, remove; and the start's password prompt. */
@ExtendWith(ApplicationExtension.class)
class SecuritySectionTest {
    @TempDir
    static Path base;
    private static int counter;

    private Stage stage;
    private FxTaskRunner runner;
    private final AtomicReference<AppContext> context = new AtomicReference<>();
    private final AtomicReference<Password> password = new AtomicReference<>(Password.NONE);
    private final List<Throwable> failures = new ArrayList<>();
    /** How many times the shell was shown again on the reopened store: a click before that can land in the old shell. */
    private final java.util.concurrent.atomic.AtomicInteger reshown = new java.util.concurrent.atomic.AtomicInteger();
    private Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dir = base.resolve("store" + (++counter));
        context.set(TestStores.open(dir));
        TestStores.addKnownCustomers(context.get().customers());
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.get().close();
    }

    /** As the window does: close the store, change its protection, reopen with the password it returns (the old one after a failure). */
    void protector(AppContext ctx, Locale locale) {
        ctx.onProtectionChange(change -> runner.run(() -> {
            context.get().close();
            try {
                password.set(change.apply(dir));
            } catch (RuntimeException e) {
                failures.add(e);
            }
            return AppContext.open(dir, TestStores.CLOCK, Locale.SIMPLIFIED_CHINESE, password.get());
        }, reopened -> {
            context.set(reopened);
            protector(reopened, locale);
            Fx.showShell(stage, reopened, runner, locale, Theme.LIGHT);
            reshown.incrementAndGet();
        }, failures::add));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void aPasswordIsSetThenAWrongOneCannotRemoveItThenTheRightOneDoes(String language, FxRobot robot) {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        Messages messages = new Messages(locale);
        protector(context.get(), locale);
        robot.interact(() -> Fx.showShell(stage, context.get(), runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());
        robot.clickOn("#navSettings");
        assertThat(robot.lookup("#securityStatus").queryLabeled().getText()).isEqualTo(messages.get("security.off"));
        assertThat(robot.lookup("#securityChange").queryButton().isVisible()).isFalse();

        List<Window> before = List.copyOf(Window.getWindows());
        robot.clickOn("#securityProtect");
        waitUntil(() -> robot.lookup("#passwordDialog").tryQuery().isPresent());
        Button ok = okButton(robot);
        robot.clickOn("#passwordNew").write("茶 tea 1");
        robot.clickOn("#passwordAgain").write("茶 tea 2");
        assertThat(robot.lookup("#passwordDiffer").queryLabeled().isVisible()).isTrue();
        assertThat(ok.isDisabled()).as("two different passwords").isTrue();
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> !before.contains(w) && w.isShowing()).findFirst().orElseThrow();
        robot.interact(() -> robot.lookup("#passwordAgain").queryAs(javafx.scene.control.PasswordField.class).setText("茶 tea 1"));
        assertThat(ok.isDisabled()).isFalse();
        Screenshots.save(dialog.getScene(), "window-password-new-" + language);
        int shown = reshown.get();
        robot.clickOn(ok);

        waitUntil(() -> reshown.get() > shown && context.get().database().encrypted() && robot.lookup("#navSettings").tryQuery().isPresent());
        assertThat(failures).isEmpty();
        assertThat(dir.resolve(StoreKey.FILE)).exists();
        assertThat(context.get().customers().countAll()).isEqualTo(4);
        robot.clickOn("#navSettings");
        assertThat(robot.lookup("#securityStatus").queryLabeled().getText()).isEqualTo(messages.get("security.on"));
        assertThat(robot.lookup("#securityProtect").queryButton().isVisible()).isFalse();
        Screenshots.save(stage.getScene(), "page-settings-password-" + language);

        robot.clickOn("#securityRemove");
        waitUntil(() -> robot.lookup("#passwordCurrent").tryQuery().isPresent());
        robot.clickOn("#passwordCurrent").write("wrong");
        int shownBeforeWrong = reshown.get();
        robot.clickOn(okButton(robot));
        waitUntil(() -> reshown.get() > shownBeforeWrong && !failures.isEmpty() && robot.lookup("#navSettings").tryQuery().isPresent());
        assertThat(failures).singleElement().matches(e -> e instanceof UserException u && u.key().equals("store.error.wrongPassword"));
        assertThat(context.get().database().encrypted()).as("still protected").isTrue();
        failures.clear();

        robot.clickOn("#navSettings");
        robot.clickOn("#securityRemove");
        waitUntil(() -> robot.lookup("#passwordCurrent").tryQuery().isPresent());
        robot.clickOn("#passwordCurrent").write("茶 tea 1");
        int shownBeforeRight = reshown.get();
        robot.clickOn(okButton(robot));
        waitUntil(() -> reshown.get() > shownBeforeRight && !context.get().database().encrypted() && robot.lookup("#navSettings").tryQuery().isPresent());
        assertThat(failures).isEmpty();
        assertThat(dir.resolve(StoreKey.FILE)).doesNotExist();
        assertThat(context.get().customers().countAll()).isEqualTo(4);
    }

    @Test
    void theStartAsksForThePasswordAndSaysWhenItIsWrong(FxRobot robot) {
        Messages messages = new Messages(Locale.ENGLISH);
        List<Password> typed = new ArrayList<>();
        robot.interact(() -> stage.getScene().setRoot(new UnlockView(messages, dir, null, typed::add)));
        assertThat(robot.lookup("#unlockOpen").queryButton().isDisabled()).isTrue();
        robot.clickOn("#unlockPassword").write("secret");
        robot.clickOn("#unlockOpen");
        assertThat(typed).singleElement().matches(p -> p.sameText(Password.of("secret")));
        robot.interact(() -> stage.getScene().setRoot(new UnlockView(messages, dir, messages.get("store.error.wrongPassword"), typed::add)));
        assertThat(robot.lookup("#unlockError").queryLabeled().getText()).isEqualTo("Wrong password.");
        Screenshots.save(stage.getScene(), "window-unlock-en");
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        robot.interact(() -> stage.getScene().setRoot(new UnlockView(zh, dir, zh.get("store.error.wrongPassword"), typed::add)));
        assertThat(robot.lookup("#unlockError").queryLabeled().getText()).isEqualTo("密码错误。");
        Screenshots.save(stage.getScene(), "window-unlock-zh");
    }

    private static Button okButton(FxRobot robot) {
        return robot.lookup("#passwordDialog .button").match(n -> n instanceof Button b && b.isDefaultButton()).queryButton();
    }
}

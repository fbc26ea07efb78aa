package app.regulars.app;

import app.regulars.store.Encryption;
import app.regulars.store.Password;
import app.regulars.store.StoreKey;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real window on encrypted data: it asks for the password before anything opens, says a
 * wrong one, opens with the right one, and changes the password from Settings (closing the store,
 * changing it, reopening on it).
 */
class WindowPasswordTest {
    @TempDir
    Path dir;

    @Test
    void theWindowAsksForThePasswordThenChangesIt() throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            ctx.settings().put(app.regulars.store.Settings.LANGUAGE, "en");
        }
        Encryption.encrypt(dir, Password.of("first"), f -> { });
        StoreKey.Params before = StoreKey.read(dir).orElseThrow();
        FxRobot robot = new FxRobot();
        Stage stage = FxToolkit.registerPrimaryStage();
        RegularsApp.useDataDirectory(dir);
        RegularsApp app = (RegularsApp) FxToolkit.setupApplication(RegularsApp::new);
        try {
            waitUntil(() -> robot.lookup("#unlockPassword").tryQuery().isPresent());
            robot.clickOn("#unlockPassword").write("wrong");
            robot.clickOn("#unlockOpen");
            waitUntil(() -> robot.lookup("#unlockError").tryQuery().map(n -> !((javafx.scene.control.Labeled) n).getText().isEmpty())
                    .orElse(false));
            assertThat(robot.lookup("#unlockError").queryLabeled().getText()).isEqualTo(
                    new app.regulars.i18n.Messages(Locale.getDefault(Locale.Category.DISPLAY)).get("store.error.wrongPassword"));
            robot.clickOn("#unlockPassword").write("first");
            robot.clickOn("#unlockOpen");
            waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());

            robot.clickOn("#navSettings");
            robot.clickOn("#securityChange");
            waitUntil(() -> robot.lookup("#passwordCurrent").tryQuery().isPresent());
            robot.clickOn("#passwordCurrent").write("first");
            robot.clickOn("#passwordNew").write("second");
            robot.clickOn("#passwordAgain").write("second");
            robot.clickOn(robot.lookup("#passwordDialog .button").match(n -> n instanceof Button b && b.isDefaultButton()).queryButton());
            waitUntil(() -> robot.lookup("#securityDone").tryQuery().isPresent());
            assertThat(robot.lookup("#securityDone").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                    .isEqualTo("The password is changed: the data and its backups open with the new one.");
            Screenshots.save(stage.getScene(), "window-password-changed-en");
            robot.clickOn(robot.lookup("#securityDone .button").queryButton());
        } finally {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        assertThat(StoreKey.read(dir).orElseThrow().salt()).isNotEqualTo(before.salt());
        assertThatThrownBy(() -> AppContext.open(dir, Password.of("first")).close())
                .hasMessage("store.error.wrongPassword");
        try (AppContext ctx = AppContext.open(dir, Password.of("second"))) {
            assertThat(ctx.customers().countAll()).isEqualTo(4);
        }
    }
}

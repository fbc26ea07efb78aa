package app.regulars.app;

import app.regulars.app.team.StoreChoice;
import app.regulars.app.team.StoreForm;
import app.regulars.app.team.CredentialStore;
import app.regulars.fx.FxTaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.store.ServerAddress;
import app.regulars.testing.Fx;
import app.regulars.testing.MemoryCredentialStore;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestPostgres;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window and where the data lives (issue 17 item 1, decision 0034): a new folder asks
 * first (this computer only or a shared server); a shared server asks its password, keeps it in
 * the credential store (here a double in memory) when asked, and opens; the next start asks
 * nothing; a server that cannot be reached is said with Retry and this computer's file instead;
 * Settings › Where the data lives shows the store open and the choice.
 */
class WindowStoreTest {
    @TempDir
    Path dir;
    private final Locale before = Locale.getDefault(Locale.Category.DISPLAY);
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void restore() throws TimeoutException {
        Locale.setDefault(Locale.Category.DISPLAY, before);
        RegularsApp.useCredentialStore(CredentialStore.NONE);
        FxToolkit.cleanupStages();
    }

    private RegularsApp start(Locale locale) throws TimeoutException {
        Locale.setDefault(Locale.Category.DISPLAY, locale);
        FxToolkit.registerPrimaryStage();
        return (RegularsApp) FxToolkit.setupApplication(RegularsApp::new);
    }

    private Stage stage() {
        return (Stage) robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()).findFirst().orElseThrow();
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    /** Whether the node is on screen: itself and every parent visible. */
    private boolean shown(String id) {
        return robot.lookup(id).tryQuery().map(n -> {
            for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private void type(String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void aNewFolderAsksWhereTheDataLivesThenOpensThisComputersFile(String language) throws Exception {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        Messages messages = new Messages(locale);
        RegularsApp.useDataDirectory(dir);
        RegularsApp.useCredentialStore(new MemoryCredentialStore(true));
        RegularsApp app = start(locale);
        try {
            waitUntil(() -> robot.lookup("#storeChoiceScreen").tryQuery().isPresent());
            assertThat(text("#storeLocal")).isEqualTo(messages.get("store.choice.local"));
            assertThat(shown("#storeHost")).isFalse(); // the server's fields only once a server is chosen
            Screenshots.save(stage().getScene(), "store-choice-" + language);
            robot.clickOn("#storeServer");
            waitUntil(() -> shown("#storeHost"));
            robot.clickOn("#storeOpen");
            assertThat(text("#storeProblem")).isEqualTo(messages.get("store.choice.problem.host")); // nothing opened
            type("#storeHost", "shop-server");
            assertThat(shown("#storeProblem")).isFalse(); // what was wrong was changed
            robot.interact(() -> robot.lookup("#storeTls").queryComboBox().getSelectionModel()
                    .select(StoreForm.Tls.VERIFY_FULL));
            type("#storeRootCert", "/etc/shop/root.crt");
            Screenshots.save(stage().getScene(), "store-choice-server-" + language);
            javafx.scene.control.Button choose = robot.lookup("#storeRootCertChoose").queryButton();
            assertThat(choose.getWidth()).as("the button's word shown whole").isGreaterThanOrEqualTo(choose.prefWidth(-1) - 0.5);

            robot.clickOn("#storeLocal");
            robot.clickOn("#storeOpen");
            waitUntil(() -> robot.lookup("#startSample").tryQuery().isPresent()); // the first start's welcome, on the file
            assertThat(StoreChoice.read(dir)).contains(StoreChoice.LOCAL);
            assertThat(dir.resolve(Database.FILE_NAME + ".mv.db")).exists();
        } finally {
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void aSharedServerAsksItsPasswordKeepsItWhenAskedAndTheNextStartAsksNothing() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String database = pg.newDatabase();
        Messages en = new Messages(Locale.ENGLISH);
        MemoryCredentialStore keyring = new MemoryCredentialStore(true);
        RegularsApp.useDataDirectory(dir);
        RegularsApp.useCredentialStore(keyring);
        RegularsApp app = start(Locale.ENGLISH);
        try {
            waitUntil(() -> robot.lookup("#storeChoiceScreen").tryQuery().isPresent());
            robot.clickOn("#storeServer");
            type("#storeHost", "127.0.0.1");
            type("#storePort", String.valueOf(pg.port()));
            type("#storeDatabase", database);
            robot.clickOn("#storeOpen");
            waitUntil(() -> robot.lookup("#serverPassword").tryQuery().isPresent());
            ServerAddress address = pg.address(database);
            assertThat(text("#serverRememberNote")).isEqualTo(en.get("store.signIn.remember.note"));
            robot.clickOn("#serverPassword").write("wrong");
            robot.clickOn("#serverSignIn");
            waitUntil(() -> robot.lookup("#serverSignInError").tryQuery().map(n -> !((Label) n).getText().isEmpty()).orElse(false));
            assertThat(text("#serverSignInError")).isEqualTo(en.get("store.server.signInRefused", "regulars", address.toString()));
            Screenshots.save(stage().getScene(), "store-sign-in-en");
            assertThat(keyring.kept()).isEmpty();

            robot.clickOn("#serverPassword").write(TestPostgres.PASSWORD);
            robot.clickOn("#serverRemember");
            robot.clickOn("#serverSignIn");
            // an empty shared store: its first person makes themself the owner (decision 0033), then the welcome
            waitUntil(() -> robot.lookup("#signInPinAgain").tryQuery().isPresent());
            robot.clickOn("#signInName").write("Mei");
            robot.clickOn("#signInPin").write("2468");
            robot.clickOn("#signInPinAgain").write("2468");
            robot.clickOn("#signInButton");
            waitUntil(() -> robot.lookup("#startEmpty").tryQuery().isPresent());
            assertThat(keyring.kept()).containsEntry(address.toString(), TestPostgres.PASSWORD);
            assertThat(StoreChoice.read(dir).orElseThrow().server()).contains(address);
            assertThat(stage().getTitle()).isEqualTo("Regulars - " + address);
            robot.clickOn("#startEmpty");
            waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());
        } finally {
            FxToolkit.cleanupApplication(app);
        }
        assertThat(dir.resolve(Database.FILE_NAME + ".mv.db")).doesNotExist(); // nothing of the data on this computer

        FxToolkit.cleanupStages();
        RegularsApp again = start(Locale.ENGLISH);
        try {
            // the kept password: no question about it; the person signs in (team mode)
            waitUntil(() -> robot.lookup("#signInName").tryQuery().isPresent());
            assertThat(robot.lookup("#serverPassword").tryQuery()).isEmpty();
            robot.clickOn("#signInName").write("Mei");
            robot.clickOn("#signInPin").write("2468");
            robot.clickOn("#signInButton");
            waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());
            robot.clickOn("#navSettings");
            waitUntil(() -> robot.lookup("#storeCurrent").tryQuery().isPresent());
            assertThat(text("#storeCurrent")).isEqualTo(en.get("store.section.server", pg.address(database).toString()));
            assertThat(robot.lookup("#securityChange").tryQuery()).isEmpty(); // no password over a file on a server
            assertThat(text("#backupsOnServer")).isEqualTo(en.get("store.server.notAFile", pg.address(database).toString()));
            assertThat(robot.lookup("#backupNow").tryQuery()).isEmpty();
            Screenshots.save(stage().getScene(), "store-settings-server-en");
        } finally {
            FxToolkit.cleanupApplication(again);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void aServerThatCannotBeReachedIsSaidAndThisComputersFileOpensOnItsOwn(String language) throws Exception {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        Messages messages = new Messages(locale);
        ServerAddress nowhere = ServerAddress.parse("postgresql://127.0.0.1:1/regulars");
        RegularsApp.useDataDirectory(dir);
        RegularsApp.useServer(nowhere, new MemoryCredentialStore(false)); // as --db-url gives it
        RegularsApp app = start(locale);
        try {
            waitUntil(() -> robot.lookup("#serverProblem").tryQuery().isPresent());
            assertThat(text("#serverProblem")).isEqualTo(messages.get("store.server.unreachable", nowhere.toString()));
            Screenshots.save(stage().getScene(), "store-unreachable-" + language);
            robot.clickOn("#serverRetry");
            waitUntil(() -> robot.lookup("#serverProblem").tryQuery().isPresent());
            robot.clickOn("#serverUseLocal");
            waitUntil(() -> robot.lookup("#startSample").tryQuery().isPresent()); // this computer's own (new) file
            assertThat(dir.resolve(Database.FILE_NAME + ".mv.db")).exists();
            assertThat(StoreChoice.read(dir)).isEmpty(); // the command line's server is not made the folder's choice
        } finally {
            FxToolkit.cleanupApplication(app);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void settingsSaysWhereTheDataLivesAndOffersTheOther(String language) throws Exception {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        Messages messages = new Messages(locale);
        Stage stage = FxToolkit.registerPrimaryStage();
        FxTaskRunner runner = new FxTaskRunner();
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            java.util.concurrent.atomic.AtomicReference<StoreChoice> asked = new java.util.concurrent.atomic.AtomicReference<>();
            ctx.onStoreSwitch(asked::set);
            robot.interact(() -> {
                stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
                stage.show();
                Fx.showShell(stage, ctx, runner, locale, Theme.LIGHT);
            });
            robot.clickOn("#navSettings");
            waitUntil(() -> robot.lookup("#storeCurrent").tryQuery().isPresent());
            assertThat(text("#storeCurrent")).isEqualTo(messages.get("store.section.local", dir.toString()));
            assertThat(shown("#storeServer")).isFalse(); // folded until asked for
            robot.clickOn("#storeChange");
            waitUntil(() -> shown("#storeServer"));
            robot.clickOn("#storeServer");
            type("#storeHost", "shop-server");
            Screenshots.save(stage.getScene(), "store-settings-" + language);
            robot.clickOn("#storeOpen");
            waitUntil(() -> asked.get() != null);
            assertThat(asked.get().server().map(Object::toString)).contains("regulars@shop-server:5432/regulars");
        } finally {
            runner.close();
        }
    }
}

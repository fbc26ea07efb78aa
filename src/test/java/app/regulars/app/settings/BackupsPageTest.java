package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.BackupJobs;
import app.regulars.app.Theme;
import app.regulars.customer.Customer;
import app.regulars.fx.FxTaskRunner;
import app.regulars.store.Backups;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Settings › Backups driven through its real controls: Back up now, the list, Restore… with its preview, the reopen. */
@ExtendWith(ApplicationExtension.class)
class BackupsPageTest {
    @TempDir
    static Path base;
    private static Path shop;
    private static int counter;

    private Stage stage;
    private FxTaskRunner runner;
    private final AtomicReference<AppContext> context = new AtomicReference<>();
    private Path dir;

    @BeforeAll
    static void fill() {
        shop = SampleStores.fill(base.resolve("shop"), false);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dir = SampleStores.copy(shop, base.resolve("copy" + (++counter)));
        context.set(TestStores.open(dir));
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.get().close();
    }

    /** As the window does: close the store, restore (backing up what is there first), reopen and show it. */
    void restorer(AppContext ctx, Locale locale) {
        ctx.onRestore(file -> {
            context.get().close();
            BackupJobs.restore(dir, file, Clock.systemDefaultZone());
            AppContext reopened = TestStores.open(dir);
            context.set(reopened);
            restorer(reopened, locale);
            Fx.showShell(stage, reopened, runner, locale, Theme.LIGHT);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void backUpNowListsAVerifiedBackupAndRestoreBringsItBackAfterAPreview(String language, FxRobot robot) {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        restorer(context.get(), locale);
        robot.interact(() -> Fx.showShell(stage, context.get(), runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());
        robot.clickOn("#navSettings");
        TableView<?> table = robot.lookup("#backupTable").queryTableView();
        assertThat(table.getItems()).isEmpty();
        int customers = context.get().customers().countAll();

        robot.clickOn("#backupNow");
        waitUntil(() -> table.getItems().size() == 1 && !robot.lookup("#backupNow").queryButton().isDisabled());
        Backups.Backup made = (Backups.Backup) table.getItems().get(0);
        assertThat(made.verified()).isTrue();
        assertThat(made.rows(BackupJobs.CUSTOMERS)).isEqualTo(customers);
        String status = robot.lookup("#backupStatus").queryLabeled().getText();
        if (language.equals("en")) {
            assertThat(status).isEqualTo("Backup written and verified: " + customers + " customers, "
                    + String.format(Locale.ENGLISH, "%,d", made.rows(BackupJobs.PURCHASES)) + " purchases.");
        } else {
            assertThat(status).startsWith("备份已写入并通过校验：" + customers + " 位客户");
        }
        // the row's cells are drawn on a later pulse than the one that added the row
        waitUntil(() -> robot.lookup("#backupTable").lookup(language.equals("en") ? "Verified" : "已校验").tryQuery().isPresent());
        Screenshots.save(stage.getScene(), "page-settings-backups-" + language);

        // A change after the backup, which the restore undoes (and backs up first)
        context.get().customers().save(Customer.builder().name("After Backup").build());
        assertThat(context.get().customers().countAll()).isEqualTo(customers + 1);

        robot.interact(() -> table.getSelectionModel().select(0));
        List<Window> before = List.copyOf(Window.getWindows());
        robot.clickOn("#backupRestore");
        waitUntil(() -> robot.lookup("#restorePreview").tryQuery().isPresent());
        String preview = robot.lookup("#restorePreview").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertThat(preview).contains(language.equals("en") ? customers + " customers" : customers + " 位客户");
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> !before.contains(w) && w.isShowing()).findFirst().orElseThrow();
        Screenshots.save(dialog.getScene(), "window-restorePreview-" + language);
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> n instanceof javafx.scene.control.Button b && b.isDefaultButton())
                .queryButton());

        waitUntil(() -> context.get().customers().countAll() == customers);
        waitUntil(() -> robot.lookup("#navCustomers").tryQuery().isPresent());
        List<Backups.Backup> all = Backups.list(Backups.folder(dir));
        assertThat(all).extracting(Backups.Backup::kind).containsExactlyInAnyOrder(Backups.Kind.MANUAL, Backups.Kind.BEFORE_RESTORE);
        Backups.Backup beforeRestore = all.stream().filter(b -> b.kind() == Backups.Kind.BEFORE_RESTORE).findFirst().orElseThrow();
        assertThat(beforeRestore.verified()).isTrue();
        assertThat(beforeRestore.rows(BackupJobs.CUSTOMERS)).as("the data the restore replaced is kept").isEqualTo(customers + 1);
    }
}

package app.regulars.app.settings;

import app.regulars.app.AppContext;
import app.regulars.app.ArchiveJobs;
import app.regulars.app.BackupJobs;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.store.Backups;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Settings › Everything in one file, through its real buttons: export the sample shop, refuse to import over it, import into empty data. */
@ExtendWith(ApplicationExtension.class)
class ArchiveSectionTest {
    @TempDir
    static Path base;
    private static Path shop;
    private static int counter;

    private Stage stage;
    private FxTaskRunner runner;
    private final AtomicReference<AppContext> context = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger restores = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void fill() {
        shop = SampleStores.fill(base.resolve("shop"), true);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        if (context.get() != null) {
            context.get().close();
        }
    }

    static Locale locale(String language) {
        return language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** The window on {@code dir}, on its Settings page; a restore reopens it as the window does. */
    ArchiveSection settings(FxRobot robot, Path dir, Locale locale) {
        context.set(TestStores.open(dir));
        restorer(context.get(), dir, locale);
        robot.interact(() -> Fx.showShell(stage, context.get(), runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#navSettings").tryQuery().isPresent());
        robot.clickOn("#navSettings");
        waitUntil(() -> robot.lookup(".settings-archive").tryQuery().isPresent());
        return robot.lookup(".settings-archive").queryAs(ArchiveSection.class);
    }

    void restorer(AppContext ctx, Path dir, Locale locale) {
        ctx.onRestore(file -> {
            context.get().close();
            BackupJobs.restore(dir, file, Clock.systemDefaultZone(), ctx.password());
            AppContext reopened = TestStores.open(dir);
            context.set(reopened);
            restorer(reopened, dir, locale);
            Fx.showShell(stage, reopened, runner, locale, Theme.LIGHT);
            restores.incrementAndGet();
        });
    }

    String status(FxRobot robot) {
        return robot.lookup("#archiveStatus").queryLabeled().getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void exportEverythingWritesTheZipAndSaysWhatIsInIt(String language, FxRobot robot) throws Exception {
        Path dir = SampleStores.copy(shop, base.resolve("export" + (++counter)));
        ArchiveSection section = settings(robot, dir, locale(language));
        Path zip = base.resolve("export" + counter + ".zip");
        String[] proposed = new String[1];
        section.setSaveChooser(name -> {
            proposed[0] = name;
            return zip;
        });
        int customers = context.get().customers().countAll();
        robot.clickOn("#archiveExport");
        waitUntil(() -> Files.exists(zip) && !robot.lookup("#archiveExport").queryButton().isDisabled());
        assertThat(proposed[0]).isEqualTo("regulars-2026-11-23.zip");
        assertThat(status(robot)).startsWith(language.equals("en")
                ? "Exported everything to " + zip + ": " + customers + " customers, "
                : "已将全部数据导出到 " + zip + "：" + customers + " 位客户，");
        assertThat(robot.lookup("#archiveProgress").query().isVisible()).isFalse();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(z.getEntry("customers.csv")).isNotNull();
            assertThat(z.getEntry("README.txt")).isNotNull();
        }
        Screenshots.save(stage.getScene(), "page-settings-archive-" + language);

        // this data is not empty: an import is refused, in red, and changes nothing
        section.setOpenChooser(() -> zip);
        robot.clickOn("#archiveImport");
        waitUntil(() -> status(robot).startsWith(language.equals("en") ? "The data in " : dir + " 中的数据不是空的"));
        assertThat(robot.lookup("#archiveStatus").queryLabeled().getStyleClass()).contains("danger");
        assertThat(robot.lookup("#archiveImportPreview").tryQuery()).isEmpty();
        assertThat(context.get().customers().countAll()).isEqualTo(customers);
        Screenshots.save(stage.getScene(), "page-settings-archive-refused-" + language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void importEverythingIntoEmptyDataShowsWhatComesThenReopensOnIt(String language, FxRobot robot) {
        Path zip = base.resolve("import-" + language + ".zip");
        int customers;
        long purchases;
        try (AppContext ctx = TestStores.open(SampleStores.copy(shop, base.resolve("import-source-" + language)))) {
            customers = ctx.customers().countAll();
            purchases = ArchiveJobs.export(ctx, zip, (d, t) -> { }, () -> false).rows(ArchiveJobs.PURCHASES);
        }
        Path dir = base.resolve("empty-" + language);
        ArchiveSection section = settings(robot, dir, locale(language));
        section.setOpenChooser(() -> zip);
        List<Window> before = List.copyOf(Window.getWindows());
        robot.clickOn("#archiveImport");
        waitUntil(() -> robot.lookup("#archiveImportPreview").tryQuery().isPresent());
        String preview = robot.lookup("#archiveImportPreview").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertThat(preview).startsWith(language.equals("en")
                ? "The export " + zip.getFileName() + " holds " + customers + " customers and " + String.format(Locale.ENGLISH, "%,d", purchases) + " purchases"
                : "导出文件 " + zip.getFileName() + " 中有 " + customers + " 位客户和 " + String.format(Locale.ENGLISH, "%,d", purchases) + " 笔消费");
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> !before.contains(w) && w.isShowing()).findFirst().orElseThrow();
        Screenshots.save(dialog.getScene(), "window-archiveImportPreview-" + language);
        robot.clickOn("#archiveImportConfirm");

        // built, checked, backed up and put in place: seconds on a busy machine
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(90, java.util.concurrent.TimeUnit.SECONDS, () -> restores.get() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not reopened; the section says: " + status(robot), e);
        }
        assertThat(context.get().customers().countAll()).isEqualTo(customers);
        waitUntil(() -> robot.lookup("#navCustomers").tryQuery().isPresent());
        assertThat(dir.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
        assertThat(Backups.list(Backups.folder(dir))).extracting(Backups.Backup::kind).containsExactly(Backups.Kind.BEFORE_RESTORE);
        Screenshots.save(stage.getScene(), "page-customers-after-import-" + language);
    }
}

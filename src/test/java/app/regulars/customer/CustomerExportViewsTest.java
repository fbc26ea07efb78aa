package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.i18n.Messages;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowReader;
import app.regulars.testing.CutOffText;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Exporting customers from the list (issue 16, items 4, 5, 9): the selected ones or the list as shown, as CSV, Excel or vCard. */
@ExtendWith(ApplicationExtension.class)
class CustomerExportViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createDirectories(base.resolve("run" + (++counter)));
        context = TestStores.open(dir.resolve("store"));
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

    private CustomerListViewModel list(FxRobot robot, Messages messages, String query) {
        CustomerListViewModel vm = new CustomerListViewModel(context.customers(), runner, messages);
        robot.interact(() -> {
            vm.queryProperty().set(query);
            vm.refresh();
        });
        return vm;
    }

    private Stage exportDialog() {
        return (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getScene().lookup("#customerExport") != null).findFirst().orElse(null);
    }

    private static List<List<String>> rows(Path file) {
        List<List<String>> out = new ArrayList<>();
        try (RowReader in = RowFile.open(file).rows()) {
            out.add(in.header());
            for (RowReader.Row r = in.next(); r != null; r = in.next()) {
                out.add(r.cells());
            }
        }
        return out;
    }

    @Test
    void theListAsSearchedIsWrittenToAWorkbookThatImportsAgain(FxRobot robot) throws Exception {
        Messages en = new Messages(Locale.ENGLISH);
        CustomerListViewModel vm = list(robot, en, "茶友");
        waitUntil(() -> vm.countProperty().get() == 2);
        Path xlsx = dir.resolve("tea friends.xlsx");
        robot.interact(() -> CustomerExportDialog.open(stage, vm, List.of(), runner, en, (owner, name) -> {
            assertThat(name).isEqualTo("customers.csv");
            return xlsx;
        }));
        waitUntil(() -> exportDialog() != null);
        Stage dialog = exportDialog();
        assertThat(((Label) dialog.getScene().lookup("#customerExportText")).getText())
                .startsWith("The 2 customers in the list (as searched and filtered) are written to a file");
        robot.interact(() -> assertThat(CutOffText.under(dialog.getScene().getRoot())).isEmpty());
        Screenshots.save(dialog.getScene(), "customer-export-en");
        robot.interact(() -> ((Button) dialog.getScene().lookup("#customerExportSave")).fire());
        waitUntil(() -> ((Label) dialog.getScene().lookup("#customerExportText")).getText().equals("2 customers written to tea friends.xlsx."));
        List<List<String>> rows = rows(xlsx);
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().skip(1).map(r -> r.get(1))).containsExactlyInAnyOrder("王小明", "曾晓燕");
        robot.interact(() -> ((Button) dialog.getScene().lookup("#customerExportCancel")).fire());
        waitUntil(() -> !dialog.isShowing());

        try (AppContext other = TestStores.open(dir.resolve("other"))) {
            var report = new CustomerCsvImporter(other.customers()).importFile(xlsx, (d, t) -> { }, () -> false);
            assertThat(report.rejected()).isEmpty();
            assertThat(other.customers().countAll()).isEqualTo(2);
        }
    }

    @Test
    void theSelectedCustomersGoToAVcardFileAndTheMoreMenuOpensTheExportInChinese(FxRobot robot) throws Exception {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        CustomerListViewModel vm = list(robot, zh, "");
        waitUntil(() -> vm.countProperty().get() == 3);
        long alice = context.customers().byCode("000003").orElseThrow().id();
        Path vcf = dir.resolve("alice.vcf");
        robot.interact(() -> CustomerExportDialog.open(stage, vm, List.of(alice), runner, zh, (owner, name) -> vcf));
        waitUntil(() -> exportDialog() != null);
        Stage dialog = exportDialog();
        assertThat(((Label) dialog.getScene().lookup("#customerExportText")).getText()).startsWith("选中的 1 位客户将写入文件");
        robot.interact(() -> assertThat(CutOffText.under(dialog.getScene().getRoot())).isEmpty());
        Screenshots.save(dialog.getScene(), "customer-export-zh");
        robot.interact(() -> ((Button) dialog.getScene().lookup("#customerExportSave")).fire());
        waitUntil(() -> ((Label) dialog.getScene().lookup("#customerExportText")).getText().equals("已将 1 位客户写入 alice.vcf。"));
        String card = Files.readString(vcf, StandardCharsets.UTF_8);
        assertThat(card).contains("FN:Alice Smith").doesNotContain("王小明");
        robot.interact(dialog::close);

        robot.interact(() -> Fx.showShell(stage, context, runner, Locale.SIMPLIFIED_CHINESE, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#customerMore").tryQuery().isPresent());
        MenuButton more = robot.lookup("#customerMore").queryAs(MenuButton.class);
        MenuItem export = more.getItems().stream().filter(i -> "exportCustomersMenu".equals(i.getId())).findFirst().orElseThrow();
        assertThat(export.getText()).isEqualTo("导出客户…");
        robot.interact(export::fire);
        waitUntil(() -> exportDialog() != null);
        assertThat(exportDialog().getTitle()).isEqualTo("导出客户");
        robot.interact(() -> exportDialog().close());
    }
}

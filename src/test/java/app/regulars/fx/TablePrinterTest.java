package app.regulars.fx;

import app.regulars.tables.Table;
import app.regulars.i18n.Messages;
import app.regulars.testing.Screenshots;
import app.regulars.testing.SyncTaskRunner;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class TablePrinterTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 620, 860));
        stage.show();
    }

    private static Table list(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(List.of(LocalDate.of(2026, 11, 23), i % 2 == 0 ? "王小明" : "Alice Smith", "上门拜访，带新茶样品 " + (i + 1),
                    new BigDecimal("88.00")));
        }
        return new Table("本周拜访", "2026年11月23日 – 11月29日", List.of(Table.Column.text("日期", 1.2), Table.Column.text("客户", 1.2),
                Table.Column.text("事项", 3), Table.Column.number("金额", 1)), rows, true);
    }

    private static List<String> texts(Node page) {
        return ((javafx.scene.layout.Pane) page).getChildren().stream()
                .filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList();
    }

    @Test
    void pagesRepeatTheHeaderAndNumberThemselves() throws Exception {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        List<Node> pages = WaitForAsyncUtils.asyncFx(() -> new TablePrinter(zh, () -> null).pages(list(70), 523, 770)).get();
        assertThat(pages).hasSizeGreaterThan(1);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(texts(pages.get(i))).contains("本周拜访", "客户", "第 " + (i + 1) + " 页，共 " + pages.size() + " 页");
        }
        assertThat(texts(pages.get(0))).contains("王小明", "Alice Smith", "88.00", "2026年11月23日");
        WaitForAsyncUtils.asyncFx(() -> {
            StackPane root = new StackPane(pages.get(0));
            root.setStyle("-fx-background-color: #888; -fx-padding: 20;");
            stage.getScene().setRoot(root);
        }).get();
        Screenshots.save(stage.getScene(), "print-list-page-zh");
    }

    @Test
    void onLinuxAJobWouldBeLostWithoutLpr(@TempDir Path dir) throws Exception {
        Path lpr = dir.resolve("lpr");
        assertThat(new PrintSpooler(true, lpr).missing()).isTrue();
        assertThat(new PrintSpooler(false, lpr).missing()).as("elsewhere Java does not print through lpr").isFalse();
        Files.writeString(lpr, "#!/bin/sh\n");
        assertThat(new PrintSpooler(true, lpr).missing()).as("not executable").isTrue();
        assertThat(lpr.toFile().setExecutable(true)).isTrue();
        assertThat(new PrintSpooler(true, lpr).missing()).isFalse();
    }

    @Test
    void withoutAPrinterTheUserIsToldToExportToPdf() throws Exception {
        Messages en = new Messages(Locale.ENGLISH);
        AtomicReference<String> message = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> new TablePrinter(en, () -> null).print(list(3), stage, new SyncTaskRunner(), message::set)).get();
        assertThat(message.get()).isEqualTo("No printer is installed. Export to PDF instead and print that file later.");
    }
}

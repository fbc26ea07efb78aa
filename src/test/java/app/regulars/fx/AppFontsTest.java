package app.regulars.fx;

import app.regulars.app.Theme;
import app.regulars.tables.Table;
import app.regulars.i18n.Messages;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese draws as Chinese in a window and on paper, whether or not the machine has a Chinese
 * font (the fonts are prepared before the first test class, by testing/AppFontsFirst; run the
 * tests with the system's CJK fonts hidden to see the other side: README).
 */
@ExtendWith(ApplicationExtension.class)
class AppFontsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 200));
        Theme.LIGHT.apply(stage.getScene());
        stage.show();
    }

    /** The ink of {@code s}: a character no font draws is the font's "missing" box, the same for every such character. */
    private static Bounds ink(String s, Font font) {
        Text text = new Text(s);
        text.setFont(font);
        text.setBoundsType(TextBoundsType.VISUAL);
        return text.getLayoutBounds();
    }

    private static boolean drawn(String s, Font font) {
        return !ink(s, font).equals(ink("\u0378", font)); // U+0378 is unassigned: never drawn
    }

    @Test
    void theBundledFontLoadsInBothWeights() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            AppFonts.load();
            Font regular = Font.font(AppFonts.FAMILY, 20);
            Font bold = Font.font(AppFonts.FAMILY, FontWeight.BOLD, 20);
            assertThat(regular.getName()).isEqualTo("Noto Sans SC Regular");
            assertThat(bold.getName()).isEqualTo("Noto Sans SC Bold");
            assertThat(ink("熟客", regular).getWidth()).isBetween(30.0, 40.0); // two ideographs, one em each at most
            assertThat(drawn("熟", regular)).isTrue();
            assertThat(drawn("熟", bold)).isTrue();
            assertThat(ink("熟", bold).getHeight()).isNotEqualTo(ink("熟", regular).getHeight()); // a face of its own
        }).get();
    }

    @Test
    void aWindowDrawsChineseInItsOwnFontWhateverTheMachineHas() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Label name = new Label("王小明 喆 熟客");
            Label bold = new Label("王小明");
            bold.setStyle("-fx-font-weight: bold;");
            stage.getScene().setRoot(new StackPane(name, bold));
            name.applyCss();
            bold.applyCss();
            assertThat(name.getFont().getFamily()).isEqualTo(Font.getDefault().getFamily()); // Latin keeps the system's font
            for (String c : List.of("王", "小", "明", "喆", "熟", "客")) {
                assertThat(drawn(c, name.getFont())).as("%s in %s", c, name.getFont()).isTrue();
            }
            assertThat(drawn("王", bold.getFont())).as("bold").isTrue();
        }).get();
    }

    @Test
    void printedPagesDrawChineseAsTheWindowsDo() throws Exception {
        Table table = new Table("今日回访", "2026年11月23日", List.of(Table.Column.text("客户", 1)), List.of(List.of("王小明")), false);
        WaitForAsyncUtils.asyncFx(() -> {
            List<Node> pages = new TablePrinter(new Messages(Locale.SIMPLIFIED_CHINESE), () -> null).pages(table, 523, 770);
            List<Text> texts = ((Pane) pages.getFirst()).getChildren().stream().filter(Text.class::isInstance).map(Text.class::cast).toList();
            assertThat(texts).extracting(Text::getText).contains("今日回访", "王小明");
            for (Text t : texts) {
                assertThat(t.getFont().getFamily()).isEqualTo(Font.getDefault().getFamily());
                t.getText().codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                        .forEach(c -> assertThat(drawn(Character.toString(c), t.getFont())).as("%s in %s", Character.toString(c), t.getFont()).isTrue());
            }
            assertThat(texts).extracting(t -> t.getFont().getStyle()).contains("Bold", "Regular");
        }).get();
    }
}

package app.regulars.fx;

import app.regulars.app.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** A footer short of room shows its shrinking buttons' icons alone, their labels as tooltips, and gives the labels back once it has room. */
@ExtendWith(ApplicationExtension.class)
class FooterBarTest {
    private StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 900, 100));
        Theme.LIGHT.apply(stage.getScene());
        stage.show();
    }

    @Test
    void theButtonsShowTheirIconsAloneWhileTheRowIsShortOfRoom(FxRobot robot) {
        Button tag = new Button("Add tag...", new FontIcon(MaterialDesignT.TAG_OUTLINE));
        Button untag = new Button("Remove tag...", new FontIcon(MaterialDesignT.TAG_OFF_OUTLINE));
        Button keep = new Button("Import...");
        Label status = new Label("300 customers");
        FooterBar bar = new FooterBar(8, tag, untag, status, keep);
        bar.iconsWhenShort(tag, untag);
        bar.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        robot.interact(() -> {
            root.getChildren().setAll(bar);
            bar.setPrefWidth(800);
        });
        robot.interact(() -> { });
        assertThat(bar.iconsOnly()).as("room for everything").isFalse();
        assertThat(tag.getContentDisplay()).isEqualTo(ContentDisplay.LEFT);

        robot.interact(() -> status.setText("111 customers  ·  Segment: Important value, and a much longer filter than that one"));
        robot.interact(() -> { });
        assertThat(bar.iconsOnly()).as("a long status").isTrue();
        assertThat(tag.getContentDisplay()).isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        assertThat(untag.getContentDisplay()).isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        assertThat(tag.getTooltip().getText()).isEqualTo("Add tag...");
        assertThat(keep.getContentDisplay()).as("a button not given to it keeps its label").isEqualTo(ContentDisplay.LEFT);
        assertThat(keep.getWidth()).as("and its whole width").isGreaterThanOrEqualTo(keep.prefWidth(-1) - 0.5);

        robot.interact(() -> status.setText("300 customers"));
        robot.interact(() -> { });
        assertThat(bar.iconsOnly()).as("room again").isFalse();
        assertThat(tag.getContentDisplay()).isEqualTo(ContentDisplay.LEFT);
        assertThat(status.getWidth()).isGreaterThanOrEqualTo(status.prefWidth(-1) - 0.5);
    }
}

package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people editing the same customer, in the window (decision 0031): while this window's form
 * is open, another computer (here a second service over the same store, its clock at 14:02) saves
 * the customer; Save then asks "Changed by someone else at 14:02 — reload or keep mine?", and each
 * of its two buttons does what it says. In English and in Chinese, with screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ConcurrentEditViewsTest {
    private static final Clock AT_1402 = Clock.fixed(TestStores.TODAY.atTime(14, 2).atZone(ZoneId.systemDefault()).toInstant(),
            ZoneId.systemDefault());

    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private CustomerService otherComputer;
    private FxTaskRunner runner;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        otherComputer = new CustomerService(context.database(), new CustomerRepository(),
                PhoneNumbers.forLocale(Locale.SIMPLIFIED_CHINESE), AT_1402);
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private Customer wang() {
        return context.customers().byCode("000001").orElseThrow();
    }

    /** Opens 王小明's form and types {@code notes}; then the other computer saves {@code theirNotes}. */
    private void editWhileTheOtherSaves(FxRobot robot, String notes, String theirNotes) {
        TableView<?> table = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 3);
        robot.clickOn("#customerSearch").write("wxm");
        waitUntil(() -> table.getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileEdit").tryQuery().isPresent());
        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#notesField").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#notesField").queryAs(TextArea.class).setText(notes));
        otherComputer.save(wang().toBuilder().notes(theirNotes).build());
    }

    private DialogPane saveAndGetAsked(FxRobot robot) {
        robot.clickOn("#editorSave");
        waitUntil(() -> robot.lookup("#conflictDialog").tryQuery().isPresent());
        return robot.lookup("#conflictDialog").queryAs(DialogPane.class);
    }

    @Test
    void reloadAndKeepMineInEnglish(FxRobot robot) {
        Fx.showShell(stage, context, runner, Locale.ENGLISH, Theme.LIGHT);
        editWhileTheOtherSaves(robot, "Comes on Sundays", "Prefers oolong now");

        DialogPane asked = saveAndGetAsked(robot);
        assertThat(asked.getHeaderText()).isEqualTo("Changed by someone else at 14:02 \u2014 reload or keep mine?");
        assertThat(asked.getContentText()).isEqualTo(
                "Reload shows their version and discards your changes. Keep mine saves your version over theirs.");
        assertThat(asked.getButtonTypes()).extracting(b -> b.getText()).containsExactlyInAnyOrder("Reload", "Keep mine");
        assertThat(asked.getButtonTypes()).noneMatch(b -> ((Button) asked.lookupButton(b)).isDefaultButton());
        Screenshots.save(stage.getScene(), "customer-conflict-en");
        Screenshots.save(asked.getScene(), "customer-conflict-dialog-en");
        assertThat(wang().notes()).isEqualTo("Prefers oolong now"); // nothing of mine saved while asking

        robot.clickOn("#conflictReload");
        waitUntil(() -> robot.lookup("#conflictDialog").tryQuery().isEmpty());
        waitUntil(() -> robot.lookup("#notesField").queryAs(TextArea.class).getText().equals("Prefers oolong now"));
        assertThat(wang().notes()).isEqualTo("Prefers oolong now");
        assertThat(robot.lookup("#editorError").queryAs(Label.class).getText()).isEmpty();

        // The form now holds their version: a change to it saves without a question.
        robot.interact(() -> robot.lookup("#notesField").queryAs(TextArea.class).setText("Prefers oolong, Sundays"));
        robot.clickOn("#editorSave");
        waitUntil(() -> "Prefers oolong, Sundays".equals(wang().notes()));

        // Again, and this time mine is kept.
        waitUntil(() -> robot.lookup("#profileEdit").tryQuery().isPresent());
        robot.clickOn("#profileEdit");
        waitUntil(() -> robot.lookup("#notesField").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#notesField").queryAs(TextArea.class).setText("Mine, knowingly"));
        otherComputer.save(wang().toBuilder().notes("Theirs again").build());
        saveAndGetAsked(robot);
        robot.clickOn("#conflictKeepMine");
        waitUntil(() -> "Mine, knowingly".equals(wang().notes()));
        waitUntil(() -> robot.lookup("#profileEdit").tryQuery().isPresent()); // saved: back on the profile
        assertThat(robot.lookup("#conflictDialog").tryQuery()).isEmpty();
    }

    @Test
    void theQuestionInChinese(FxRobot robot) {
        Shell shell = Fx.showShell(stage, context, runner, Locale.SIMPLIFIED_CHINESE, Theme.LIGHT);
        assertThat(shell).isNotNull();
        editWhileTheOtherSaves(robot, "周日来", "现在喜欢乌龙");

        DialogPane asked = saveAndGetAsked(robot);
        assertThat(asked.getHeaderText()).isEqualTo("已被他人于 14:02 修改 \u2014 重新载入，还是保留我的？");
        assertThat(asked.getButtonTypes()).extracting(b -> b.getText()).containsExactlyInAnyOrder("重新载入", "保留我的");
        Screenshots.save(stage.getScene(), "customer-conflict-zh");
        Screenshots.save(asked.getScene(), "customer-conflict-dialog-zh");

        robot.clickOn("#conflictKeepMine");
        waitUntil(() -> "周日来".equals(wang().notes()));
    }
}

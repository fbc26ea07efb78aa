package app.regulars.app;

import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** A normal start prints nothing but real problems: no CSS warnings from any page. */
@ExtendWith(ApplicationExtension.class)
class QuietStartTest {
    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getLoggerName() + ": " + r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Stage stage;
    private FxTaskRunner runner;
    private AppContext context;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Logger.getLogger("javafx").addHandler(handler);
        context = TestStores.open(dir);
        TestStores.addKnownCustomers(context.customers());
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        Logger.getLogger("javafx").removeHandler(handler);
        runner.close();
        context.close();
    }

    @Test
    void everyPageShowsWithoutACssWarning(FxRobot robot) {
        robot.interact(() -> Fx.showShell(stage, context, runner, Locale.ENGLISH, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#customerSearch").tryQuery().isPresent());
        for (String page : new String[] {"#navInsights", "#navCalendar", "#navMembers", "#navSurveys", "#navCustomers"}) {
            robot.clickOn(page);
        }
        robot.clickOn("#customerSearch").write("wang");
        waitUntil(() -> true);
        assertThat(warnings).filteredOn(w -> w.contains("css") || w.contains("Css") || w.contains("CSS")).isEmpty();
    }
}

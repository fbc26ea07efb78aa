package app.regulars.app;

import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.CutOffText;
import app.regulars.testing.Fx;
import app.regulars.testing.SampleStores;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
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
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the sample shop at 1280 × 800, in English and in Chinese: a screenshot each
 * (page-*.png), and no button, label or heading whose text is cut off.
 */
@ExtendWith(ApplicationExtension.class)
class EveryPageFitsTest {
    @TempDir
    static Path base;
    private static Path shop;
    private static int counter;

    private Stage stage;
    private FxTaskRunner runner;
    private AppContext context;

    @BeforeAll
    static void fill() {
        shop = SampleStores.fill(base.resolve("shop"), true);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path dir = base.resolve("copy" + (++counter));
        context = TestStores.open(SampleStores.copy(shop, dir));
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void nothingIsCutOffOnAnyPage(String language, FxRobot robot) {
        Locale locale = language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        robot.interact(() -> Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#navCustomers").tryQuery().isPresent());
        Map<String, List<String>> cutOff = new LinkedHashMap<>();

        for (String page : new String[] {"Insights", "Customers", "Calendar", "Members", "Surveys", "Settings"}) {
            robot.clickOn("#nav" + page);
            String name = "page-" + page.toLowerCase(Locale.ROOT) + "-" + language;
            look(robot, stage.getScene(), name, cutOff);
            // A page taller than the window: its end too.
            List<ScrollPane> scrolling = robot.lookup(n -> n instanceof ScrollPane sp && sp.isVisible() && sp.getScene() != null
                    && sp.getContent() != null && sp.getContent().getLayoutBounds().getHeight() > sp.getViewportBounds().getHeight() + 1)
                    .queryAllAs(ScrollPane.class).stream().toList();
            if (!scrolling.isEmpty()) {
                robot.interact(() -> scrolling.forEach(sp -> sp.setVvalue(sp.getVmax())));
                look(robot, stage.getScene(), name.replace("-" + language, "-end-" + language), cutOff);
                robot.interact(() -> scrolling.forEach(sp -> sp.setVvalue(sp.getVmin())));
            }
        }
        // The calendar's other views.
        robot.clickOn("#navCalendar");
        for (Node view : robot.lookup(n -> n instanceof ToggleButton && n.getId() != null && n.getId().startsWith("calendarMode")).queryAll()) {
            robot.clickOn(view);
            look(robot, stage.getScene(), "page-calendar-" + view.getId().substring("calendarMode".length()).toLowerCase(Locale.ROOT) + "-" + language, cutOff);
        }
        // The windows the pages open: each one looked at, then closed.
        String[][] windows = {{"Calendar", "calendarNew"}, {"Calendar", "calendarAuto"}, {"Insights", "insightSettingsOpen"},
                {"Surveys", "walkInResponse"}, {"Surveys", "editSurvey"}};
        for (String[] w : windows) {
            robot.clickOn("#nav" + w[0]);
            List<Window> before = List.copyOf(Window.getWindows());
            robot.clickOn("#" + w[1]);
            waitUntil(() -> Window.getWindows().stream().anyMatch(x -> !before.contains(x) && x.isShowing()));
            Stage opened = (Stage) Window.getWindows().stream().filter(x -> !before.contains(x) && x.isShowing()).findFirst().orElseThrow();
            look(robot, opened.getScene(), "window-" + w[1] + "-" + language, cutOff);
            robot.interact(opened::close);
        }
        // A profile and each of its tabs.
        robot.clickOn("#navCustomers");
        TableView<?> list = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> !list.getItems().isEmpty());
        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn(list).type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#profileTabs").queryAs(TabPane.class);
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            look(robot, stage.getScene(), "page-profile-" + (tab + 1) + "-" + language, cutOff);
        }

        assertThat(cutOff.entrySet().stream().flatMap(e -> e.getValue().stream().map(v -> e.getKey() + ": " + v)).toList())
                .as("cut-off text, by screenshot").isEmpty();
    }

    /** Waits until what the page shows stops changing, saves it and notes what is cut off. */
    private static void look(FxRobot robot, Scene scene, String name, Map<String, List<String>> cutOff) {
        settle(scene);
        Screenshots.save(scene, name);
        List<String> found = onFx(() -> CutOffText.under(scene.getRoot()));
        if (!found.isEmpty()) {
            cutOff.put(name, found);
        }
    }

    private static void settle(Scene scene) {
        String before = "";
        int same = 0;
        for (int i = 0; i < 40 && same < 3; i++) {
            WaitForAsyncUtils.sleep(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            String now = onFx(() -> texts(scene.getRoot()));
            same = now.equals(before) ? same + 1 : 0;
            before = now;
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String texts(Parent root) {
        StringBuilder out = new StringBuilder();
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.removeLast();
            if (n instanceof Labeled l) {
                out.append(l.getText()).append('|');
            }
            if (n instanceof Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return out.toString();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}

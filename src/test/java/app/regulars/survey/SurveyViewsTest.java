package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerRow;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import app.regulars.fx.FxTaskRunner;
import app.regulars.app.Theme;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Survey entry by keyboard alone and the results page, driven like a user would, headless. */
@ExtendWith(ApplicationExtension.class)
class SurveyViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private final List<String> complaints = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        context.surveys().setComplaintOpener((customerId, title, notes, at) -> {
            complaints.add(customerId + "|" + title + "|" + notes);
            return complaints.size();
        });
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    private void showShell(FxRobot robot, Locale locale) {
        robot.interact(() -> Fx.showShell(stage, context, runner, locale, Theme.LIGHT));
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }


    private Stage entryStage() {
        return (Stage) Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof SurveyEntryView).findFirst().orElse(null);
    }

    private static String text(FxRobot robot, String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

    private void ctrlEnter(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    @Test
    void lowScoreEnteredByKeyboardFromTheProfileOpensAComplaint(FxRobot robot) {
        showShell(robot, Locale.ENGLISH);
        TableView<CustomerRow> list = robot.lookup("#customerTable").queryTableView();
        waitUntil(() -> list.getItems().size() == 3);
        // The keyboard alone, from the Calendar page: Ctrl+F searches, Enter opens the profile,
        // Alt+<digit> (the tab's tooltip says which) opens the Surveys tab, Alt+N a new response.
        robot.clickOn("#navCalendar");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#customerSearch").query().isFocused());
        robot.write("wxm");
        waitUntil(() -> list.getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#profileTabs").queryAs(TabPane.class);
        int surveysTab = tabs.getTabs().stream().map(t -> t.getText()).toList().indexOf("Surveys");
        assertThat(surveysTab).isPositive();
        assertThat(tabs.getTabs().get(surveysTab).getTooltip().getText()).startsWith("Alt+" + (surveysTab + 1));
        robot.press(KeyCode.ALT, KeyCode.getKeyCode(String.valueOf(surveysTab + 1)))
                .release(KeyCode.getKeyCode(String.valueOf(surveysTab + 1)), KeyCode.ALT);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == surveysTab);
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        waitUntil(() -> entryStage() != null && robot.lookup("#q1").tryQuery().map(n -> n.isFocused()).orElse(false));
        robot.targetWindow(entryStage());
        // Keyboard only from here: score, Tab, comment, Ctrl+Enter.
        robot.write("3");
        robot.type(KeyCode.TAB);
        robot.write("Waited too long");
        assertThat(text(robot, "#entryWho")).isEqualTo("王小明");
        Screenshots.save(entryStage().getScene(), "survey-entry-en");
        ctrlEnter(robot);
        waitUntil(() -> entryStage() == null);
        TableView<ResponseRow> rows = robot.lookup("#customerResponses").queryTableView();
        waitUntil(() -> rows.getItems().size() == 1);
        ResponseRow saved = rows.getItems().getFirst();
        assertThat(saved.score()).isEqualTo(3);
        assertThat(saved.comment()).isEqualTo("Waited too long");
        assertThat(saved.channel()).isEqualTo(ResponseChannel.VISIT);
        assertThat(saved.answeredOn()).isEqualTo(TestStores.TODAY);
        assertThat(complaints).singleElement().asString().endsWith("Waited too long");
        Screenshots.save(stage.getScene(), "survey-profile-tab-en");
    }

    @Test
    void scoreOutsideTheScaleAndMissingAnswerAreRefusedWithAMessage(FxRobot robot) {
        showShell(robot, Locale.ENGLISH);
        robot.clickOn("#navSurveys");
        waitUntil(() -> robot.lookup("#figureCount").tryQuery().isPresent());
        robot.clickOn("#walkInResponse");
        waitUntil(() -> entryStage() != null && robot.lookup("#q1").tryQuery().map(n -> n.isFocused()).orElse(false));
        robot.targetWindow(entryStage());
        ctrlEnter(robot);
        waitUntil(() -> !text(robot, "#entryError").isEmpty());
        assertThat(text(robot, "#entryError")).isEqualTo("“How likely are you to recommend us to a friend or colleague?” needs an answer.");
        robot.write("11");
        ctrlEnter(robot);
        waitUntil(() -> text(robot, "#entryError").contains("from 0 to 10"));
        Screenshots.save(entryStage().getScene(), "survey-entry-error-en");
        assertThat(context.surveys().results(1, ResultFilter.all(), false).responses()).isZero();
        robot.type(KeyCode.BACK_SPACE, 2);
        robot.write("10");
        ctrlEnter(robot);
        waitUntil(() -> entryStage() == null);
        assertThat(context.surveys().results(1, ResultFilter.all(), false).nps()).isEqualTo(100.0);
    }

    @Test
    void choicesByArrowsAndSpaceForAWalkInLinkedLater(FxRobot robot) {
        Survey visit = context.surveys().save(null, "After a visit", List.of(
                Question.score("How was it?", null, true, 1, 5, "Bad", null, "Great", null),
                Question.choice(QuestionKind.SINGLE, "Found what you wanted?", true, List.of("Yes", "No", "Partly")),
                Question.choice(QuestionKind.MULTI, "What did you buy?", false, List.of("Tea", "Cups", "Snacks")),
                Question.text("Anything else?", null, false)));
        showShell(robot, Locale.ENGLISH);
        robot.clickOn("#navSurveys");
        waitUntil(() -> robot.lookup("#figureCount").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#resultsSurvey").queryComboBox().getSelectionModel().select(2));
        robot.clickOn("#walkInResponse");
        waitUntil(() -> entryStage() != null && robot.lookup("#q1").tryQuery().map(n -> n.isFocused()).orElse(false));
        robot.targetWindow(entryStage());
        robot.write("2");
        robot.type(KeyCode.TAB);                      // to "Yes"
        robot.type(KeyCode.RIGHT, KeyCode.RIGHT);     // "Partly"
        robot.type(KeyCode.TAB);                      // to "Tea"
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.RIGHT, KeyCode.RIGHT);
        robot.type(KeyCode.SPACE);                    // "Snacks"
        robot.type(KeyCode.TAB);
        robot.write("Out of oolong");
        Screenshots.save(entryStage().getScene(), "survey-entry-choices-en");
        ctrlEnter(robot);
        waitUntil(() -> entryStage() == null);

        List<SurveyRepository.ExportRow> rows = new ArrayList<>();
        context.surveys().forEachResponse(visit.id(), ResultFilter.all(), false, rows::addAll);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.answers().get(1)).containsExactly(2);
            assertThat(r.answers().get(2)).containsExactly("Partly");
            assertThat(r.answers().get(3)).containsExactly("Tea", "Snacks");
            assertThat(r.answers().get(4)).containsExactly("Out of oolong");
            assertThat(r.response().isWalkIn()).isTrue();
        });
        assertThat(complaints).isEmpty();
        long xiaoyan = context.customers().byCode("000002").orElseThrow().id();
        context.surveys().link(rows.getFirst().response().id(), xiaoyan);
        assertThat(complaints).hasSize(1);
    }

    private void seed() {
        SurveyService s = context.surveys();
        long q = s.get(1).questions().getFirst().id();
        long c = s.get(1).questions().get(1).id();
        long xiaoming = context.customers().byCode("000001").orElseThrow().id();
        long alice = context.customers().byCode("000003").orElseThrow().id();
        int[] scores = {10, 10, 9, 8, 6};
        LocalDate[] dates = {LocalDate.of(2026, 9, 12), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 20)};
        String[] comments = {"Lovely tea", null, "Fast service", null, "Too crowded on Saturday"};
        Long[] who = {xiaoming, alice, null, xiaoming, null};
        for (int i = 0; i < scores.length; i++) {
            s.saveResponse(new NewResponse(1, who[i], who[i] == null ? "Mr. Li" : null, ResponseChannel.VISIT, dates[i],
                    List.of(Answer.score(q, scores[i]), Answer.text(c, comments[i]))));
        }
    }

    @Test
    void resultsPageShowsTheHandComputedFigures(FxRobot robot) {
        seed();
        showShell(robot, Locale.ENGLISH);
        robot.clickOn("#navSurveys");
        waitUntil(() -> robot.lookup("#figureNps").tryQuery().isPresent());
        // 10 10 9 | 8 | 6 -> 60% - 20% = 40
        assertThat(text(robot, "#figureCount")).isEqualTo("5");
        assertThat(text(robot, "#figureNps")).isEqualTo("40.0");
        assertThat(text(robot, "#figurePromoters")).isEqualTo("3");
        assertThat(text(robot, "#figureDetractors")).isEqualTo("1");
        BarChart<?, ?> chart = robot.lookup("#distributionChart").queryAs(BarChart.class);
        assertThat(chart.getData().getFirst().getData()).hasSize(11);
        TableView<ResponseRow> table = robot.lookup("#responsesTable").queryTableView();
        assertThat(table.getItems()).hasSize(5);
        Screenshots.save(stage.getScene(), "survey-results-en");

        robot.clickOn("#commentsOnly");
        waitUntil(() -> table.getItems().size() == 3);
        robot.interact(() -> robot.lookup("#resultsTag").queryComboBox().getSelectionModel().select("VIP"));
        waitUntil(() -> "2".equals(text(robot, "#figureCount")));
        assertThat(text(robot, "#figureNps")).isEqualTo("50.0");
        robot.clickOn("#byQuarter");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void resultsPageInChinese(FxRobot robot) {
        seed();
        context.surveys().saveResponse(new NewResponse(2, null, null, ResponseChannel.PHONE, LocalDate.of(2026, 11, 5),
                List.of(Answer.score(context.surveys().get(2).questions().getFirst().id(), 4))));
        showShell(robot, Locale.SIMPLIFIED_CHINESE);
        robot.clickOn("#navSurveys");
        waitUntil(() -> robot.lookup("#figureNps").tryQuery().isPresent());
        assertThat(text(robot, "#figureNps")).isEqualTo("40.0");
        Screenshots.save(stage.getScene(), "survey-results-zh");
        robot.interact(() -> robot.lookup("#resultsSurvey").queryComboBox().getSelectionModel().select(1));
        waitUntil(() -> robot.lookup("#figureAverage").tryQuery().isPresent());
        assertThat(text(robot, "#figureAverage")).isEqualTo("4.00");
        assertThat(text(robot, "#figureTop")).isEqualTo("100.0 %");
        Screenshots.save(stage.getScene(), "survey-results-csat-zh");
        robot.clickOn("#walkInResponse");
        waitUntil(() -> entryStage() != null && robot.lookup("#q1").tryQuery().map(n -> n.isFocused()).orElse(false));
        robot.targetWindow(entryStage());
        robot.write("2");
        assertThat(text(robot, "#entryWho")).isEqualTo("散客（无档案）");
        Screenshots.save(entryStage().getScene(), "survey-entry-zh");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> entryStage() == null);
        assertThat(context.surveys().results(2, ResultFilter.all(), false).responses()).isEqualTo(1);
    }

    @Test
    void editorMakesANewSurvey(FxRobot robot) {
        showShell(robot, Locale.ENGLISH);
        robot.clickOn("#navSurveys");
        waitUntil(() -> robot.lookup("#figureCount").tryQuery().isPresent());
        robot.clickOn("#surveyMore").clickOn("New survey…");
        waitUntil(() -> robot.lookup("#editorName").tryQuery().isPresent());
        robot.clickOn("#editorName").write("After repair");
        robot.clickOn("#editorQuestion1").write("Rate the repair");
        robot.clickOn("#editorAdd");
        robot.interact(() -> robot.lookup("#editorKind2").queryComboBox().getSelectionModel().select(QuestionKind.TEXT));
        Screenshots.save(robot.lookup("#editorName").query().getScene(), "survey-editor-en");
        robot.clickOn("#editorSaveSurvey");
        waitUntil(() -> !robot.lookup("#editorError").queryAs(Label.class).getText().isEmpty());
        assertThat(text(robot, "#editorError")).isEqualTo("Question 2 has no text.");
        robot.clickOn("#editorQuestion2").write("Anything else?");
        robot.clickOn("#editorSaveSurvey");
        waitUntil(() -> context.surveys().list().size() == 3);
        Survey s = context.surveys().find("After repair");
        assertThat(s.kind()).isEqualTo(SurveyKind.CSAT);
        assertThat(s.questions()).extracting(q -> q.text(false)).containsExactly("Rate the repair", "Anything else?");
    }
}

package app.regulars.followup;

import app.regulars.customer.CustomersPage;
import app.regulars.app.AppContext;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import app.regulars.fx.DateFields;
import app.regulars.fx.FxTaskRunner;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
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
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The calendar and the contacts tab driven like a user would, on a real store, headless. */
@ExtendWith(ApplicationExtension.class)
class FollowUpViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;
    private long wang;
    private long zeng;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        wang = context.customers().search("王小明", null, false, CustomerSort.NAME, true)[0];
        zeng = context.customers().search("曾晓燕", null, false, CustomerSort.NAME, true)[0];
        long alice = context.customers().search("Alice", null, false, CustomerSort.NAME, true)[0];
        FollowUpService s = context.followUps();
        s.openComplaint(zeng, "茶叶受潮，要求退换", "包装破损", LocalDateTime.of(2026, 11, 21, 16, 0));
        s.schedule(FollowUp.planned(wang, FollowUpKind.CHECK_IN, "问问新茶口感", LocalDateTime.of(2026, 11, 23, 15, 0)).withOwner("小李"));
        s.schedule(FollowUp.planned(alice, FollowUpKind.VISIT, "Bring autumn samples", LocalDateTime.of(2026, 11, 24, 10, 30)).withOwner("Li"));
        s.schedule(FollowUp.planned(wang, FollowUpKind.BIRTHDAY, "生日祝福", LocalDate.of(2026, 11, 26).atStartOfDay()).withDue(LocalDate.of(2026, 11, 26).atStartOfDay(), true));
        s.schedule(FollowUp.planned(alice, FollowUpKind.WIN_BACK, "Quarterly price review", LocalDateTime.of(2026, 11, 27, 14, 0))
                .withRecurrence(Recurrence.QUARTERLY, LocalDate.of(2027, 12, 31)));
        s.schedule(FollowUp.planned(zeng, FollowUpKind.VISIT, "送样品", LocalDateTime.of(2026, 12, 2, 9, 0)));
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        showShell(Locale.ENGLISH);
        stage.show();
    }

    private void showShell(Locale locale) {
        shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT);
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }


    private static List<String> entries(FxRobot robot, String cellId) {
        VBox cell = robot.lookup("#" + cellId).query();
        return cell.getChildren().stream().filter(n -> n.getStyleClass().contains("calendar-entry"))
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void opensOnTheCalendarWithTodayAndOverdueAndShowsMonthWeekDayAgenda(FxRobot robot) {
        waitUntil(() -> shell.getCenter() == shell.page(CalendarPage.class) && robot.lookup("#calendarMonth").tryQuery().isPresent());
        ListView<FollowUp> today = robot.lookup("#calendarTodayList").queryListView();
        waitUntil(() -> today.getItems().size() == 2);
        assertThat(today.getItems()).extracting(FollowUp::title).containsExactly("茶叶受潮，要求退换", "问问新茶口感");
        assertThat(((Label) robot.lookup("#calendarPeriod").query()).getText()).isEqualTo("November 2026");
        // Today's list wraps its entries to its width: no sideways scroll bar.
        waitUntil(() -> !((javafx.scene.control.ListView<?>) robot.lookup("#calendarTodayList").query()).getItems().isEmpty());
        assertThat(robot.lookup("#calendarTodayList .scroll-bar").queryAllAs(javafx.scene.control.ScrollBar.class))
                .filteredOn(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL).allMatch(b -> !b.isVisible());
        assertThat(entries(robot, "day-2026-11-24")).containsExactly("10:30 Alice Smith · Bring autumn samples");
        assertThat(entries(robot, "day-2026-11-22").getFirst()).contains("曾晓燕").contains("LATE");
        assertThat(entries(robot, "day-2026-12-02")).containsExactly("09:00 曾晓燕 · 送样品");
        Screenshots.save(stage.getScene(), "followup-month-en");

        robot.clickOn("#calendarModeWEEK");
        waitUntil(() -> robot.lookup("#calendarWeek").tryQuery().isPresent());
        assertThat(entries(robot, "slot-2026-11-26-all")).containsExactly("王小明 · 生日祝福");
        assertThat(entries(robot, "slot-2026-11-23-15")).containsExactly("15:00 王小明 · 问问新茶口感");
        Screenshots.save(stage.getScene(), "followup-week-en");

        robot.clickOn("#calendarModeAGENDA");
        waitUntil(() -> robot.lookup("#calendarAgenda").tryQuery().isPresent());
        ListView<CalendarViewModel.AgendaRow> agenda = robot.lookup("#calendarAgenda").queryListView();
        waitUntil(() -> agenda.getItems().size() == 8); // 4 days with one item each
        Screenshots.save(stage.getScene(), "followup-agenda-en");

        robot.clickOn("#calendarModeDAY");
        waitUntil(() -> robot.lookup("#calendarDay").tryQuery().isPresent());
        robot.clickOn("#calendarNext");
        waitUntil(() -> ((Label) robot.lookup("#calendarPeriod").query()).getText().startsWith("Nov 24, 2026")
                || !entries(robot, "slot-2026-11-24-10").isEmpty());
        assertThat(entries(robot, "slot-2026-11-24-10")).containsExactly("10:30 Alice Smith · Visit · Bring autumn samples  (Li)");
        Screenshots.save(stage.getScene(), "followup-day-en");
    }

    @Test
    void filterByKindAndOwnerShowsOnlyMatches(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        CalendarViewModel vm = shell.page(CalendarPage.class).viewModel();
        robot.interact(() -> vm.kindProperty().set(FollowUpKind.VISIT));
        waitUntil(() -> vm.items().size() == 2);
        assertThat(entries(robot, "day-2026-11-23")).isEmpty();
        assertThat(entries(robot, "day-2026-11-24")).hasSize(1);
        robot.interact(() -> {
            vm.kindProperty().set(null);
            vm.ownerProperty().set("小李");
        });
        waitUntil(() -> vm.items().size() == 1);
        assertThat(vm.items().getFirst().title()).isEqualTo("问问新茶口感");
    }

    @Test
    void doubleClickOnADayPlansAFollowUpThereAndMovingKeepsHistory(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.doubleClickOn("#day-2026-11-25");
        waitUntil(() -> robot.lookup("#followupCustomer").tryQuery().isPresent());
        robot.clickOn("#followupCustomer").write("wxm");
        waitUntil(() -> !robot.lookup("#followupCustomerMatches").queryListView().getItems().isEmpty());
        robot.clickOn("#followupTitle").write("Deliver tea");
        Screenshots.save(robot.lookup("#followupTitle").query().getScene(), "followup-editor-en");
        robot.type(KeyCode.ENTER);
        CalendarViewModel vm = shell.page(CalendarPage.class).viewModel();
        waitUntil(() -> vm.items().stream().anyMatch(f -> f.title().equals("Deliver tea")));
        FollowUp created = vm.items().stream().filter(f -> f.title().equals("Deliver tea")).findFirst().orElseThrow();
        assertThat(created.customerName()).isEqualTo("王小明");
        assertThat(created.dueAt()).isEqualTo(LocalDate.of(2026, 11, 25).atStartOfDay());
        assertThat(created.allDay()).isTrue();
        assertThat(entries(robot, "day-2026-11-25")).containsExactly("王小明 · Deliver tea");

        // move it as a drop on another day does
        robot.interact(() -> shell.page(CalendarPage.class).moveTo(created.id(), LocalDate.of(2026, 11, 28), null));
        waitUntil(() -> entries(robot, "day-2026-11-28").contains("王小明 · Deliver tea"));
        assertThat(context.followUps().history(created.id())).hasSize(1);
    }

    @Test
    void aFollowUpOpensTheSurveyEntryForItsCustomer(FxRobot robot) {
        // An invitation to a survey is marketing: Alice agrees to it here (decision 0021).
        var alice = context.customers().byCode("000003").orElseThrow();
        context.customers().save(alice.toBuilder().consent(new app.regulars.customer.Consent(true, LocalDate.of(2026, 11, 1), null)).build());
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#day-2026-11-24").lookup(".calendar-entry").queryAs(Node.class));
        waitUntil(() -> robot.lookup("#followupSurvey").tryQuery().isPresent());
        robot.clickOn("#followupSurvey");
        waitUntil(() -> robot.lookup("#entryWho").tryQuery().isPresent());
        assertThat(robot.lookup("#entryWho").queryLabeled().getText()).contains("Alice Smith");
        Screenshots.save(robot.lookup("#entryWho").query().getScene(), "followup-survey-entry-en");
    }

    @Test
    void theFormShowsWhatConsentRulesOutAndInvitesToSurveysOnlyWithConsent(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        // 曾晓燕's complaint: she never agreed to marketing.
        robot.clickOn(robot.lookup("#day-2026-11-22").lookup(".calendar-entry").queryAs(Node.class));
        waitUntil(() -> robot.lookup("#followupConsent").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#followupConsent").queryLabeled().getText()).isEqualTo("No marketing");
        assertThat(robot.lookup("#followupSurvey").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#followupSurveyNoConsent").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#followupSurveyNoConsent").queryLabeled().getText()).isEqualTo("No survey invitation without marketing consent");
        Screenshots.save(robot.lookup("#followupConsent").query().getScene(), "followup-editor-consent-en");
        robot.clickOn("#followupSurvey"); // disabled: nothing opens
        assertThat(robot.lookup("#entryWho").tryQuery()).isEmpty();
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.listWindows().stream().filter(Window::isShowing).count() == 1);

        // 王小明 agreed, except by SMS: the form says so, and the survey may be asked.
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> robot.lookup("#day-2026-11-26").tryQuery().isPresent()
                && robot.lookup("#day-2026-11-26").lookup(".calendar-entry").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#day-2026-11-26").lookup(".calendar-entry").queryAs(Node.class));
        waitUntil(() -> robot.lookup("#followupConsent").tryQuery().map(Node::isVisible).orElse(false)
                && !robot.lookup("#followupSurvey").queryButton().isDisabled());
        assertThat(robot.lookup("#followupConsent").queryLabeled().getText()).isEqualTo("勿发短信");
        assertThat(robot.lookup("#followupSurveyNoConsent").queryLabeled().isVisible()).isFalse();
        Screenshots.save(robot.lookup("#followupConsent").query().getScene(), "followup-editor-consent-zh");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void overdueComplaintCanBeEditedToARepeatWithoutEndOnlyWithAMessage(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#day-2026-11-24").lookup(".calendar-entry").queryAs(Node.class));
        waitUntil(() -> robot.lookup("#followupRecurrence").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#followupRecurrence").<javafx.scene.control.ComboBox<Recurrence>>query().setValue(Recurrence.WEEKLY));
        robot.clickOn("#followupSave");
        waitUntil(() -> !((Label) robot.lookup("#followupError").query()).getText().isEmpty());
        assertThat(((Label) robot.lookup("#followupError").query()).getText()).contains("end date");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.listWindows().stream().filter(Window::isShowing).count() == 1);
        assertThat(context.followUps().between(LocalDate.of(2026, 11, 24).atStartOfDay(), LocalDate.of(2026, 11, 25).atStartOfDay(),
                FollowUpFilter.ALL).getFirst().recurrence()).isEqualTo(Recurrence.NONE);
    }

    @Test
    void theTodayListSaysWhenMoreAreDueThanItListsInBothLanguages(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        Label more = robot.lookup("#calendarMoreDue").query();
        assertThat(more.isVisible()).as("one overdue, one due today: both listed").isFalse();
        FollowUpService s = context.followUps();
        int late = CalendarViewModel.TODAY_LISTED - 2; // with the complaint overdue and the call due today: the list is full
        for (int i = 0; i < late; i++) {
            s.schedule(FollowUp.planned(i % 2 == 0 ? wang : zeng, FollowUpKind.CHECK_IN, "回访 " + i, LocalDateTime.of(2026, 11, 10, 9, 0).plusMinutes(i)));
        }
        LocalDateTime today = LocalDate.of(2026, 11, 23).atStartOfDay();
        s.schedule(FollowUp.planned(zeng, FollowUpKind.CHECK_IN, "今天的回访", today).withDue(today, true)); // one more, all day today
        robot.interact(() -> showShell(Locale.ENGLISH));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent()
                && robot.lookup("#calendarTodayList").queryListView().getItems().size() == CalendarViewModel.TODAY_LISTED);
        Label en = robot.lookup("#calendarMoreDue").query();
        waitUntil(en::isVisible);
        assertThat(en.getText()).isEqualTo("More are overdue or due today: the first 500 are listed here.");
        ListView<FollowUp> list = robot.lookup("#calendarTodayList").queryListView();
        // the overdue ones, oldest first, then today's in due order: the all-day one listed, the call at 15:00 not
        assertThat(list.getItems().getFirst().title()).isEqualTo("回访 0");
        assertThat(list.getItems().get(late).title()).isEqualTo("茶叶受潮，要求退换");
        assertThat(list.getItems().getLast().title()).isEqualTo("今天的回访");
        assertThat(list.getItems().stream().filter(f -> f.isOverdue(TestStores.TODAY.atTime(10, 0))).count()).isEqualTo(late + 1);
        // the day of the 498 in the month: three of them and "+495 more", all inside the cell
        waitUntil(() -> robot.lookup("#day-2026-11-10 .calendar-more").tryQuery().isPresent());
        assertThat(entries(robot, "day-2026-11-10")).hasSize(3);
        assertInsideItsDay(robot, "day-2026-11-10", "+495 more");
        Screenshots.save(stage.getScene(), "followup-month-more-due-en");

        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent() && robot.lookup("#calendarMoreDue").query().isVisible());
        assertThat(((Label) robot.lookup("#calendarMoreDue").query()).getText()).isEqualTo("逾期和今天到期的还有更多：这里列出前 500 条。");
        waitUntil(() -> robot.lookup("#day-2026-11-10 .calendar-more").tryQuery().isPresent());
        assertInsideItsDay(robot, "day-2026-11-10", "还有 495 项");
        Screenshots.save(stage.getScene(), "followup-month-more-due-zh");
    }

    @Test
    void aFullSlotOfTheWeekShowsThreeAndCountsEveryOneInBothLanguages(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        LocalDateTime day = LocalDate.of(2026, 11, 25).atStartOfDay();
        for (int i = 0; i < 7; i++) {
            context.followUps().schedule(FollowUp.planned(i % 2 == 0 ? wang : zeng, FollowUpKind.CHECK_IN, "回访 " + i, day).withDue(day, true));
        }
        robot.interact(() -> showShell(Locale.ENGLISH));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.clickOn("#calendarModeWEEK");
        waitUntil(() -> robot.lookup("#slot-2026-11-25-all .calendar-more").tryQuery().isPresent());
        assertThat(entries(robot, "slot-2026-11-25-all")).hasSize(CalendarViewModel.WEEK_PER_SLOT);
        assertInsideItsDay(robot, "slot-2026-11-25-all", "+4 more");
        Screenshots.save(stage.getScene(), "followup-week-more-en");

        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.clickOn("#calendarModeWEEK");
        waitUntil(() -> robot.lookup("#slot-2026-11-25-all .calendar-more").tryQuery().isPresent());
        assertInsideItsDay(robot, "slot-2026-11-25-all", "还有 4 项");
        Screenshots.save(stage.getScene(), "followup-week-more-zh");
    }

    /** The cell's "+ n more" reads {@code text} and lies wholly inside the cell, as drawn. */
    private static void assertInsideItsDay(FxRobot robot, String day, String text) {
        javafx.scene.layout.Region cell = robot.lookup("#" + day).query();
        Label more = robot.lookup("#" + day + " .calendar-more").query();
        assertThat(more.getText()).isEqualTo(text);
        javafx.geometry.Bounds inCell = cell.sceneToLocal(more.localToScene(more.getLayoutBounds()));
        assertThat(inCell.getMaxY()).as("the bottom of \"%s\" within the cell's %.0f px", text, cell.getHeight())
                .isLessThanOrEqualTo(cell.getHeight() - cell.snappedBottomInset());
    }

    @Test
    void chineseMonth(FxRobot robot) {
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        assertThat(((Label) robot.lookup("#calendarPeriod").query()).getText()).isEqualTo("2026年11月");
        Screenshots.save(stage.getScene(), "followup-month-zh");
    }

    @Test
    void followUpsGeneratedInEnglishReadInChineseInTheChineseCalendar(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        FollowUpTitlesTest.generateInEnglish(context); // the English window's generation
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent() && !entries(robot, "day-2026-12-02").isEmpty());
        assertThat(entries(robot, "day-2026-11-23")).contains("曾晓燕 · 例行回访");
        assertThat(entries(robot, "day-2026-11-24")).containsExactly("曾晓燕 · 生日问候（12月1日）", "10:30 Alice Smith · Bring autumn samples");
        assertThat(entries(robot, "day-2026-12-02")).containsExactly("王小明 · 元旦问候", "曾晓燕 · 元旦问候", "09:00 曾晓燕 · 送样品");
        ListView<FollowUp> today = robot.lookup("#calendarTodayList").queryListView();
        waitUntil(() -> today.getItems().size() == 3);
        assertThat(robot.lookup("#calendarTodayList .calendar-entry").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.equals("曾晓燕 · 例行回访"));
        Screenshots.save(stage.getScene(), "followup-month-generated-zh");

        robot.clickOn("#calendarModeAGENDA");
        waitUntil(() -> robot.lookup("#calendarAgenda .calendar-entry").queryAll().size() >= 6);
        List<String> agenda = robot.lookup("#calendarAgenda .calendar-entry").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(agenda).contains("曾晓燕 · 例行回访", "曾晓燕 · 生日 · 生日问候（12月1日）"); // this week's
        assertThat(String.join("\n", agenda)).doesNotContain("Routine", "Birthday of", "greeting");
        Screenshots.save(stage.getScene(), "followup-agenda-generated-zh");
    }

    @Test
    void contactsAddEditsAndDeletesByKeyboard(FxRobot robot) {
        waitUntil(() -> shell.getCenter() == shell.page(CalendarPage.class));
        robot.interact(() -> {
            ((javafx.scene.control.ToggleButton) shell.lookup("#navCustomers")).fire();
            shell.page(CustomersPage.class).openProfile(wang);
        });
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        robot.interact(() -> selectTab((TabPane) robot.lookup("#profileTabs").query(), "#timelineList"));
        waitUntil(() -> robot.lookup("#interactionSummary").tryQuery().isPresent());
        ListView<Contact> list = robot.lookup("#timelineList").queryListView();
        robot.clickOn("#interactionSummary").write("问了新到的龙井");
        robot.clickOn("#interactionOutcome").write("周六来店试喝");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> list.getItems().size() == 1);
        assertThat(list.getItems().getFirst().summary()).isEqualTo("问了新到的龙井");
        assertThat(list.getItems().getFirst().channel()).isEqualTo(ContactChannel.PHONE);

        robot.type(KeyCode.INSERT);
        robot.write("微信发了新品图片");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> list.getItems().size() == 2);
        Screenshots.save(stage.getScene(), "followup-timeline-en");

        // edit: select the older one, Enter, change the summary, Enter
        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(1);
        });
        robot.type(KeyCode.ENTER);
        assertThat(robot.lookup("#interactionSummary").<javafx.scene.control.TextField>query().getText()).isEqualTo("问了新到的龙井");
        robot.eraseText(7).write("电话问了新茶");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> list.getItems().stream().anyMatch(i -> i.summary().equals("电话问了新茶")));
        assertThat(context.followUps().contacts(wang, 10)).hasSize(2);

        // delete: select, Delete, confirm
        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(0);
        });
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        waitUntil(() -> list.getItems().size() == 1);
        assertThat(context.followUps().contacts(wang, 10)).extracting(Contact::summary).containsExactly("电话问了新茶");

        // Completing the open check-in logs the form as the outcome
        ListView<FollowUp> open = robot.lookup("#timelineOpen").queryListView();
        waitUntil(() -> open.getItems().size() == 2);
        robot.interact(() -> open.getSelectionModel().select(0));
        robot.clickOn("#interactionSummary").write("回访完成");
        robot.clickOn("#timelineComplete");
        waitUntil(() -> open.getItems().size() == 1 && list.getItems().size() == 2);
        assertThat(list.getItems().getFirst().followUpId()).isNotNull();
    }

    @Test
    void chineseContacts(FxRobot robot) {
        context.followUps().logContact(new Contact(null, wang, LocalDateTime.of(2026, 11, 20, 15, 30), ContactChannel.IN_STORE,
                "买了 250 克龙井", "满意，想要新茶", "新茶到了发微信", null));
        context.followUps().logContact(new Contact(null, wang, LocalDateTime.of(2026, 11, 22, 11, 0), ContactChannel.WECHAT,
                "发了明前龙井的图片", null, null, null));
        robot.interact(() -> {
            showShell(Locale.SIMPLIFIED_CHINESE);
        });
        waitUntil(() -> shell.getCenter() == shell.page(CalendarPage.class));
        robot.interact(() -> {
            ((javafx.scene.control.ToggleButton) shell.lookup("#navCustomers")).fire();
            shell.page(CustomersPage.class).openProfile(wang);
        });
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        robot.interact(() -> selectTab((TabPane) robot.lookup("#profileTabs").query(), "#timelineList"));
        ListView<Contact> list = robot.lookup("#timelineList").queryListView();
        waitUntil(() -> list.getItems().size() == 2);
        Screenshots.save(stage.getScene(), "followup-timeline-zh");
    }

    @Test
    void dateFieldsReadAndShowDatesInTheAppLanguageNotTheMachines(FxRobot robot) {
        Locale machine = Locale.getDefault(Locale.Category.FORMAT);
        try {
            // the English UI on a Chinese machine
            Locale.setDefault(Locale.Category.FORMAT, Locale.SIMPLIFIED_CHINESE);
            DatePicker date = openContactDate(robot, Locale.ENGLISH);
            assertThat(date.getEditor().getText()).isEqualTo("11/23/2026");
            typeDate(robot, date, "11/20/2026");
            assertThat(date.getValue()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(date.getEditor().getText()).isEqualTo("11/20/2026");
            typeDate(robot, date, "2026-11-19");
            assertThat(date.getValue()).isEqualTo(LocalDate.of(2026, 11, 19));
            assertThat(date.getEditor().getText()).isEqualTo("11/19/2026");
            Screenshots.save(stage.getScene(), "dates-timeline-en");
            typeDate(robot, date, "yesterday");
            assertThat(date.getValue()).as("unreadable text keeps the date").isEqualTo(LocalDate.of(2026, 11, 19));
            assertThat(date.getEditor().getText()).isEqualTo("11/19/2026");
            assertThat(DateFields.error(date)).isEqualTo("Not a date: \u201Cyesterday\u201D. Type it like 11/23/2026 or 2026-11-23; the date before was kept.");
            assertThat(date.getPseudoClassStates()).extracting(Object::toString).contains("danger");
            Screenshots.save(stage.getScene(), "dates-timeline-invalid-en");
            javafx.scene.control.Tooltip shown = (javafx.scene.control.Tooltip) robot.listWindows().stream()
                    .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing() && t.getText().contains("yesterday"))
                    .findFirst().orElseThrow(() -> new AssertionError("the message is not shown under the field"));
            Screenshots.save(shown.getScene(), "dates-timeline-invalid-message-en");
            typeDate(robot, date, "11/18/26");
            assertThat(DateFields.error(date)).isNull();
            assertThat(date.getEditor().getText()).isEqualTo("11/18/2026");

            // the Chinese UI on an American machine, saved to the store
            Locale.setDefault(Locale.Category.FORMAT, Locale.US);
            date = openContactDate(robot, Locale.SIMPLIFIED_CHINESE);
            assertThat(date.getEditor().getText()).isEqualTo("2026/11/23");
            typeDate(robot, date, "2026/11/20");
            assertThat(date.getValue()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(date.getEditor().getText()).isEqualTo("2026/11/20");
            typeDate(robot, date, "2026-11-18");
            assertThat(date.getEditor().getText()).isEqualTo("2026/11/18");
            Screenshots.save(stage.getScene(), "dates-timeline-zh");
            typeDate(robot, date, "11/20/2026");
            assertThat(date.getValue()).isEqualTo(LocalDate.of(2026, 11, 18));
            assertThat(DateFields.error(date)).startsWith("“11/20/2026”不是日期。请按 2026/11/23");
            robot.clickOn("#interactionSummary").write("电话回访");
            robot.type(KeyCode.ENTER);
            waitUntil(() -> context.followUps().contacts(wang, 10).size() == 1);
            assertThat(context.followUps().contacts(wang, 10).getFirst().occurredAt().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 18));
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, machine);
        }
    }

    private DatePicker openContactDate(FxRobot robot, Locale language) {
        robot.interact(() -> showShell(language));
        waitUntil(() -> shell.getCenter() == shell.page(CalendarPage.class));
        robot.interact(() -> {
            ((javafx.scene.control.ToggleButton) shell.lookup("#navCustomers")).fire();
            shell.page(CustomersPage.class).openProfile(wang);
        });
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        robot.interact(() -> selectTab((TabPane) robot.lookup("#profileTabs").query(), "#timelineList"));
        waitUntil(() -> robot.lookup("#interactionDate").tryQuery().isPresent());
        return robot.lookup("#interactionDate").query();
    }

    /** Types into the date field as a user does (replacing what is there) and presses Enter to take it. */
    private static void typeDate(FxRobot robot, DatePicker date, String text) {
        robot.clickOn(date.getEditor());
        robot.interact(() -> date.getEditor().selectAll());
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void exportsTheShownListAndTheDaysVisitBriefsAndSaysWhenThereIsNoPrinter(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        Path list = base.resolve("list-" + counter + ".xlsx");
        robot.interact(() -> shell.page(CalendarPage.class).exportTo(list));
        waitUntil(() -> ((Label) robot.lookup("#calendarMessage").query()).getText().startsWith("Saved"));
        assertThat(list).exists();
        assertThat(shell.page(CalendarPage.class).table().rows()).hasSize(6);

        Path briefs = base.resolve("briefs-" + counter + ".pdf");
        robot.interact(() -> shell.page(CalendarPage.class).exportBriefsTo(LocalDate.of(2026, 11, 24), briefs));
        waitUntil(() -> ((Label) robot.lookup("#calendarMessage").query()).getText().contains("briefs-"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(briefs.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Alice Smith").contains("Bring autumn samples");
        }
        // a day without visits: a message, no file
        Path none = base.resolve("none-" + counter + ".pdf");
        robot.interact(() -> shell.page(CalendarPage.class).exportBriefsTo(LocalDate.of(2026, 11, 30), none));
        waitUntil(() -> ((Label) robot.lookup("#calendarMessage").query()).getText().equals("No visit is planned on that day."));
        assertThat(none).doesNotExist();

        java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();
        FollowUpReports reports = new FollowUpReports(context.followUps(), context.customers(), context.membership(), new Messages(Locale.ENGLISH));
        robot.interact(() -> new BriefPrinter(new Messages(Locale.ENGLISH), () -> null)
                .print(List.of(reports.brief(wang)), reports, stage, runner, said::set));
        assertThat(said.get()).isEqualTo("No printer is installed. Export to PDF instead and print that file later.");
    }

    @Test
    void automaticSettingsAreSavedAndGenerateHolidayGreetings(FxRobot robot) {
        waitUntil(() -> robot.lookup("#calendarMonth").tryQuery().isPresent());
        robot.clickOn("#calendarAuto");
        waitUntil(() -> robot.lookup("#autoHoliday").tryQuery().isPresent());
        robot.doubleClickOn("#autoHoliday").write("40");
        robot.doubleClickOn("#autoBirthday").write("x");
        robot.clickOn("#autoGenerate");
        waitUntil(() -> ((Label) robot.lookup("#autoMessage").query()).getText().startsWith("Not a number"));
        robot.doubleClickOn("#autoBirthday").write("7");
        robot.clickOn("#autoGenerate");
        waitUntil(() -> ((Label) robot.lookup("#autoMessage").query()).getText().startsWith("Created"));
        Screenshots.save(robot.lookup("#autoMessage").query().getScene(), "followup-auto-settings-en");
        // New Year 2027 is 39 days away: 王小明 (the only one with consent) is greeted from 2026-11-23 on
        assertThat(context.settings().get(AutoFollowUps.HOLIDAY_DAYS)).contains("40");
        assertThat(context.followUps().between(LocalDate.of(2026, 11, 23).atStartOfDay(), LocalDate.of(2026, 11, 24).atStartOfDay(),
                new FollowUpFilter(FollowUpKind.HOLIDAY, null, null, null))).extracting(FollowUp::customerName).containsExactly("王小明");
    }

    /** Selects the profile tab that holds {@code selector}: the tabs' order depends on which features the shell wires. */
    private static void selectTab(TabPane tabs, String selector) {
        tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getContent() != null && t.getContent().lookup(selector) != null)
                .findFirst().orElseThrow());
    }
}

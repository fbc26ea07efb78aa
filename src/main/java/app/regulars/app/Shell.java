package app.regulars.app;

import app.regulars.fx.TaskRunner;

import app.regulars.customer.CustomersPage;
import app.regulars.followup.CalendarPage;
import app.regulars.followup.CalendarViewModel;
import app.regulars.followup.ContactsSection;
import app.regulars.i18n.Messages;
import app.regulars.survey.SurveyResultsViewModel;
import app.regulars.survey.SurveysPage;
import app.regulars.survey.SurveysSection;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The main window's content: navigation on the left (only views that work), the current
 * page in the middle, language and theme switches at the bottom of the navigation.
 */
public final class Shell extends BorderPane {
    private final CustomersPage customers;
    private final AppContext context;
    private final TaskRunner runner;
    private final Messages messages;
    // ---- followup ----
    private final CalendarPage calendar;
    private boolean navigated;
    // ---- survey ----
    private final SurveysPage surveys;

    public Shell(AppContext context, TaskRunner runner, Messages messages, Theme theme,
                 Consumer<Locale> switchLanguage, Consumer<Theme> switchTheme) {
        getStyleClass().add("shell");
        this.context = context;
        this.runner = runner;
        this.messages = messages;
        // Each feature's tab on a customer's profile: purchases and points, the contact timeline.
        java.util.List<app.regulars.customer.ProfileSection> sections = new java.util.ArrayList<>();
        sections.add(new app.regulars.membership.MembershipSection(context.membership(), runner, messages));
        ContactsSection timeline = new ContactsSection(context.followUps(), context.customers(), context.membership(), runner, messages);
        // A follow-up's form opens the survey entry for its customer (after a visit or call).
        app.regulars.followup.SurveyLauncher askSurvey = (id, name) -> app.regulars.survey.SurveyEntryView.openFor(
                getScene() == null ? null : getScene().getWindow(), context.surveys(), runner, messages, id, name, r -> { });
        timeline.setSurveyLauncher(askSurvey);
        sections.add(timeline);
        sections.add(new SurveysSection(context.surveys(), runner, messages));
        // Each feature's column in the customer list: the member tier.
        java.util.List<app.regulars.customer.ListColumn> columns = java.util.List.of(
                new app.regulars.membership.TierListColumn(context.membership(), messages));
        customers = new CustomersPage(context.customers(), runner, messages, sections, columns);
        surveys = new SurveysPage(new SurveyResultsViewModel(context.surveys(), runner, messages, context.customers()::tagsInUse), runner, messages);

        Label title = new Label(messages.get("app.title"));
        title.getStyleClass().add("app-title");
        ToggleGroup nav = new ToggleGroup();
        ToggleButton customersNav = navButton(nav, messages.get("nav.customers"), new FontIcon(MaterialDesignA.ACCOUNT_MULTIPLE), customers);
        customersNav.setId("navCustomers");
        customersNav.setSelected(true);
        // ---- followup: the calendar; it opens first when something is due today or overdue ----
        calendar = new CalendarPage(new CalendarViewModel(context.followUps(), context.customers(), runner, messages), messages,
                new app.regulars.followup.FollowUpReports(context.followUps(), context.customers(), context.membership(), messages), runner);
        calendar.viewModel().setSurveyLauncher(askSurvey);
        calendar.enableAutoSettings(new app.regulars.followup.AutoSettingsViewModel(context.autoFollowUps(), context.settings(), runner, messages));
        ToggleButton calendarNav = navButton(nav, messages.get("nav.calendar"), new FontIcon(MaterialDesignC.CALENDAR_MONTH), calendar);
        calendarNav.setId("navCalendar");
        calendarNav.addEventHandler(javafx.event.ActionEvent.ACTION, e -> calendar.viewModel().load());
        ToggleButton surveysNav = navButton(nav, messages.get("nav.surveys"), new FontIcon(MaterialDesignC.CLIPBOARD_CHECK_OUTLINE), surveys);
        surveysNav.setId("navSurveys");
        surveysNav.addEventHandler(javafx.event.ActionEvent.ACTION, e -> surveys.reload());
        // A page stays selected: clicking the selected button again does not unselect it.
        nav.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null && o != null) {
                o.setSelected(true);
            }
        });

        ComboBox<Locale> language = LanguageSwitch.create(messages, switchLanguage);
        language.setMaxWidth(Double.MAX_VALUE);
        Button themeButton = new Button(messages.get(theme == Theme.DARK ? "nav.themeLight" : "nav.themeDark"),
                new FontIcon(theme == Theme.DARK ? MaterialDesignW.WHITE_BALANCE_SUNNY : MaterialDesignW.WEATHER_NIGHT));
        themeButton.setId("themeSwitch");
        themeButton.setMaxWidth(Double.MAX_VALUE);
        themeButton.setOnAction(e -> switchTheme.accept(theme.other()));
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        VBox footer = new VBox(8, language, themeButton);
        footer.getStyleClass().add("nav-footer");
        // ---- membership ----
        app.regulars.membership.MembersPage members = new app.regulars.membership.MembersPage(context.membership(), runner, messages);
        ToggleButton membersNav = navButton(nav, messages.get("membership.nav"),
                new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CARD_ACCOUNT_DETAILS_STAR), members);
        membersNav.setId("navMembers");
        membersNav.addEventHandler(javafx.event.ActionEvent.ACTION, e -> members.refresh());
        // Points that are due expire, the 12-month totals move to today, birthday coupons are
        // issued: each safe to repeat, so on every start (MembershipService.startOfDay).
        runner.run(context.membership()::startOfDay, done -> { }, e -> { });
        VBox left = new VBox(title, customersNav, calendarNav, membersNav, surveysNav, grow, footer);
        left.getStyleClass().add("shell-nav");
        left.setAlignment(Pos.TOP_LEFT);
        setLeft(left);
        setCenter(customers);
        // ---- followup ----
        runner.run(() -> {
            context.autoFollowUps().generate(messages); // idempotent: safe on every start
            return context.followUps().dueByTonight();
        }, due -> {
            if (due > 0 && !navigated && getCenter() == customers) {
                calendarNav.setSelected(true);
                setCenter(calendar);
                calendar.viewModel().load();
            }
        }, e -> { });
    }

    private ToggleButton navButton(ToggleGroup group, String text, FontIcon icon, Node page) {
        ToggleButton b = new ToggleButton(text, icon);
        b.getStyleClass().add("nav-button");
        b.setToggleGroup(group);
        b.setOnAction(e -> {
            navigated = true;
            setCenter(page);
        });
        return b;
    }

    public void installShortcuts(Scene scene) {
        customers.installShortcuts(scene);
        surveys.installShortcuts(scene);
        // ---- membership ----
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.P,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> openQuickPurchase(scene));
    }

    /** The quick "new purchase" box (Ctrl+P). */
    public app.regulars.membership.QuickPurchaseDialog openQuickPurchase(Scene scene) {
        app.regulars.membership.QuickPurchaseDialog box = new app.regulars.membership.QuickPurchaseDialog(context.customers(),
                context.membership(), runner, messages, scene.getWindow(), scene.getStylesheets());
        box.stage().setOnHidden(e -> customers.refresh());
        box.show();
        return box;
    }

    // ---- followup ----
    public CalendarPage calendar() {
        return calendar;
    }

    public SurveysPage surveys() {
        return surveys;
    }

    public CustomersPage customers() {
        return customers;
    }
}

package app.regulars.app;

import app.regulars.feature.Extensions;
import app.regulars.feature.Feature;
import app.regulars.feature.Page;
import app.regulars.feature.Shortcut;
import app.regulars.feature.Ui;
import app.regulars.followup.SurveyLauncher;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.survey.SurveyEntryView;
import javafx.geometry.Pos;
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
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The main window's content: each feature's page in the navigation on the left, the current
 * page in the middle, the Import menu, language and theme switches at the bottom of the
 * navigation. It knows no feature by name but for the one link it makes between two of them and
 * the customer feature's undo of the last import (which undoes every kind of import) in the
 * Import menu.
 */
public final class Shell extends BorderPane {
    private final TaskRunner runner;
    private final Extensions extensions = new Extensions();
    private final Map<Page, ToggleButton> pages = new LinkedHashMap<>();
    /** Pages whose data changed while another was shown: they reload when shown again. */
    private final Set<Page> stale = new HashSet<>();
    private Page shown;
    private boolean navigated;

    public Shell(AppContext context, TaskRunner runner, Messages messages, Theme theme,
                 Consumer<Locale> switchLanguage, Consumer<Theme> switchTheme) {
        getStyleClass().add("shell");
        this.runner = runner;
        Ui ui = new Ui(context.services(), extensions, runner, messages, this::window, this::dataChanged, this::navigate);
        // The one link between features that goes through the app: a follow-up's form and the
        // calendar open the survey entry for their customer (after a visit or a call).
        extensions.add(SurveyLauncher.class, 0, (id, name) -> SurveyEntryView.openFor(
                window(), context.surveys(), runner, messages, id, name, r -> { }));
        List<Feature> features = context.features();
        features.forEach(f -> f.contribute(ui));

        Label title = new Label(messages.get("app.title"));
        title.getStyleClass().add("app-title");
        VBox left = new VBox(title);
        ToggleGroup nav = new ToggleGroup();
        List<Page> all = new ArrayList<>();
        features.forEach(f -> f.page(ui).ifPresent(all::add));
        app.regulars.store.Session session = context.database().session();
        if (session.owner()) { // staff neither see the settings nor the people (decision 0033)
            all.add(settings(context, runner, messages)); // the app's own page, last
            all.add(people(context, runner, messages));
        }
        all.sort(Comparator.comparingInt(Page::position));
        for (Page page : all) {
            ToggleButton b = new ToggleButton(page.title(), new FontIcon(page.icon()));
            b.setId(page.navId());
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(nav);
            b.setOnAction(e -> {
                navigated = true;
                show(page);
                page.shownAgain();
            });
            pages.put(page, b);
            left.getChildren().add(b);
        }
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
        VBox footer = new VBox(8, importMenu(context, messages), language, themeButton);
        session.person().ifPresent(p -> footer.getChildren().add(signedIn(p, context.people(), messages)));
        footer.getStyleClass().add("nav-footer");
        left.getChildren().addAll(grow, footer);
        left.getStyleClass().add("shell-nav");
        left.setAlignment(Pos.TOP_LEFT);
        setLeft(left);
        show(home());
    }

    /**
     * "Import…": a menu of what the features import (customers, purchases, survey answers), each
     * opening the import window, and the undo of the last import.
     */
    private javafx.scene.control.MenuButton importMenu(AppContext context, Messages messages) {
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton(messages.get("import.menu"),
                new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TABLE_ARROW_LEFT));
        menu.setId("importMenu");
        menu.setMaxWidth(Double.MAX_VALUE);
        menu.setTooltip(new javafx.scene.control.Tooltip(messages.get("import.menuTip")));
        for (app.regulars.tables.MappedImport kind : extensions.all(app.regulars.tables.MappedImport.class)) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(messages.get("import.menuItem", kind.title()));
            item.setOnAction(e -> app.regulars.fx.ImportDialog.open(window(), kind, runner, messages, this::dataChanged));
            menu.getItems().add(item);
        }
        app.regulars.customer.ImportUndoService undo = context.services().find(app.regulars.customer.ImportUndoService.class).orElse(null);
        if (undo != null && !menu.getItems().isEmpty()) {
            javafx.scene.control.MenuItem undoLast = new javafx.scene.control.MenuItem(messages.get("import.undo.menu"),
                    new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignU.UNDO));
            undoLast.setId("importUndoLast");
            undoLast.setOnAction(e -> undoLastImport(undo, messages));
            menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), undoLast);
        }
        menu.setVisible(!menu.getItems().isEmpty());
        menu.setManaged(menu.isVisible());
        return menu;
    }

    /**
     * The undo of the last import from the menu: says what it was and asks first; says what was
     * done, or why nothing was (something changed its customers since), or that there is none.
     */
    private void undoLastImport(app.regulars.customer.ImportUndoService undo, Messages messages) {
        runner.run(undo::last, last -> {
            if (last.isEmpty() || last.get().undone()) {
                tell(last.isEmpty() ? messages.get("import.undo.nothing") : messages.get("import.undo.already", last.get().shortName()));
                return;
            }
            app.regulars.customer.ImportUndoService.LastImport l = last.get();
            String when = new app.regulars.i18n.Formats(messages).dateTime(l.at());
            String question = l.kind() == app.regulars.customer.ImportRepository.Kind.PURCHASES
                    ? messages.get("import.undo.confirmPurchases", l.shortName(), when, l.added())
                    : messages.get("import.undo.confirmCustomers", l.shortName(), when, l.added(), l.updated());
            javafx.scene.control.ButtonType go = new javafx.scene.control.ButtonType(messages.get("import.undo.button"),
                    javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
            javafx.scene.control.ButtonType keep = new javafx.scene.control.ButtonType(messages.get("common.cancel"),
                    javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
            javafx.scene.control.Alert confirm = app.regulars.fx.Windows.dialog(window(),
                    new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, question, go, keep));
            confirm.setHeaderText(null);
            if (confirm.showAndWait().filter(go::equals).isPresent()) {
                runner.run(undo::undoLast, outcome -> {
                    if (outcome.done()) {
                        dataChanged();
                    }
                    tell(outcome.describe(messages));
                }, error -> tell(messages.describe(error)));
            }
        }, error -> tell(messages.describe(error)));
    }

    private void tell(String text) {
        javafx.scene.control.Alert alert = app.regulars.fx.Windows.dialog(window(),
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, text));
        alert.setHeaderText(null);
        alert.getDialogPane().setId("importUndoOutcome");
        alert.show();
    }

    /** Settings: the password, the backups, everything in one file (the app's own page, not a feature's: all are of the whole store). */
    private static Page settings(AppContext context, TaskRunner runner, Messages messages) {
        app.regulars.feature.Lazy<app.regulars.app.settings.BackupsPage> page = new app.regulars.feature.Lazy<>(() ->
                new app.regulars.app.settings.BackupsPage(new app.regulars.app.settings.BackupsViewModel(context, runner, messages,
                        context.services().get(java.time.Clock.class)), messages,
                        storeAndSecurity(context, messages),
                        new app.regulars.app.settings.ArchiveSection(new app.regulars.app.settings.ArchiveViewModel(context, runner, messages,
                                context.services().get(java.time.Clock.class)), messages)));
        return new Page() {
            @Override
            public String navId() {
                return "navSettings";
            }

            @Override
            public String title() {
                return messages.get("nav.settings");
            }

            @Override
            public org.kordamp.ikonli.Ikon icon() {
                return org.kordamp.ikonli.materialdesign2.MaterialDesignC.COG_OUTLINE;
            }

            @Override
            public javafx.scene.Node node() {
                return page.get();
            }

            @Override
            public void refresh() {
                page.ifMade(app.regulars.app.settings.BackupsPage::reload);
            }

            @Override
            public int position() {
                return 1000;
            }
        };
    }

    /** What the window does when the person signs out (the window's sign-in again). */
    private Runnable signOut = () -> { };

    public void onSignOut(Runnable signOut) {
        this.signOut = signOut;
    }

    /** Who is signed in, as what, My PIN… and Sign out (decision 0033). */
    private javafx.scene.Node signedIn(app.regulars.store.Person p, app.regulars.store.People people, Messages messages) {
        Label who = new Label(messages.get("people.signedIn", p.name(), messages.get("people.role." + p.role().name())));
        who.setId("signedInAs");
        who.setWrapText(true);
        who.getStyleClass().add("muted");
        Button out = new Button(messages.get("people.signOut"), new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignL.LOGOUT));
        out.setId("signOut");
        out.setMaxWidth(Double.MAX_VALUE);
        out.setOnAction(e -> signOut.run());
        Button pin = new Button(messages.get("people.myPin"), new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignK.KEY_VARIANT));
        pin.setId("myPin");
        pin.setMaxWidth(Double.MAX_VALUE);
        pin.setOnAction(e -> app.regulars.app.people.OwnPinDialog.show(pin, people, runner, messages));
        return new VBox(4, who, pin, out);
    }

    /** People: the owner's page of who signs in (decision 0033); in a shop without people, where they are turned on. */
    private static Page people(AppContext context, TaskRunner runner, Messages messages) {
        app.regulars.feature.Lazy<app.regulars.app.people.PeoplePage> page = new app.regulars.feature.Lazy<>(() ->
                new app.regulars.app.people.PeoplePage(new app.regulars.app.people.PeopleViewModel(context.people(), runner, messages), messages));
        return new Page() {
            @Override
            public String navId() {
                return "navPeople";
            }

            @Override
            public String title() {
                return messages.get("nav.people");
            }

            @Override
            public org.kordamp.ikonli.Ikon icon() {
                return org.kordamp.ikonli.materialdesign2.MaterialDesignA.ACCOUNT_KEY_OUTLINE;
            }

            @Override
            public javafx.scene.Node node() {
                return page.get();
            }

            @Override
            public void refresh() {
                page.ifMade(app.regulars.app.people.PeoplePage::reload);
            }

            @Override
            public int position() {
                return 990;
            }
        };
    }

    /** Where the data lives, then the password over the data file (not for a shared store: TLS to the server instead). */
    private static javafx.scene.Node storeAndSecurity(AppContext context, Messages messages) {
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(24, new app.regulars.app.settings.StoreSection(context, messages));
        if (context.database().engine() == app.regulars.store.Database.Engine.H2_FILE) {
            box.getChildren().add(new app.regulars.app.settings.SecuritySection(new app.regulars.app.settings.SecurityViewModel(context, messages), messages));
        }
        return box;
    }

    /** The page the window opens on: the one that says it is home, else the first. */
    private Page home() {
        return pages.keySet().stream().filter(Page::home).findFirst().orElse(pages.keySet().iterator().next());
    }

    private void show(Page page) {
        shown = page;
        pages.get(page).setSelected(true);
        setCenter(page.node());
        if (stale.remove(page)) {
            page.refresh();
        }
    }

    /**
     * Another computer changed customers of the shared store (live refresh, decision 0034): the page
     * on screen reloads what it shows (the list its page of rows, the calendar its month, the Members
     * page its rows), the others when shown.
     */
    public void changedElsewhere(app.regulars.store.StoreChanges.Changes changes) {
        if (changes.any()) {
            dataChanged();
        }
    }

    /** Something changed the data (a purchase from Ctrl+P): the page on screen reloads, the others when shown. */
    private void dataChanged() {
        stale.addAll(pages.keySet());
        stale.remove(shown);
        shown.refresh();
    }

    /** Shows the page with this navigation id, as if the user had clicked its button; an unknown id does nothing. */
    private void navigate(String navId) {
        pages.keySet().stream().filter(p -> p.navId().equals(navId)).findFirst().ifPresent(page -> {
            navigated = true;
            show(page);
        });
    }

    private Window window() {
        return Windows.windowOf(this);
    }

    /**
     * Once the day's jobs have run: opens the first page that asks to be opened first (the
     * calendar, when something is due today), unless the user has already gone somewhere.
     */
    public void openStartPage() {
        List<Page> candidates = List.copyOf(pages.keySet());
        runner.run(() -> candidates.stream().filter(Page::opensFirst).findFirst(), first -> first.ifPresent(page -> {
            if (!navigated && shown == home()) {
                show(page);
                page.refresh();
            }
        }), e -> { });
    }

    /** Every page's and feature's shortcuts, working wherever the focus is in the window. */
    public void installShortcuts(Scene scene) {
        pages.keySet().forEach(p -> p.installShortcuts(scene));
        for (Shortcut s : extensions.all(Shortcut.class)) {
            scene.getAccelerators().put(s.keys(), s.action());
        }
    }

    /** The page whose content is of {@code type} (for tests and the window's own use). */
    public <T> T page(Class<T> type) {
        return pages.keySet().stream().map(Page::node).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No page " + type.getSimpleName()));
    }
}

package app.regulars.app;

import app.regulars.fx.AppFonts;
import app.regulars.fx.DateFields;
import app.regulars.fx.FxTaskRunner;
import app.regulars.fx.Milestones;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;

import app.regulars.app.demo.SampleShop;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.i18n.Messages;
import app.regulars.app.onboarding.FirstStartView;
import app.regulars.app.onboarding.FirstStartViewModel;
import app.regulars.app.onboarding.SampleFiller;
import app.regulars.store.Encryption;
import app.regulars.store.Password;
import app.regulars.store.Settings;
import app.regulars.i18n.UserException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The JavaFX application: opens the data folder's store in the background, then shows the
 * first-start screen (a new, empty folder) or the shell. A locked or unreadable store is a
 * message, never a stack trace.
 */
public final class RegularsApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(RegularsApp.class);
    /**
     * {@code -Dregulars.exitAt=MILESTONE} ({@code first-rows}, {@code day-started}, ... of
     * {@link Milestones}): the window closes itself once that moment of the start is reached. For
     * the installers' training run of the ahead-of-time cache and their smoke test
     * (installer/README.md).
     */
    public static final String EXIT_AT = "regulars.exitAt";
    /** Handed over from {@link #launch(Path)}: JavaFX creates the Application itself. */
    private static volatile Path dataDirectory;
    /** The shared store the command line asked for ({@code --db-url}, {@code REGULARS_DB_URL}); null: the data folder's choice. */
    private static volatile app.regulars.store.ServerAddress commandLineServer;
    /** Where a shared store's password is kept; the system's unless a test gives its own. */
    private static volatile java.util.function.Supplier<app.regulars.app.team.CredentialStore> credentialStores =
            app.regulars.app.team.SystemCredentialStore::open;

    private final FxTaskRunner runner = new FxTaskRunner();
    private Stage stage;
    private Scene scene;
    private AppContext context;
    private Messages messages;
    private Theme theme = Theme.LIGHT;
    /** Whether the start-of-day jobs have run since the store opened. */
    private boolean dayStarted;
    /** The password the data was opened with (docs/decisions/0022-encryption.md); NONE when it is not encrypted. */
    private volatile Password password = Password.NONE;

    public static void launch(Path dataDir) {
        launch(dataDir, null);
    }

    /** The window on {@code server} ({@code --db-url}), or on the data folder's choice of store when it is null. */
    public static void launch(Path dataDir, app.regulars.store.ServerAddress server) {
        dataDirectory = dataDir;
        commandLineServer = server;
        // the memory pools' management classes load in some 20 ms: not on the way to the first rows (decision 0042)
        Thread.ofPlatform().name("regulars-heap-ceiling").daemon().start(app.regulars.fx.HeapCeiling::install);
        AppFonts.prepareInBackground(); // while JavaFX starts: the fonts for Chinese where the system has none
        // This computer's file opens on a thread of its own while JavaFX starts, the list's first
        // page read with it: the window comes a little later, the first rows sooner (decision 0037).
        early = server == null && !"false".equalsIgnoreCase(System.getProperty(OPEN_EARLY))
                ? EarlyOpen.start(dataDir, dir -> open(dir, Password.NONE), RegularsApp::readAhead).orElse(null) : null;
        Application.launch(RegularsApp.class);
    }

    /** {@code -Dregulars.openEarly=false}: the store opens once the window is shown, as before decision 0037. */
    static final String OPEN_EARLY = "regulars.openEarly";
    /** The file opening while JavaFX starts ({@link #launch}), until {@link #openLocal} takes it; null when there is none. */
    private static volatile EarlyOpen<Opened> early;

    /**
     * The customer list's first page, read on the thread that opened the store once the window has
     * it, while the window builds its shell; the list waits for it rather than reading it again.
     */
    private static Runnable readAhead(Opened opened) {
        return opened.firstStart() ? () -> { } : app.regulars.customer.CustomerListViewModel.readAheadFirstPage(opened.context().customers());
    }

    /** The data folder of an application that tests start themselves (not through {@link #launch}). */
    static void useDataDirectory(Path dataDir) {
        dataDirectory = dataDir;
        commandLineServer = null;
    }

    /** The shared store and the credential store of an application that tests start themselves. */
    static void useServer(app.regulars.store.ServerAddress server, app.regulars.app.team.CredentialStore credentials) {
        commandLineServer = server;
        credentialStores = () -> credentials;
    }

    /** The credential store of an application that tests start themselves. */
    static void useCredentialStore(app.regulars.app.team.CredentialStore credentials) {
        credentialStores = () -> credentials;
    }

    private record Opened(AppContext context, Locale locale, Theme theme, boolean firstStart) {
    }

    private static Opened open(Path dir, Password password) {
        AppContext ctx = AppContext.open(dir, password);
        ctx.automaticBackups(true);
        return opened(ctx);
    }

    /** A shared store: no automatic backups (the server's own back it up), this computer's folder for the log only. */
    private static Opened openShared(app.regulars.store.ServerAddress server, Password password, Path dir) {
        return opened(AppContext.open(server, password, dir, java.time.Clock.systemDefaultZone(), Locale.getDefault()));
    }

    private static Opened opened(AppContext ctx) {
        Settings settings = ctx.settings();
        Locale locale = settings.get(Settings.LANGUAGE).map(Locale::forLanguageTag).orElse(Locale.getDefault(Locale.Category.DISPLAY));
        Theme chosen = Theme.parse(settings.get(Settings.THEME).orElse("LIGHT"));
        boolean first = settings.get(Settings.ONBOARDED).isEmpty() && ctx.customers().isEmpty();
        return new Opened(ctx, locale, chosen, first);
    }

    @Override
    public void start(Stage primaryStage) {
        // Before the first control: a control's class loads JavaFX's own stylesheet (Modena) when none is set yet.
        theme.apply(null);
        AppFonts.prepareWindows(); // waits for the fonts: before the first Label makes a font
        this.stage = primaryStage;
        messages = Messages.forSystem();
        javafx.scene.control.Label opening = new javafx.scene.control.Label(messages.get("app.opening"));
        opening.setWrapText(true);
        opening.setMaxWidth(480);
        javafx.scene.layout.VBox waiting = new javafx.scene.layout.VBox(16, new ProgressIndicator(), opening);
        waiting.setAlignment(javafx.geometry.Pos.CENTER);
        scene = new Scene(new StackPane(waiting), 1280, 800);
        theme.apply(scene);
        stage.setTitle(messages.get("app.title"));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
        Milestones.reach(Milestones.WINDOW);
        String exitAt = System.getProperty(EXIT_AT, "");
        if (!exitAt.isBlank()) {
            Milestones.whenReached(exitAt.strip(), () -> Platform.runLater(Platform::exit));
        }
        Path dir = dataDirectory;
        openChosen(dir);
        JarTimes.restoreInBackground(); // the installed app's cache, for the next start (Windows, macOS)
    }

    /**
     * Opens the store chosen for {@code dir} (docs/decisions/0034-the-window-on-a-shared-store.md):
     * the command line's server, else the folder's {@link app.regulars.app.team.StoreChoice}; a new
     * folder without a choice asks where the data lives first, a folder from before team mode (its
     * file there) is the file.
     */
    private void openChosen(Path dir) {
        if (commandLineServer != null) {
            openServer(dir, commandLineServer);
            return;
        }
        java.util.Optional<app.regulars.app.team.StoreChoice> chosen = app.regulars.app.team.StoreChoice.read(dir);
        if (chosen.isPresent() && chosen.get().shared()) {
            openServer(dir, chosen.get().server().orElseThrow());
        } else if (chosen.isEmpty() && !localFileExists(dir)) {
            showStoreChoice(dir, app.regulars.app.team.StoreChoice.LOCAL);
        } else {
            openLocal(dir);
        }
    }

    static boolean localFileExists(Path dir) {
        return java.nio.file.Files.exists(dir.resolve(app.regulars.store.Database.FILE_NAME + ".mv.db")) || Encryption.encrypted(dir);
    }

    /** This computer's file in {@code dir}: its password first when it is encrypted. */
    private void openLocal(Path dir) {
        if (Encryption.encrypted(dir)) {
            showUnlock(dir, null); // the password first: nothing of the data can be read without it
        } else {
            showOpening(dir);
            EarlyOpen<Opened> opening = early;
            early = null;
            if (opening != null && opening.isFor(dir)) {
                runner.run(opening::take, this::opened, this::failedToOpen);
                return;
            }
            runner.run(() -> open(dir, Password.NONE), this::opened, this::failedToOpen);
        }
    }

    /** Where the data lives, asked at the first start (and after a server that could not be opened: "Change the server"). */
    private void showStoreChoice(Path dir, app.regulars.app.team.StoreChoice shown) {
        app.regulars.app.team.StoreForm form = new app.regulars.app.team.StoreForm(messages);
        form.load(shown);
        javafx.scene.control.Label title = new javafx.scene.control.Label(messages.get("store.choice.welcome"));
        title.getStyleClass().add("title");
        javafx.scene.control.Label intro = new javafx.scene.control.Label(messages.get("store.choice.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().add("muted");
        app.regulars.app.team.StoreChoiceView view = new app.regulars.app.team.StoreChoiceView(form, messages,
                messages.get("store.choice.continue"), choice -> {
                    if (choice.shared()) {
                        openServer(dir, choice.server().orElseThrow()); // the choice is kept once the server opened
                    } else {
                        keepChoice(dir, choice);
                        openLocal(dir);
                    }
                });
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(16, title, intro, view);
        box.setMaxWidth(720);
        box.setPadding(new javafx.geometry.Insets(32));
        box.setId("storeChoiceScreen");
        box.getStyleClass().add("store-screen");
        box.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        scene.setRoot(new StackPane(box));
    }

    private static void keepChoice(Path dir, app.regulars.app.team.StoreChoice choice) {
        try {
            app.regulars.store.DataDirectory.create(dir);
            choice.write(dir);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("The choice of store could not be kept in {}", dir, e);
        }
    }

    private app.regulars.app.team.CredentialStore credentials;

    /** The credential store, looked for once (on a worker: reaching the system's may take a moment). */
    private synchronized app.regulars.app.team.CredentialStore credentials() {
        app.regulars.app.team.CredentialStore c = credentials;
        if (c == null) {
            c = credentialStores.get();
            credentials = c;
        }
        return c;
    }

    /**
     * Opens the shared store at {@code server}: with the password kept on this computer, or none;
     * the password screen when the server wants one, the reason with Retry, this computer's file
     * or another server when it cannot be opened. The choice is kept in {@code dir} once it opened
     * (not when the command line gave it).
     */
    private void openServer(Path dir, app.regulars.store.ServerAddress server) {
        showWaiting(messages.get("store.connecting", server.toString()));
        runner.run(() -> app.regulars.app.team.ServerSignIn.kept(server, credentials(), pw -> openShared(server, pw, dir)),
                opened -> openedShared(dir, server, opened),
                e -> serverFailed(dir, server, e));
    }

    private void openedShared(Path dir, app.regulars.store.ServerAddress server, Opened opened) {
        if (commandLineServer == null) {
            keepChoice(dir, app.regulars.app.team.StoreChoice.server(server));
        }
        opened(opened);
    }

    private void serverFailed(Path dir, app.regulars.store.ServerAddress server, Throwable e) {
        if (app.regulars.app.team.ServerSignIn.asksPassword(e)) {
            boolean refused = ((UserException) e).key().equals("store.server.signInRefused");
            showSignIn(dir, server, refused ? messages.describe(e) : null);
            return;
        }
        LOG.warn("Could not open the shared store {}", server, e);
        scene.setRoot(new StackPane(new app.regulars.app.team.ServerProblemView(messages, server, messages.describe(e),
                () -> openServer(dir, server),
                () -> openLocalInstead(dir),
                () -> showStoreChoice(dir, app.regulars.app.team.StoreChoice.server(server)))));
    }

    /** This computer's own file, opened on its own: nothing of it goes to the server, the kept choice stays the server. */
    private void openLocalInstead(Path dir) {
        commandLineServer = null;
        openLocal(dir);
    }

    private void showSignIn(Path dir, app.regulars.store.ServerAddress server, String problem) {
        runner.run(() -> credentials().available(), canRemember -> scene.setRoot(new StackPane(
                new app.regulars.app.team.SignInView(messages, server, canRemember, problem, new app.regulars.app.team.SignInView.Actions() {
                    @Override
                    public void signIn(char[] password, boolean remember) {
                        showWaiting(messages.get("store.connecting", server.toString()));
                        runner.run(() -> app.regulars.app.team.ServerSignIn.typed(server, credentials(), password, remember,
                                        pw -> openShared(server, pw, dir)),
                                opened -> openedShared(dir, server, opened),
                                e -> serverFailed(dir, server, e));
                    }

                    @Override
                    public void useLocalFile() {
                        openLocalInstead(dir);
                    }

                    @Override
                    public void changeServer() {
                        showStoreChoice(dir, app.regulars.app.team.StoreChoice.server(server));
                    }
                }))), this::failedToOpen);
    }

    /**
     * Switches to {@code choice} from Settings › Where the data lives: the store closes, the other
     * one opens (nothing is copied: {@code regulars store copy} does that).
     */
    private void switchStore(app.regulars.app.team.StoreChoice choice) {
        Path dir = dataDirectory;
        AppContext closing = context;
        stopLiveRefresh();
        showWaiting(messages.get("app.opening"));
        runner.run(() -> {
            closing.close();
            context = null;
            return null;
        }, closed -> {
            commandLineServer = null;
            dayStarted = false;
            if (choice.shared()) {
                openServer(dir, choice.server().orElseThrow());
            } else {
                keepChoice(dir, choice);
                openLocal(dir);
            }
        }, this::failedToOpen);
    }

    /** The password prompt; {@code problem} (a wrong password) under the field. */
    private void showUnlock(Path dir, String problem) {
        scene.setRoot(new UnlockView(messages, dir, problem, typed -> {
            showOpening(dir);
            runner.run(() -> open(dir, typed), opened -> {
                password = typed;
                opened(opened);
            }, e -> {
                if (e instanceof UserException u && u.key().equals("store.error.wrongPassword")) {
                    showUnlock(dir, messages.describe(e));
                } else {
                    failedToOpen(e);
                }
            });
        }));
    }

    private javafx.scene.control.Label showWaiting(String text) {
        javafx.scene.control.Label label = new javafx.scene.control.Label(text);
        label.setId("waitingText");
        label.setWrapText(true);
        label.setMaxWidth(480);
        javafx.scene.layout.VBox waiting = new javafx.scene.layout.VBox(16, new ProgressIndicator(), label);
        waiting.setAlignment(javafx.geometry.Pos.CENTER);
        scene.setRoot(new StackPane(waiting));
        return label;
    }

    /**
     * The waiting screen while this computer's file in {@code dir} opens; it says so when another
     * Regulars is still closing the folder (its backup at close can take a minute at 100,000
     * customers), which the open waits for.
     */
    private void showOpening(Path dir) {
        javafx.scene.control.Label label = showWaiting(messages.get("app.opening"));
        runner.run(() -> app.regulars.store.Database.closingElsewhere(dir), closing -> {
            if (closing) {
                label.setText(messages.get("app.openingAfterClose"));
            }
        }, e -> LOG.debug("closing marker", e));
    }

    /** The poller of a shared store's changes (null on the file); the shell on screen, that it refreshes. */
    private LiveRefresh live;
    private Shell shell;

    private void opened(Opened opened) {
        Milestones.reach(Milestones.STORE_OPEN);
        context = opened.context();
        stopLiveRefresh();
        if (context.database().engine() != app.regulars.store.Database.Engine.H2_FILE) {
            live = LiveRefresh.start(context, Platform::runLater, changes -> {
                if (shell != null && scene.getRoot() == shell) {
                    shell.changedElsewhere(changes);
                }
            });
        }
        context.onRestore(this::restoreFrom);
        context.onProtectionChange(this::changeProtection);
        context.onStoreSwitch(this::switchStore);
        messages = new Messages(opened.locale());
        DateFields.useAppLanguage(messages.locale());
        theme = opened.theme();
        theme.apply(scene);
        stage.setTitle(messages.get("app.window", context.database().where()));
        signInThen(opened.firstStart() ? this::showWelcome : this::showShell);
    }

    /**
     * In team mode (a shared store, or one with people: decision 0033) the name and PIN first, or the
     * owner making themself on a store with nobody yet; then {@code next}. Otherwise {@code next} at once.
     */
    private void signInThen(Runnable next) {
        app.regulars.store.People people = context.people();
        if (!people.teamMode() || people.session().person().isPresent()) {
            next.run();
            return;
        }
        boolean first = !people.session().peopleExist();
        String store = context.database().engine() == app.regulars.store.Database.Engine.POSTGRESQL
                ? context.database().server().map(String::valueOf).orElse("") : context.database().directory().toString();
        scene.setRoot(new app.regulars.app.people.SignInView(new app.regulars.app.people.SignInViewModel(people, first, runner, messages,
                p -> next.run()), messages, store));
    }

    /** Signs the person out: the sign-in again, then the shell as the next person may see it. */
    private void signOut() {
        context.people().session().signOut();
        signInThen(this::showShell);
    }

    private void showWelcome() {
        FirstStartViewModel vm = new FirstStartViewModel(context.settings(), sampleFiller(context),
                new CustomerCsvImporter(context.customers(), app.regulars.customer.ConsentSource.IMPORT, messages),
                context.services().get(app.regulars.customer.ImportUndoService.class), runner, messages, this::showShell);
        scene.setRoot(new FirstStartView(vm, messages, locale -> {
            useLanguage(locale);
            showWelcome();
        }, context.database().engine() == app.regulars.store.Database.Engine.H2_FILE
                ? new app.regulars.app.settings.SecuritySection(new app.regulars.app.settings.SecurityViewModel(context, messages), messages)
                : null)); // a password over a file: not for a shared store (TLS to the server instead)
    }

    static SampleFiller sampleFiller(AppContext context) {
        return (n, progress, cancelled) -> {
            SampleShop shop = new SampleShop(System.currentTimeMillis(), context.customers().today());
            // customers, then purchases, contacts, follow-ups, survey answers and complaints: one all-or-nothing unit
            return shop.fillShop(context, n, done -> progress.update(done, n), cancelled, saved -> {
                shop.fillPurchases(context.membership(), (done, all) -> { }, cancelled);
                shop.fillStory(context, (done, all) -> { }, cancelled);
                return saved;
            });
        };
    }

    private void failedToOpen(Throwable e) {
        LOG.error("Could not open {}", dataDirectory, e);
        Alert alert = Windows.dialog(stage, new Alert(Alert.AlertType.ERROR, messages.describe(e)));
        alert.setHeaderText(messages.get("app.openFailed"));
        alert.showAndWait();
        Platform.exit();
    }

    private void stopLiveRefresh() {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    private void showShell() {
        Shell shell = new Shell(context, runner, messages, theme, this::switchLanguage, this::switchTheme);
        shell.onSignOut(this::signOut);
        this.shell = shell;
        scene.setRoot(shell);
        shell.installShortcuts(scene);
        Milestones.reach(Milestones.SHELL);
        if (dayStarted) {
            shell.openStartPage();
            return;
        }
        dayStarted = true;
        // The day's jobs take seconds of both cores at 100,000 customers: they start once the
        // customer list's first rows are on screen and its search index is built (which the
        // first rows start), one after the other rather than side by side on two cores; or
        // after a while, whatever the list does.
        AppContext ctx = context;
        Messages language = messages;
        boolean[] started = {false};
        Runnable go = () -> {
            if (!started[0]) {
                started[0] = true;
                startDay(ctx, runner, language, shell);
            }
        };
        Milestones.whenReached(Milestones.FIRST_ROWS, () -> Milestones.whenReached(Milestones.SEARCH_INDEX,
                () -> runner.onUiThread(go)));
        javafx.animation.PauseTransition fallback = new javafx.animation.PauseTransition(DAY_START_LATEST);
        fallback.setOnFinished(e -> go.run());
        fallback.play();
    }

    /** The day's jobs start at the latest this long after the shell is shown. */
    private static final javafx.util.Duration DAY_START_LATEST = javafx.util.Duration.seconds(30);

    /**
     * Runs every feature's start-of-day jobs on the background lane (the customer list's first
     * page never waits for them), then lets {@code shell} open its start page.
     */
    public static void startDay(AppContext context, TaskRunner runner, Messages messages, Shell shell) {
        runner.runInBackground(() -> {
            String backupFailed = null;
            try {
                // the day's backup first: the data as the day found it (when automatic backups are on)
                backupFailed = context.backUpForTheDay(java.time.Clock.systemDefaultZone())
                        .filter(b -> !b.verified()).map(b -> messages.get("settings.backups.autoFailed", b.problem())).orElse(null);
            } catch (RuntimeException e) {
                LOG.error("The day's backup failed", e);
                backupFailed = messages.get("settings.backups.autoFailed", messages.describe(e));
            }
            context.startOfDay(messages); // each job is safe to repeat
            return java.util.Optional.ofNullable(backupFailed);
        }, backupFailed -> {
            Milestones.reach(Milestones.DAY_STARTED);
            shell.openStartPage();
            backupFailed.ifPresent(text -> {
                // shown, not only logged: the user's data has no fresh backup
                Alert alert = Windows.dialog(Windows.windowOf(shell), new Alert(Alert.AlertType.WARNING, text));
                alert.setHeaderText(messages.get("settings.backups"));
                alert.show();
            });
        }, e -> LOG.warn("Start of the day failed", e));
    }

    /**
     * Restores the backup {@code file}: the window shows that it is restoring, the store closes,
     * the data there is backed up and replaced ({@link BackupJobs#restore}), and the store reopens
     * on the restored data. A failure is told and the window reopens on the data as it was.
     */
    private void restoreFrom(Path file) {
        Path dir = context.database().directory();
        AppContext closing = context;
        closing.automaticBackups(false); // the restore backs the data up itself
        javafx.scene.control.Label label = new javafx.scene.control.Label(messages.get("settings.backups.restoring"));
        javafx.scene.layout.VBox waiting = new javafx.scene.layout.VBox(16, new ProgressIndicator(), label);
        waiting.setAlignment(javafx.geometry.Pos.CENTER);
        scene.setRoot(new StackPane(waiting));
        runner.run(() -> {
            closing.close();
            context = null;
            try {
                BackupJobs.restore(dir, file, java.time.Clock.systemDefaultZone(), password);
                return open(dir, password);
            } catch (RuntimeException e) {
                LOG.error("Restoring {} failed", file, e);
                Opened again = open(dir, password);
                javafx.application.Platform.runLater(() -> {
                    Alert alert = Windows.dialog(stage, new Alert(Alert.AlertType.ERROR, messages.describe(e)));
                    alert.setHeaderText(messages.get("settings.backups"));
                    alert.show();
                });
                return again;
            }
        }, opened -> {
            dayStarted = false; // the day's jobs (each safe to repeat) run again, on the restored data
            opened(opened);
        }, this::failedToOpen);
    }

    /**
     * Sets, changes or removes the password ({@code change}, on the closed folder): the window says
     * so while it works, the store closes, the change runs (seconds: the file and every backup are
     * copied under the new key and checked), and the store reopens with the new password. A failure
     * (a wrong current password among them) is told and the window reopens on the data as it was.
     */
    private void changeProtection(AppContext.ProtectionChange change) {
        Path dir = context.database().directory();
        AppContext closing = context;
        closing.automaticBackups(false); // the change puts every backup under the new key: no backup at this close
        Password before = password;
        showWaiting(messages.get("security.working"));
        String[] done = new String[1];
        runner.run(() -> {
            closing.close();
            context = null;
            try {
                Password next = change.apply(dir);
                password = next;
                done[0] = messages.get(!next.given() ? "security.done.removed" : before.given() ? "security.done.changed" : "security.done.protected");
                return open(dir, next);
            } catch (RuntimeException e) {
                LOG.warn("Changing the password of {} failed", dir, e);
                done[0] = null;
                Opened again = open(dir, before);
                javafx.application.Platform.runLater(() -> {
                    Alert alert = Windows.dialog(stage, new Alert(Alert.AlertType.ERROR, messages.describe(e)));
                    alert.setHeaderText(messages.get("security.title"));
                    alert.show();
                });
                return again;
            }
        }, opened -> {
            opened(opened);
            if (done[0] != null) {
                Alert alert = Windows.dialog(stage, new Alert(Alert.AlertType.INFORMATION, done[0]));
                alert.setHeaderText(messages.get("security.title"));
                alert.getDialogPane().setId("securityDone");
                alert.show();
            }
        }, this::failedToOpen);
    }

    private void switchLanguage(Locale locale) {
        useLanguage(locale);
        showShell();
    }

    private void useLanguage(Locale locale) {
        messages = new Messages(locale);
        DateFields.useAppLanguage(messages.locale());
        stage.setTitle(messages.get("app.window", context.database().where()));
        runner.run(() -> {
            context.settings().put(Settings.LANGUAGE, messages.locale().toLanguageTag());
            return null;
        }, ok -> { }, e -> LOG.warn("Language not saved", e));
    }

    private void switchTheme(Theme newTheme) {
        theme = newTheme;
        theme.apply(scene);
        runner.run(() -> {
            context.settings().put(Settings.THEME, newTheme.name());
            return null;
        }, ok -> { }, e -> LOG.warn("Theme not saved", e));
        showShell();
    }

    /**
     * The window goes first: closing the store may then compact its file (seconds on a large
     * store grown by an import, decision 0013), which the user need not watch.
     */
    @Override
    public void stop() {
        if (stage != null) {
            stage.hide();
        }
        if (context != null) {
            // the work under way ends first (the search index, the columns: seconds at 100,000
            // customers), then the backup at close: a Regulars started meanwhile waits (decision 0041)
            context.database().closing();
        }
        stopLiveRefresh();
        runner.close();
        EarlyOpen<Opened> opening = early;
        early = null;
        if (opening != null) {
            opening.discard(o -> o.context().close()); // never shown: closed once it has opened
        }
        if (context != null) {
            context.close();
        }
    }
}

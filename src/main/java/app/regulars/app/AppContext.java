package app.regulars.app;

import app.regulars.customer.CustomerService;
import app.regulars.feature.Feature;
import app.regulars.feature.Services;
import app.regulars.followup.AutoFollowUps;
import app.regulars.followup.FollowUpService;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import app.regulars.survey.SurveyService;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The one place that opens a data folder and wires everything for it: the store's services,
 * then each feature's ({@link Features}), then the few links between features that go
 * through the app. No static singletons: a test builds exactly the context it needs.
 */
public final class AppContext implements AutoCloseable {
    private final Database database;
    private final Services services = new Services();
    private final List<Feature> features;
    /** Whether this context backs up at the start of a day and at close after a change (the window's does). */
    private volatile boolean automaticBackups;
    /**
     * {@link Database#writesToBackUp()} when the last backup was taken (the open counts as one:
     * nothing changed yet); -1 after a day's backup that failed its check, so that the close backs up.
     */
    private volatile long writesBackedUp;
    /** What the window does to restore a backup: close this context, restore, reopen (set by the window; tests set their own). */
    private volatile java.util.function.Consumer<Path> restorer = file -> {
        throw new IllegalStateException("No window to reopen after a restore");
    };

    /** The password the data was opened with ({@code Password.NONE} when it is not encrypted): a restore opens the backup with it. */
    private final app.regulars.store.Password password;

    /**
     * A change of the data's protection (a password set, changed or removed), run on the closed data
     * folder; it returns the password to reopen the data with.
     */
    @FunctionalInterface
    public interface ProtectionChange {
        app.regulars.store.Password apply(Path dataDirectory);
    }

    /** What the window does to change the protection: close this context, change it, reopen (tests set their own). */
    private volatile java.util.function.Consumer<ProtectionChange> protector = change -> {
        throw new IllegalStateException("No window to reopen after a change of password");
    };

    private AppContext(Database database, Clock clock, Locale locale, List<Feature> features, app.regulars.store.Password password) {
        this.database = database;
        this.password = password;
        this.features = features;
        services.put(Database.class, database)
                .put(Settings.class, new Settings(database))
                .put(app.regulars.store.ShopArchive.class, new app.regulars.store.ShopArchive(database)) // each feature adds its tables
                .put(Clock.class, clock)
                .put(Locale.class, locale)
                .put(Messages.class, new Messages(locale))
                .put(app.regulars.store.People.class, new app.regulars.store.People(database, clock)); // who signs in (decision 0033)
        for (Feature feature : features) {
            feature.open(services);
        }
        // A low survey score opens a complaint follow-up: surveys know only their ComplaintOpener.
        surveys().setComplaintOpener(complaintsAsFollowUps(followUps()));
        // A sample shop whose purchases or story were interrupted is deleted whole (decision 0007).
        app.regulars.app.demo.SampleShop.undoInterrupted(this);
        // What an import of everything left beside the data (decision 0026), or a store copy into this
        // folder (decision 0032): done, or never finished.
        if (!database.readOnly() && database.engine() == Database.Engine.H2_FILE) {
            ArchiveJobs.deleteScratch(database.directory());
            StoreCopies.deleteScratch(database.directory());
        }
    }

    /** A low score's complaint as a follow-up whose title is shown in the language of the moment. */
    public static app.regulars.survey.ComplaintOpener complaintsAsFollowUps(app.regulars.followup.FollowUpService followUps) {
        return (customerId, low, notes, openedAt) -> followUps.openLowScoreComplaint(customerId, low.survey().name(), low.score(),
                low.responseId(), low.title(), notes, openedAt);
    }

    /** Opens the data folder's database (a {@code UserException} if it is locked or unreadable). */
    public static AppContext open(Path dataDirectory) {
        return open(dataDirectory, Clock.systemDefaultZone(), Locale.getDefault());
    }

    public static AppContext open(Path dataDirectory, Clock clock, Locale locale) {
        return open(dataDirectory, clock, locale, app.regulars.store.Password.NONE);
    }

    /** Opens the data folder's database with {@code password} when it is encrypted (docs/decisions/0022-encryption.md). */
    public static AppContext open(Path dataDirectory, app.regulars.store.Password password) {
        return open(dataDirectory, Clock.systemDefaultZone(), Locale.getDefault(), password);
    }

    public static AppContext open(Path dataDirectory, Clock clock, Locale locale, app.regulars.store.Password password) {
        Database database = Database.open(dataDirectory, password);
        try {
            return new AppContext(database, clock, locale, Features.create(), password);
        } catch (RuntimeException e) {
            database.close(); // a feature that failed to open (a full disk undoing an import) leaves the folder free
            throw e;
        }
    }

    /**
     * Opens the shared store at {@code server} (team mode, docs/decisions/0030-two-engines.md),
     * signing in with {@code serverPassword}; {@code localDirectory} is this computer's data folder,
     * which holds the log and nothing of the data.
     */
    public static AppContext open(app.regulars.store.ServerAddress server, app.regulars.store.Password serverPassword,
                                  Path localDirectory, Clock clock, Locale locale) {
        Database database = Database.connect(server, serverPassword, localDirectory);
        try {
            return new AppContext(database, clock, locale, Features.create(), app.regulars.store.Password.NONE);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The context of a store opened already (a new store an import made, still open: {@link ArchiveJobs}); closes it if a feature fails to open. */
    static AppContext on(Database database, Clock clock, Locale locale, app.regulars.store.Password password) {
        try {
            return new AppContext(database, clock, locale, Features.create(), password);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Turns the automatic backups on: at the start of a day ({@link #backUpForTheDay}) and at close after a change. */
    public void automaticBackups(boolean on) {
        this.automaticBackups = on;
    }

    /**
     * The start of a day's backup when automatic backups are on and none was made today
     * (off the JavaFX thread); empty otherwise. A backup that failed its verification is returned
     * as such, for the window to say so.
     */
    public java.util.Optional<app.regulars.store.Backups.Backup> backUpForTheDay(Clock clock) {
        if (!automaticBackups) {
            return java.util.Optional.empty();
        }
        long before = database.writesToBackUp();
        java.util.Optional<app.regulars.store.Backups.Backup> made = BackupJobs.backUpForTheDay(database, clock);
        made.ifPresent(b -> writesBackedUp = b.verified() ? before : -1);
        return made;
    }

    /**
     * A backup was just taken (by hand), {@code writesToBackUp} being {@link Database#writesToBackUp()}
     * before it: the close needs none unless something changes after it.
     */
    public void backedUp(long writesToBackUp) {
        writesBackedUp = writesToBackUp;
    }

    public void onRestore(java.util.function.Consumer<Path> restorer) {
        this.restorer = restorer;
    }

    /** Restores {@code file}: the window closes this context, restores and reopens (see {@link BackupJobs#restore}). */
    public void restore(Path file) {
        database.session().requireOwner(); // decision 0033
        restorer.accept(file);
    }

    /** The password this context was opened with. */
    public app.regulars.store.Password password() {
        return password;
    }

    public void onProtectionChange(java.util.function.Consumer<ProtectionChange> protector) {
        this.protector = protector;
    }

    /** Changes the protection of the data: the window closes this context, runs {@code change} and reopens. */
    public void changeProtection(ProtectionChange change) {
        database.session().requireOwner(); // decision 0033
        protector.accept(change);
    }

    /** What the window does to open another store (Settings › Where the data lives): close this context, open that one. */
    private volatile java.util.function.Consumer<app.regulars.app.team.StoreChoice> storeSwitcher = choice -> {
        throw new IllegalStateException("No window to open another store");
    };

    public void onStoreSwitch(java.util.function.Consumer<app.regulars.app.team.StoreChoice> switcher) {
        this.storeSwitcher = switcher;
    }

    /** Opens {@code choice} in place of this store (the window closes this context first); nothing is copied. */
    public void switchStore(app.regulars.app.team.StoreChoice choice) {
        storeSwitcher.accept(choice);
    }

    /** Every feature's jobs for the start of a day (each safe to repeat); off the JavaFX thread. */
    public void startOfDay(Messages messages) {
        // each job is safe to repeat: what they change, they change again from the day's backup,
        // so a session that only looked at the data closes without a backup (decision 0041)
        database.automatically(() -> {
            for (Feature feature : features) {
                feature.startOfDay(services, messages);
            }
        });
    }

    public List<Feature> features() {
        return features;
    }

    public Services services() {
        return services;
    }

    public Database database() {
        return database;
    }

    /** The people of the store and who is signed in (decision 0033). */
    public app.regulars.store.People people() {
        return services.get(app.regulars.store.People.class);
    }

    public Settings settings() {
        return services.get(Settings.class);
    }

    public CustomerService customers() {
        return services.get(CustomerService.class);
    }

    public MembershipService membership() {
        return services.get(MembershipService.class);
    }

    public FollowUpService followUps() {
        return services.get(FollowUpService.class);
    }

    public AutoFollowUps autoFollowUps() {
        return services.get(AutoFollowUps.class);
    }

    public SurveyService surveys() {
        return services.get(SurveyService.class);
    }

    @Override
    public void close() {
        try {
            if (automaticBackups && database.writesToBackUp() != writesBackedUp) {
                database.closing(); // the backup takes up to a minute at 100,000 customers: a Regulars opening meanwhile waits
                BackupJobs.backUp(database, null, app.regulars.store.Backups.Kind.CLOSE, Clock.systemDefaultZone());
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AppContext.class).error("The backup at close failed", e);
        }
        try {
            for (Feature feature : features.reversed()) {
                feature.close();
            }
        } finally {
            database.close();
        }
    }
}

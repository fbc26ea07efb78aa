package app.regulars.app;

import app.regulars.customer.CustomerRepository;
import app.regulars.customer.CustomerService;
import app.regulars.customer.PhoneNumbers;
import app.regulars.membership.MembershipService;
import app.regulars.membership.MembershipSettings;
import app.regulars.followup.AutoFollowUps;
import app.regulars.followup.FollowUpRepository;
import app.regulars.followup.FollowUpService;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import app.regulars.i18n.Messages;
import app.regulars.survey.SurveyRepository;
import app.regulars.survey.SurveyService;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * The one place that creates and wires everything for one data folder. No static
 * singletons: a test builds exactly the context it needs.
 */
public final class AppContext implements AutoCloseable {
    private final Database database;
    private final Settings settings;
    private final CustomerService customers;
    private final MembershipService membership;
    // ---- followup ----
    private final FollowUpService followUps;
    private final AutoFollowUps autoFollowUps;
    private final SurveyService surveys;

    private AppContext(Database database, Clock clock, Locale locale) {
        this.database = database;
        this.settings = new Settings(database);
        this.customers = new CustomerService(database, new CustomerRepository(), PhoneNumbers.forLocale(locale), clock);
        this.customers.undoInterruptedFill(); // a demo or sample fill killed half-way (decision 0007)
        this.membership = new MembershipService(database, new MembershipSettings(settings, locale), clock);
        // ---- followup ----
        this.followUps = new FollowUpService(database, new FollowUpRepository(), clock);
        this.autoFollowUps = new AutoFollowUps(followUps, settings);
        // ---- survey ----
        this.surveys = new SurveyService(database, new SurveyRepository(), settings, new Messages(locale), clock);
        this.surveys.setComplaintOpener(followUps::openComplaint);
        this.surveys.ensureTemplates();
    }

    /** Opens the data folder's database (a {@code UserException} if it is locked or unreadable). */
    public static AppContext open(Path dataDirectory) {
        return open(dataDirectory, Clock.systemDefaultZone(), Locale.getDefault());
    }

    public static AppContext open(Path dataDirectory, Clock clock, Locale locale) {
        return new AppContext(Database.open(dataDirectory), clock, locale);
    }

    public Database database() {
        return database;
    }

    public Settings settings() {
        return settings;
    }

    public CustomerService customers() {
        return customers;
    }

    public MembershipService membership() {
        return membership;
    }

    // ---- followup ----
    public FollowUpService followUps() {
        return followUps;
    }

    public AutoFollowUps autoFollowUps() {
        return autoFollowUps;
    }

    public SurveyService surveys() {
        return surveys;
    }

    @Override
    public void close() {
        customers.close();
        database.close();
    }
}

package app.regulars.followup;

import app.regulars.customer.CustomerService;
import app.regulars.customer.ProfileSection;
import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Lazy;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembershipService;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Follow-ups: the contact history on a profile, the calendar (which the window opens on when
 * something is due today), automatic greetings and check-ins, the day's list and visit briefs.
 * Its one declared edge to another feature: the visit brief reads membership. What other
 * features add to the brief's summary comes through {@link BriefFacts}, found in the services.
 */
public final class FollowUpFeature implements Feature {
    /** The contacts tab comes after the purchases tab on a profile. */
    static final int SECTION_POSITION = 20;

    private FollowUpService followUps;
    private AutoFollowUps autoFollowUps;
    private Services services;

    @Override
    public void open(Services services) {
        this.services = services;
        followUps = new FollowUpService(services.get(Database.class), new FollowUpRepository(), services.get(Clock.class));
        autoFollowUps = new AutoFollowUps(followUps, services.get(Settings.class));
        services.find(app.regulars.store.People.class).ifPresent(followUps::usePeople); // owners are people (decision 0033)
        services.put(FollowUpService.class, followUps).put(AutoFollowUps.class, autoFollowUps);
        // A customer's contacts and follow-ups in their privacy requests (decision 0021).
        services.get(app.regulars.customer.PrivacyService.class).add(new FollowUpPersonalData(followUps));
        // A contact or follow-up since an import stops its undo (decision 0024).
        services.get(app.regulars.customer.CustomerService.class).addActivity(new FollowUpActivity());
        // The others' contacts and follow-ups in a merge of customers (decision 0025).
        services.get(app.regulars.customer.MergeService.class).add(new FollowUpMerge(new FollowUpRepository()));
        // Its files in the shop's export (decision 0026).
        services.get(app.regulars.store.ShopArchive.class).add(new app.regulars.store.ShopArchive.Part("followup", FollowUpRepository.archiveTables()));
    }

    /** Birthday and holiday greetings and cadence check-ins: idempotent, safe on every start. */
    @Override
    public void startOfDay(Services services, Messages messages) {
        autoFollowUps.generate(messages);
    }

    @Override
    public void contribute(Ui ui) {
        ui.extensions().add(ProfileSection.class, SECTION_POSITION, ProfileSection.lazy(() -> {
            ContactsSection contacts = new ContactsSection(followUps, services.get(CustomerService.class),
                    services.get(MembershipService.class), services.find(BriefFacts.class).orElse(null), ui.runner(), ui.messages());
            ui.extensions().one(SurveyLauncher.class).ifPresent(contacts::setSurveyLauncher);
            return contacts;
        }));
    }

    @Override
    public Optional<Page> page(Ui ui) {
        // Built when first shown (Lazy): the customer list's first rows never wait for it.
        Lazy<CalendarPage> calendar = new Lazy<>(() -> {
            CalendarPage made = new CalendarPage(new CalendarViewModel(followUps, services.get(CustomerService.class), ui.runner(),
                    ui.messages()), ui.messages(), reports(services, ui.messages()), ui.runner());
            ui.extensions().one(SurveyLauncher.class).ifPresent(made.viewModel()::setSurveyLauncher);
            if (services.get(Database.class).session().owner()) { // the owner's (decision 0033)
                made.enableAutoSettings(new AutoSettingsViewModel(autoFollowUps, services.get(Settings.class), ui.runner(), ui.messages()));
            }
            return made;
        });
        return Optional.of(new Page() {
            @Override
            public String navId() {
                return "navCalendar";
            }

            @Override
            public String title() {
                return ui.messages().get("nav.calendar");
            }

            @Override
            public Ikon icon() {
                return MaterialDesignC.CALENDAR_MONTH;
            }

            @Override
            public Node node() {
                return calendar.get();
            }

            @Override
            public void refresh() {
                calendar.get().viewModel().load();
            }

            @Override
            public boolean opensFirst() {
                return followUps.anyDueByTonight();
            }
        });
    }

    /**
     * The day's list and the visit briefs, in the language of {@code messages}; the briefs carry
     * what a feature opened after this one put in the services as {@link BriefFacts}.
     */
    static FollowUpReports reports(Services services, Messages messages) {
        return new FollowUpReports(services.get(FollowUpService.class), services.get(CustomerService.class),
                services.get(MembershipService.class), services.find(BriefFacts.class).orElse(null), messages);
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(FollowupsCommand.class, BriefCommand.class), List.of(), List.of(ExportFollowupsCommand.class));
    }
}

package app.regulars.survey;

import app.regulars.customer.CustomerService;
import app.regulars.customer.ProfileSection;
import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Lazy;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Satisfaction surveys: templates, answers, NPS and CSAT results; a low score opens a complaint. */
public final class SurveyFeature implements Feature {
    /** The answers tab comes last among the tabs other features add to a profile. */
    static final int SECTION_POSITION = 30;

    private SurveyService surveys;
    private CustomerService customers;

    @Override
    public void open(Services services) {
        customers = services.get(CustomerService.class);
        surveys = new SurveyService(services.get(Database.class), new SurveyRepository(), services.get(Settings.class),
                new Messages(services.get(Locale.class)), services.get(Clock.class));
        surveys.ensureTemplates();
        services.put(SurveyService.class, surveys);
        // A customer's survey answers in their privacy requests (decision 0021).
        services.get(app.regulars.customer.PrivacyService.class).add(new SurveyPersonalData(services.get(Database.class), new SurveyRepository()));
        customers.addActivity(new SurveyActivity()); // a survey answer since an import stops its undo (decision 0024)
        // The others' survey answers in a merge of customers (decision 0025).
        services.get(app.regulars.customer.MergeService.class).add(new SurveyMerge(new SurveyRepository()));
        // Its files in the shop's export (decision 0026).
        services.get(app.regulars.store.ShopArchive.class).add(new app.regulars.store.ShopArchive.Part("survey", SurveyRepository.archiveTables()));
    }

    @Override
    public void contribute(Ui ui) {
        ui.extensions().add(app.regulars.tables.MappedImport.class, SECTION_POSITION, new ResponseImport(surveys, ui.messages()));
        ui.extensions().add(ProfileSection.class, SECTION_POSITION,
                ProfileSection.lazy(() -> new SurveysSection(surveys, ui.runner(), ui.messages())));
    }

    @Override
    public Optional<Page> page(Ui ui) {
        // Built when first shown (it loads its figures as it is built); its shortcut is installed then.
        Scene[] window = {null};
        Lazy<SurveysPage> page = new Lazy<>(() -> {
            SurveysPage made = new SurveysPage(new SurveyResultsViewModel(surveys, ui.runner(), ui.messages(), customers::tagsInUse),
                    ui.runner(), ui.messages());
            if (window[0] != null) {
                made.installShortcuts(window[0]);
            }
            return made;
        });
        return Optional.of(new Page() {
            @Override
            public String navId() {
                return "navSurveys";
            }

            @Override
            public String title() {
                return ui.messages().get("nav.surveys");
            }

            @Override
            public Ikon icon() {
                return MaterialDesignC.CLIPBOARD_CHECK_OUTLINE;
            }

            @Override
            public Node node() {
                return page.get();
            }

            @Override
            public void refresh() {
                page.get().reload();
            }

            /** The page's shortcut only acts while it is shown: installed when the page is built. */
            @Override
            public void installShortcuts(Scene scene) {
                window[0] = scene;
                page.ifMade(p -> p.installShortcuts(scene));
            }
        });
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(SurveyCommands.SurveysCommand.class, SurveyCommands.SurveyCommand.class),
                List.of(SurveyCommands.ImportResponses.class), List.of(SurveyCommands.ExportResponses.class));
    }
}

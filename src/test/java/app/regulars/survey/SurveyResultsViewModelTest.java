package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The results page's view model with a synchronous runner: figures, filters, the printable table. */
class SurveyResultsViewModelTest {
    @TempDir
    Path dir;
    AppContext ctx;
    SurveyResultsViewModel vm;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("store"));
        TestStores.addKnownCustomers(ctx.customers());
        SurveyService s = ctx.surveys();
        s.setComplaintOpener((c, t, n, at) -> -1);
        Survey nps = s.get(1);
        long xiaoming = ctx.customers().byCode("000001").orElseThrow().id();
        int[] scores = {10, 9, 3};
        LocalDate[] dates = {LocalDate.of(2026, 3, 1), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1)};
        for (int i = 0; i < scores.length; i++) {
            s.saveResponse(new NewResponse(1, i == 2 ? xiaoming : null, null, ResponseChannel.PHONE, dates[i],
                    List.of(Answer.score(nps.questions().get(0).id(), scores[i]), Answer.text(nps.questions().get(1).id(), i == 2 ? "rude" : null))));
        }
        vm = new SurveyResultsViewModel(s, new SyncTaskRunner(), new Messages(Locale.ENGLISH), ctx.customers()::tagsInUse);
        vm.load();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void figuresFollowThePeriodAndTheFilters() {
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Net Promoter Score (NPS)");
        // This year by default: 10 9 3 -> 2 promoters, 1 detractor of 3 -> 33.3
        assertThat(vm.resultsProperty().get().nps()).isCloseTo(100.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        vm.fromProperty().set(LocalDate.of(2026, 10, 1));
        assertThat(vm.resultsProperty().get().responses()).isEqualTo(2);
        assertThat(vm.resultsProperty().get().nps()).isEqualTo(0.0);
        vm.commentsOnlyProperty().set(true);
        assertThat(vm.responses()).singleElement().satisfies(r -> assertThat(r.comment()).isEqualTo("rude"));
        vm.tagProperty().set("VIP");
        assertThat(vm.resultsProperty().get().responses()).isEqualTo(1);
        vm.toProperty().set(LocalDate.of(2026, 9, 1));
        assertThat(vm.errorProperty().get()).isEqualTo("The period's start is after its end.");
    }

    @Test
    void printableTableCarriesTheFiguresAndTheListedResponses() throws java.io.IOException {
        Table t = vm.resultsTable();
        assertThat(t.title()).isEqualTo("Net Promoter Score (NPS)");
        assertThat(t.subtitle()).contains("Responses: 3", "NPS: 33.3 (promoters 2, passives 0, detractors 1)");
        assertThat(t.rows()).hasSize(3);
        assertThat(t.rows().getFirst()).containsExactly(LocalDate.of(2026, 11, 1), "王小明 (000001)", 3, "Phone call", "rude");
        Path pdf = dir.resolve("results.pdf");
        new TableExport(new Messages(Locale.ENGLISH)).write(t, TableExport.Format.PDF, pdf);
        assertThat(Files.size(pdf)).isGreaterThan(1000);
    }

    @Test
    void complaintThresholdsAreSavedCheckedAndReadBack() {
        int[] read = new int[2];
        vm.saveThresholds(4, 3, () -> { });
        vm.loadThresholds((nps, csat) -> {
            read[0] = nps;
            read[1] = csat;
        });
        assertThat(read).containsExactly(4, 3);
        assertThat(ctx.surveys().threshold(SurveyKind.NPS)).isEqualTo(4);

        vm.saveThresholds(11, 3, () -> { });
        assertThat(vm.errorProperty().get()).isNotEmpty();
        assertThat(ctx.surveys().threshold(SurveyKind.NPS)).isEqualTo(4);
    }
    @Test
    void statusLineNamesTheShownSurveyAndItsListedResponses() {
        assertThat(vm.statusProperty().get()).isEqualTo("Net Promoter Score (NPS), version 1: showing 3 responses (newest first, at most 500).");
        vm.commentsOnlyProperty().set(true);
        assertThat(vm.statusProperty().get()).endsWith("showing 1 responses (newest first, at most 500).");
        vm.showStatus("Printed.");
        assertThat(vm.statusProperty().get()).isEqualTo("Printed.");
    }

    @Test
    void surveyWithAnswersIsNotDeletedButCanBeArchived() {
        Survey nps = vm.surveyProperty().get();
        AtomicReference<String> refused = new AtomicReference<>();
        vm.delete(nps, refused::set);
        assertThat(refused.get()).startsWith("This survey has 3 responses").contains("archive it instead");
        assertThat(vm.surveys()).extracting(SurveySummary::id).contains(nps.id());

        vm.archive(nps);
        assertThat(vm.surveys()).extracting(SurveySummary::id).doesNotContain(nps.id());
        assertThat(vm.surveyProperty().get().kind()).isEqualTo(SurveyKind.CSAT);
        assertThat(ctx.surveys().results(nps.id(), ResultFilter.all(), false).responses()).isEqualTo(3);
    }

    @Test
    void surveyWithoutAnswersIsDeleted() {
        Survey csat = ctx.surveys().get(2);
        AtomicReference<String> refused = new AtomicReference<>();
        vm.delete(csat, refused::set);
        assertThat(refused.get()).isNull();
        assertThat(vm.surveys()).extracting(SurveySummary::id).containsExactly(1L);
    }

    @Test
    void exportWritesEveryResponseOrTheResultsPageAndSaysWhere() throws java.io.IOException {
        assertThat(vm.exportFileName()).isEqualTo("Net-Promoter-Score-NPS-.xlsx");
        Path csv = dir.resolve("responses.csv");
        vm.export(csv);
        assertThat(vm.statusProperty().get()).isEqualTo("3 responses written to " + csv + ".");
        assertThat(Files.readAllLines(csv)).hasSize(4);
        Path xlsx = dir.resolve("responses.XLSX");
        vm.export(xlsx);
        assertThat(vm.statusProperty().get()).isEqualTo("3 responses written to " + xlsx + ".");
        assertThat(Files.size(xlsx)).isGreaterThan(1000);
        Path pdf = dir.resolve("results.pdf");
        vm.export(pdf);
        assertThat(vm.statusProperty().get()).isEqualTo("Results page written to " + pdf + ".");
        assertThat(Files.size(pdf)).isGreaterThan(1000);
        vm.export(csv.resolve("inside-a-file.csv"));
        assertThat(vm.statusProperty().get()).contains("could not be written");
    }

    @Test
    void anExcelExportInEitherLanguageImportsBackIntoTheSameSurvey() throws java.io.IOException {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Messages messages = new Messages(locale);
            Path xlsx = dir.resolve("responses-" + locale + ".xlsx");
            ResponseFiles files = new ResponseFiles(ctx.surveys(), messages);
            Survey nps = ctx.surveys().get(1);
            boolean zh = messages.isChinese();
            assertThat(ResponseFiles.automatic(List.of(messages.get("survey.export.code"), messages.get("survey.export.date"),
                    messages.get("survey.export.channel"), messages.get("survey.export.customer"), nps.questions().get(0).text(zh),
                    nps.questions().get(1).text(zh)), nps).fields()).containsExactly("code", "date", "channel", null, "q1", "q2");
            assertThat(files.export(ctx.surveys().get(1), ResultFilter.all(), ResponseFiles.Format.XLSX, xlsx)).isEqualTo(3);
            try (AppContext other = TestStores.open(dir.resolve("other-" + locale))) {
                TestStores.addKnownCustomers(other.customers());
                other.surveys().setComplaintOpener((c, t, n, at) -> -1);
                ResponseFiles.ImportResult result = new ResponseFiles(other.surveys(), messages).importFile(other.surveys().get(1), xlsx, null);
                assertThat(result.problems()).as(locale + ": the Excel headers (Code, Date, Channel, the questions) are read back").isEmpty();
                assertThat(result.imported()).isEqualTo(3);
                SurveyResults back = other.surveys().results(1, ResultFilter.all(), false);
                SurveyResults here = ctx.surveys().results(1, ResultFilter.all(), false);
                assertThat(back.responses()).isEqualTo(here.responses());
                assertThat(back.promoters()).isEqualTo(here.promoters());
                assertThat(back.detractors()).isEqualTo(here.detractors());
            }
        }
    }

    @Test
    void entryAndEditorStartFromTheShownSurvey() {
        vm.selectedProperty().set(vm.surveys().get(1));
        SurveyEntryViewModel entry = vm.walkInEntry();
        assertThat(entry.isWalkIn()).isTrue();
        assertThat(entry.surveyProperty().get().id()).isEqualTo(2L);
        assertThat(vm.surveyEditor().nameProperty().get()).isEqualTo(vm.surveyProperty().get().name());
        assertThat(vm.newSurveyEditor().nameProperty().get()).isEmpty();
        assertThat(vm.newSurveyEditor().questions()).hasSize(1);
    }

    @Test
    void customersAndTiersAreNamedAsTheListShowsThem() {
        assertThat(vm.responses()).extracting(vm::who).containsExactly("王小明 (000001)", "Walk-in", "Walk-in");
        assertThat(vm.tierName(new TierChoice(1, "Gold", "membership.tier.gold"))).isEqualTo("Gold");
        assertThat(vm.tierName(new TierChoice(2, "Jade circle", null))).isEqualTo("Jade circle");
        assertThat(vm.tierName(new TierChoice(3, "Jade circle", "membership.tier.none"))).isEqualTo("Jade circle");
        SurveyResultsViewModel zh = new SurveyResultsViewModel(ctx.surveys(), new SyncTaskRunner(), new Messages(Locale.SIMPLIFIED_CHINESE), List::of);
        assertThat(zh.tierName(new TierChoice(1, "Gold", "membership.tier.gold"))).isEqualTo(new Messages(Locale.SIMPLIFIED_CHINESE).get("membership.tier.gold"));
    }
}

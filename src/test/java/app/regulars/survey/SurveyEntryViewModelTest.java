package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry's view model with a synchronous runner: what is saved, and what is refused. */
class SurveyEntryViewModelTest {
    @TempDir
    Path dir;
    AppContext ctx;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir);
        TestStores.addKnownCustomers(ctx.customers());
        ctx.surveys().setComplaintOpener((c, t, n, at) -> -1);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void savesTheAnswersForTheCustomerAndRefusesBadOnesInTheUsersLanguage() {
        long xiaoming = ctx.customers().byCode("000001").orElseThrow().id();
        SurveyEntryViewModel vm = new SurveyEntryViewModel(ctx.surveys(), new SyncTaskRunner(), new Messages(Locale.ENGLISH), xiaoming, "王小明");
        vm.load(2L);
        Survey csat = vm.surveyProperty().get();
        assertThat(csat.kind()).isEqualTo(SurveyKind.CSAT);
        AtomicLong saved = new AtomicLong(-1);

        vm.score(csat.questions().get(0).id()).set("x");
        vm.save(saved::set);
        assertThat(vm.errorProperty().get()).isEqualTo("“How satisfied were you with your visit or call today?”: the score must be from 1 to 5.");
        assertThat(saved.get()).isEqualTo(-1);

        vm.score(csat.questions().get(0).id()).set("5");
        vm.text(csat.questions().get(1).id()).set("  ");
        vm.channelProperty().set(ResponseChannel.WECHAT);
        vm.save(saved::set);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(ctx.surveys().ofCustomer(xiaoming)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(saved.get());
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.channel()).isEqualTo(ResponseChannel.WECHAT);
            assertThat(r.comment()).isNull();
        });
        assertThat(vm.surveys()).extracting(SurveySummary::id).containsExactly(1L, 2L);
        assertThat(vm.answers()).extracting(Answer::questionId).contains(csat.questions().get(0).id());
        assertThat(List.copyOf(vm.answers())).hasSize(2);
    }

    @Test
    void aProfileShowsItsCustomersAnswersAndANewOneIsForThem() {
        long xiaoming = ctx.customers().byCode("000001").orElseThrow().id();
        CustomerAnswersViewModel answers = new CustomerAnswersViewModel(ctx.surveys(), new SyncTaskRunner(), new Messages(Locale.ENGLISH));
        answers.show(null, null);
        assertThat(answers.rows()).isEmpty();
        assertThat(answers.newAnswer()).as("no customer saved yet").isNull();

        answers.show(xiaoming, "王小明");
        assertThat(answers.rows()).isEmpty();
        SurveyEntryViewModel entry = answers.newAnswer();
        entry.load(2L);
        Survey csat = entry.surveyProperty().get();
        entry.score(csat.questions().get(0).id()).set("4");
        entry.save(id -> answers.reload());
        assertThat(answers.rows()).singleElement().satisfies(r -> assertThat(r.score()).isEqualTo(4));
    }
}
